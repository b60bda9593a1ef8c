import { CategorizerError, type AnalysisTransactionInput } from '@cashflow/categorizer';
import type { DocumentWorkerPool } from '@cashflow/worker-pool';
import type { AnalysisOutput, ExtractedTransaction, StepError } from '@cashflow/workflow-machine';
import type { CallOptions, TransactionAnalyzerClient } from './step-clients.js';

/** The Transaction Analyzer's library, called in-process (in a worker thread) when TRANSACTION_ANALYZER_URL is unset. */
export class EmbeddedTransactionAnalyzerClient implements TransactionAnalyzerClient {
  readonly mode = 'embedded' as const;
  constructor(private readonly workers: DocumentWorkerPool) {}

  async analyze(request: { user_id: string; transactions: ExtractedTransaction[] }, options: CallOptions): Promise<AnalysisOutput> {
    try {
      const input = { user_id: request.user_id, transactions: request.transactions as AnalysisTransactionInput[] };
      const result = await this.workers.analyzeTransactions(input, [], options.signal);
      return result as unknown as AnalysisOutput;
    } catch (error) {
      // The same input fails the same way: a permanent failure, never retried.
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a StepError is plain data by design: toTaskError reads it and it lands in the JSON snapshot
      if (error instanceof CategorizerError) throw { kind: 'permanent', code: error.code, message: error.message } satisfies StepError;
      throw error;
    }
  }
}
