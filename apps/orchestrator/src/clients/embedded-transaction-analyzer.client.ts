import { analyzeTransactions, CategorizerError, type AnalysisTransactionInput } from '@cashflow/categorizer';
import type { AnalysisOutput, ExtractedTransaction, StepError } from '@cashflow/workflow-machine';
import type { CallOptions, TransactionAnalyzerClient } from './step-clients.js';

/** The Transaction Analyzer's library, called in-process when TRANSACTION_ANALYZER_URL is unset. */
export class EmbeddedTransactionAnalyzerClient implements TransactionAnalyzerClient {
  readonly mode = 'embedded' as const;

  async analyze(request: { user_id: string; transactions: ExtractedTransaction[] }, _options: CallOptions): Promise<AnalysisOutput> {
    try {
      const result = analyzeTransactions({ user_id: request.user_id, transactions: request.transactions as AnalysisTransactionInput[] });
      return result as unknown as AnalysisOutput;
    } catch (error) {
      // The same input fails the same way: a permanent failure, never retried.
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a StepError is plain data by design: toTaskError reads it and it lands in the JSON snapshot
      if (error instanceof CategorizerError) throw { kind: 'permanent', code: error.code, message: error.message } satisfies StepError;
      throw error;
    }
  }
}
