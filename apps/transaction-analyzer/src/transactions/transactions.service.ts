import { loadRuleSet, type AnalysisResult, type AnalysisTransactionInput, type CategorizationRuleSet } from '@cashflow/categorizer';
import { DocumentWorkerPool } from '@cashflow/worker-pool';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ANALYZER_CONFIG, type AnalyzerConfig } from '../config/analyzer-config.js';
import { toCategorizerProblem } from './categorizer-problems.js';
import type { AnalyzeTransactionsDto } from './dto/analyze-transactions.dto.js';

@Injectable()
export class TransactionsService implements OnApplicationShutdown {
  private readonly logger = new Logger(TransactionsService.name);
  // Categorising runs in worker threads within the budgets: the event loop keeps answering meanwhile.
  private readonly workers: DocumentWorkerPool;

  constructor(@Inject(ANALYZER_CONFIG) private readonly config: AnalyzerConfig) {
    this.workers = new DocumentWorkerPool(config.budgets);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.workers.close();
  }

  async analyze(dto: AnalyzeTransactionsDto, idempotencyKey?: string): Promise<AnalysisResult> {
    let requestRules: CategorizationRuleSet | undefined;
    try {
      requestRules = dto.rules === undefined ? undefined : loadRuleSet(dto.rules);
    } catch (error) {
      throw toCategorizerProblem(error, 'rules');
    }
    const ruleSets = [requestRules, this.config.ruleSet].filter((set): set is CategorizationRuleSet => set !== undefined);
    try {
      const input = { user_id: dto.user_id, transactions: dto.transactions as AnalysisTransactionInput[] };
      const result = await this.workers.analyzeTransactions(input, ruleSets);
      // Analysis is pure: the Idempotency-Key only ties this log line to the caller's attempt.
      this.logger.log(`analysed ${result.transactions.length} transactions user=${dto.user_id}${idempotencyKey ? ` idempotency-key=${idempotencyKey}` : ''}`);
      return result;
    } catch (error) {
      throw toCategorizerProblem(error);
    }
  }
}
