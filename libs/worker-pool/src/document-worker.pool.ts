import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { CategorizerError, type AnalysisInput, type AnalysisResult, type CategorizationRuleSet } from '@cashflow/categorizer';
import { StatementParseError, type DocumentResult, type ParseOptions, type StatementParseErrorCode } from '@cashflow/statement-parser';
import { Piscina } from 'piscina';

import { DEFAULT_WORKER_BUDGETS, type WorkerBudgets } from './worker-budgets.js';
import type { TaskBody, TaskStarted, WorkerFailure, WorkerOutcome, WorkerTask } from './worker-task.types.js';

/**
 * The worker entry is always the built JS (`dist/document.worker.js`): from `dist/` this is the file beside
 * this one, and from `src/` (tests run the TypeScript through SWC) it is the build next to it, so tests that
 * use the pool need `npm run build` first, as `npm test` does.
 */
export const WORKER_FILE = fileURLToPath(new URL('../dist/document.worker.js', import.meta.url));

type BudgetError = (limit: string, detail: string) => Error;

const parseBudgetError: BudgetError = (limit, detail) =>
  new StatementParseError('LIMIT_EXCEEDED', `the document is over its budget: ${detail} (${limit}); the worker parsing it was stopped`);
const analysisBudgetError: BudgetError = (limit, detail) =>
  new CategorizerError('LIMIT_EXCEEDED', 'transactions', `the analysis is over its budget: ${detail} (${limit}); the worker running it was stopped`);

function rebuild(kind: WorkerTask['kind'], failure: WorkerFailure): Error {
  if (failure.name === 'StatementParseError') {
    return new StatementParseError(failure.code as StatementParseErrorCode, failure.message, failure.location ?? {});
  }
  if (failure.name === 'CategorizerError') {
    return new CategorizerError(failure.code as CategorizerError['code'], failure.field ?? '$', failure.detail ?? failure.message);
  }
  // Anything else a parser or the categorizer threw fails the same way on the same input: permanent.
  return kind === 'parse'
    ? new StatementParseError('MALFORMED_DOCUMENT', `the document could not be read (${failure.name}: ${failure.message.slice(0, 200)})`)
    : new CategorizerError('INVALID_INPUT', '$', `the analysis failed (${failure.name}: ${failure.message.slice(0, 200)})`);
}

/**
 * Parsing and categorising in worker threads: the service's event loop keeps answering (health checks,
 * other requests) while a large statement is read. Each task has PARSE_TIMEOUT_MS from the moment a worker
 * picks it up and a heap of PARSE_MAX_HEAP_MB; over either, the worker is terminated and the task fails
 * with a permanent error naming the limit.
 */
export class DocumentWorkerPool {
  readonly budgets: WorkerBudgets;
  private readonly pool: Piscina;
  private readonly starts = new Map<number, () => void>();
  private nextId = 1;

  constructor(budgets: Partial<WorkerBudgets> = {}) {
    this.budgets = { ...DEFAULT_WORKER_BUDGETS, ...budgets };
    if (!existsSync(WORKER_FILE)) throw new Error(`the worker entry ${WORKER_FILE} is missing: run npm run build`);
    this.pool = new Piscina({
      filename: WORKER_FILE,
      minThreads: 0,
      maxThreads: this.budgets.threads,
      idleTimeout: 30_000,
      resourceLimits: { maxOldGenerationSizeMb: this.budgets.maxHeapMb },
    });
    this.pool.on('message', (message: TaskStarted) => this.starts.get(message?.started)?.());
    // A worker that dies (heap limit) rejects its task; the pool itself must not crash the process.
    this.pool.on('error', () => undefined);
  }

  /** Parses a statement within the budgets; `bytes` is moved to the worker, not copied (do not use it after). */
  parseDocument(bytes: Uint8Array, options: ParseOptions = {}, signal?: AbortSignal): Promise<DocumentResult> {
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
    const task: TaskBody = {
      kind: 'parse',
      bytes: own,
      options: { ...options, maxRows: options.maxRows ?? this.budgets.maxRows, maxBytes: options.maxBytes ?? this.budgets.maxBytes },
    };
    return this.run(task, [own.buffer as ArrayBuffer], parseBudgetError, signal) as Promise<DocumentResult>;
  }

  analyzeTransactions(input: AnalysisInput, ruleSets: CategorizationRuleSet[] = [], signal?: AbortSignal): Promise<AnalysisResult> {
    return this.run({ kind: 'analyze', input, ruleSets }, [], analysisBudgetError, signal) as Promise<AnalysisResult>;
  }

  async close(): Promise<void> {
    await this.pool.close({ force: true });
  }

  private async run(task: TaskBody, transferList: ArrayBuffer[], budgetError: BudgetError, signal?: AbortSignal): Promise<unknown> {
    const id = this.nextId++;
    const abort = new AbortController();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    this.starts.set(id, () => {
      timer = setTimeout(() => {
        timedOut = true;
        abort.abort();
      }, this.budgets.timeoutMs);
    });
    const onCallerAbort = () => abort.abort(signal?.reason);
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    if (signal?.aborted) abort.abort(signal.reason);
    try {
      const outcome = (await this.pool.run({ ...task, id }, { transferList, signal: abort.signal })) as WorkerOutcome;
      if (!outcome.ok) throw rebuild(task.kind, outcome.error);
      return outcome.value;
    } catch (error) {
      if (timedOut) throw budgetError(`PARSE_TIMEOUT_MS=${this.budgets.timeoutMs}`, `it took longer than ${this.budgets.timeoutMs} ms`);
      if ((error as { code?: string })?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw budgetError(`PARSE_MAX_HEAP_MB=${this.budgets.maxHeapMb}`, `it needed more than ${this.budgets.maxHeapMb} MB of heap`);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      this.starts.delete(id);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }
}
