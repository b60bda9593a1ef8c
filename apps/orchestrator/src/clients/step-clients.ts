import type { AnalysisOutput, ExtractedTransaction, ExtractionOutput } from '@cashflow/workflow-machine';

export interface CallOptions {
  idempotencyKey: string;
  signal?: AbortSignal;
  /** Progress of a long step (pages of a PDF read or OCR'd), at most about once a second. */
  onProgress?: (progress: { done: number; total: number; unit: 'pages' }) => void;
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
