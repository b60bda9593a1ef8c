/** What the step actors receive and return: the downstream contracts of ARCHITECTURE.md, JSON only. */

export interface StepInputBase {
  workflowId: string;
  userId: string;
  attempt: number;
  /** `<workflow id>:<step>:<attempt>`: downstream services use it to deduplicate replays. */
  idempotencyKey: string;
}

export interface ExtractedTransaction {
  id: string;
  date: string;
  /** Decimal string, never a binary float. */
  amount: string;
  currency: string;
  label: string;
  raw?: unknown;
  [extra: string]: unknown;
}

export interface ExtractionOutput {
  account: Record<string, unknown>;
  period: { start: string | null; end: string | null };
  currency: string | null;
  transactions: ExtractedTransaction[];
  [extra: string]: unknown;
}

export interface CategorisedTransaction {
  id: string;
  category: string;
  confidence: number;
  [extra: string]: unknown;
}

export interface AnalysisOutput {
  transactions: CategorisedTransaction[];
  summary: {
    income: string;
    expenses: string;
    net: string;
    by_category: Record<string, unknown>;
    by_month: Record<string, unknown>;
    [extra: string]: unknown;
  };
  [extra: string]: unknown;
}

export interface StorageOutput {
  transactionsStored: number;
  [extra: string]: unknown;
}

export interface ExtractInput extends StepInputBase {
  documentPath: string;
}

export interface AnalyzeInput extends StepInputBase {
  transactions: ExtractedTransaction[];
}

export interface StoreInput extends StepInputBase {
  documentPath: string;
  extraction: ExtractionOutput;
  analysis: AnalysisOutput;
}
