import { parentPort } from 'node:worker_threads';

import { analyzeTransactions } from '@cashflow/categorizer';
import { parseStatement, toDocumentResult } from '@cashflow/statement-parser';

import type { TaskStarted, WorkerFailure, WorkerOutcome, WorkerTask } from './worker-task.types.js';

/** The piscina task: runs in a worker thread, never on the service's event loop. */
export default function run(task: WorkerTask): WorkerOutcome {
  parentPort?.postMessage({ started: task.id } satisfies TaskStarted);
  try {
    const value =
      task.kind === 'parse'
        ? toDocumentResult(parseStatement(task.bytes, task.options))
        : analyzeTransactions(task.input, { ruleSets: task.ruleSets });
    return { ok: true, value };
  } catch (error) {
    const e = error as Error & Record<string, unknown>;
    return {
      ok: false,
      error: {
        name: e?.name ?? 'Error',
        message: e?.message ?? String(error),
        ...(typeof e?.code === 'string' ? { code: e.code } : {}),
        ...(e?.location && typeof e.location === 'object' ? { location: e.location as WorkerFailure['location'] } : {}),
        ...(typeof e?.field === 'string' ? { field: e.field } : {}),
        ...(typeof e?.detail === 'string' ? { detail: e.detail } : {}),
      },
    };
  }
}
