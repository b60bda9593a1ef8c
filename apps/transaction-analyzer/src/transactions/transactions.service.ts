import { analyzeTransactions, loadRuleSet, type AnalysisResult, type AnalysisTransactionInput, type CategorizationRuleSet } from '@cashflow/categorizer';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ANALYZER_CONFIG, type AnalyzerConfig } from '../config/analyzer-config.js';
import { toCategorizerProblem } from './categorizer-problems.js';
import type { AnalyzeTransactionsDto } from './dto/analyze-transactions.dto.js';

@Injectable()
export class TransactionsService {
  private readonly logger = new Logger(TransactionsService.name);

  constructor(@Inject(ANALYZER_CONFIG) private readonly config: AnalyzerConfig) {}

  analyze(dto: AnalyzeTransactionsDto, idempotencyKey?: string): AnalysisResult {
    let requestRules: CategorizationRuleSet | undefined;
    try {
      requestRules = dto.rules === undefined ? undefined : loadRuleSet(dto.rules);
    } catch (error) {
      throw toCategorizerProblem(error, 'rules');
    }
    const ruleSets = [requestRules, this.config.ruleSet].filter((set): set is CategorizationRuleSet => set !== undefined);
    try {
      const result = analyzeTransactions({ user_id: dto.user_id, transactions: dto.transactions as AnalysisTransactionInput[] }, { ruleSets });
      // Analysis is pure: the Idempotency-Key only ties this log line to the caller's attempt.
      this.logger.log(`analysed ${result.transactions.length} transactions user=${dto.user_id}${idempotencyKey ? ` idempotency-key=${idempotencyKey}` : ''}`);
      return result;
    } catch (error) {
      throw toCategorizerProblem(error);
    }
  }
}
