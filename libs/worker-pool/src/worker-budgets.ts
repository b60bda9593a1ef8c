import { DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_STATEMENT_ROWS } from '@cashflow/statement-parser';

/** What one document may cost; each is a variable of the services that run the pool (see .env.example). */
export interface WorkerBudgets {
  /** PARSE_TIMEOUT_MS: longest a worker may work on one document (or one analysis) before it is ended. */
  timeoutMs: number;
  /** PARSE_MAX_HEAP_MB: a worker's JS heap (resourceLimits.maxOldGenerationSizeMb); over it the worker dies, alone. */
  maxHeapMb: number;
  /** PARSE_WORKERS: worker threads at most; documents beyond them wait in the queue. */
  threads: number;
  /** MAX_STATEMENT_ROWS: transactions one document may hold. */
  maxRows: number;
  /** MAX_DOCUMENT_BYTES: bytes one document may have, checked before it is read. */
  maxBytes: number;
}

export const DEFAULT_WORKER_BUDGETS: WorkerBudgets = {
  // Under the orchestrator's 30 s STEP_TIMEOUT_MS, so a document over budget fails permanently before the step times out.
  timeoutMs: 20_000,
  maxHeapMb: 1024,
  threads: 2,
  maxRows: DEFAULT_MAX_STATEMENT_ROWS,
  maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
};
