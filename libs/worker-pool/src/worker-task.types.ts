import type { AnalysisInput, AnalysisResult, CategorizationRuleSet } from '@cashflow/categorizer';
import type { DocumentResult, ParseOptions } from '@cashflow/statement-parser';

export type TaskBody =
  | { kind: 'parse'; bytes: Uint8Array; options: ParseOptions }
  | { kind: 'analyze'; input: AnalysisInput; ruleSets: CategorizationRuleSet[] };

export type WorkerTask = TaskBody & { id: number };

/** An error crosses the thread boundary as plain fields: structured cloning keeps only an Error's message. */
export interface WorkerFailure {
  name: string;
  message: string;
  code?: string;
  location?: { line?: number; element?: string };
  field?: string;
  detail?: string;
}

export type WorkerOutcome = { ok: true; value: DocumentResult | AnalysisResult } | { ok: false; error: WorkerFailure };

/** Posted by the worker when it picks a task up: the time budget counts from then, not from the queue. */
export interface TaskStarted {
  started: number;
}
