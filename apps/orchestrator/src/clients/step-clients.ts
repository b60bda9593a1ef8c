import type { AnalysisOutput, ExtractedTransaction, ExtractionOutput } from '@cashflow/workflow-machine';

export interface CallOptions {
  idempotencyKey: string;
  signal?: AbortSignal;
  /** How far a long call has got (pages of a PDF, say): a heartbeat for the step's deadline. */
  onProgress?: (progress: { done: number; total: number; unit: string }) => void;
}

/** Statement file -> transactions (ARCHITECTURE.md: POST /documents/process). */
export interface DocumentProcessorClient {
  readonly mode: 'http' | 'embedded';
  process(request: { document_path: string; user_id: string }, options: CallOptions): Promise<ExtractionOutput>;
}

/** Transactions -> categories and cashflow summary (POST /transactions/analyze). */
export interface TransactionAnalyzerClient {
  readonly mode: 'http' | 'embedded';
  analyze(request: { user_id: string; transactions: ExtractedTransaction[] }, options: CallOptions): Promise<AnalysisOutput>;
}

export const DOCUMENT_PROCESSOR_CLIENT = Symbol('DocumentProcessorClient');
export const TRANSACTION_ANALYZER_CLIENT = Symbol('TransactionAnalyzerClient');
