import type { AnalysisOutput, ExtractedTransaction } from '@cashflow/workflow-machine';
import type { CallOptions, TransactionAnalyzerClient } from './step-clients.js';

/** The Transaction Analyzer's library, called in-process when TRANSACTION_ANALYZER_URL is unset. */
export class EmbeddedTransactionAnalyzerClient implements TransactionAnalyzerClient {
  readonly mode = 'embedded' as const;

  async analyze(_request: { user_id: string; transactions: ExtractedTransaction[] }, _options: CallOptions): Promise<AnalysisOutput> {
    throw { kind: 'permanent', code: 'NOT_AVAILABLE', message: 'the embedded transaction analyzer is not wired yet' };
  }
}
