/** What the step actors receive and return: the downstream contracts of ARCHITECTURE.md, JSON only. */

export interface StepInputBase {
  workflowId: string;
  userId: string;
  attempt: number;
  /** `<workflow id>:<step>:<attempt>`: downstream services use it to deduplicate replays. */
  idempotencyKey: string;
  /** The attempt's deadline: this long without finishing or reporting progress, and it fails as STEP_TIMEOUT. */
  timeoutMs?: number;
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

/**
 * A claim check: a step's whole output is written once, beside the workflow (the engine's step outputs), and the
 * machine keeps only this reference and the small facts below, so a snapshot's size does not grow with the
 * statement. `inline` carries the output itself only for snapshots lifted from machine version 1.
 */
export interface OutputRef {
  output: string;
  inline?: unknown;
}

/** The extraction without its transactions: account, period, currency, balances, warnings, counts. */
export interface ExtractionFacts {
  ref: OutputRef;
  account: Record<string, unknown>;
  period: { start: string | null; end: string | null };
  currency: string | null;
  transaction_count: number;
  [extra: string]: unknown;
}

/** The analysis without its per-transaction categories: the summary and counts. */
export interface AnalysisFacts {
  ref: OutputRef;
  summary: AnalysisOutput['summary'];
  transaction_count: number;
  [extra: string]: unknown;
}

export interface ExtractInput extends StepInputBase {
  documentPath: string;
}

export interface AnalyzeInput extends StepInputBase {
  extraction: OutputRef;
}

export interface StoreInput extends StepInputBase {
  documentPath: string;
  extraction: OutputRef;
  analysis: OutputRef;
}

/** Step inputs as machine version 1 wrote them into task rows still in flight: the outputs inline. */
export interface AnalyzeInputV1 extends StepInputBase {
  transactions: ExtractedTransaction[];
}

export interface StoreInputV1 extends StepInputBase {
  documentPath: string;
  extraction: ExtractionOutput;
  analysis: AnalysisOutput;
}
