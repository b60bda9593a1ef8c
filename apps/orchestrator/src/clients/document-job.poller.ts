import type { AxiosInstance } from 'axios';
import { statusError } from './http-error.classifier.js';

/** GET /documents/jobs/{id} of the Document Processor (apps/document-processor document-jobs.ts). */
export interface DocumentJobView {
  job_id: string;
  status: 'running' | 'completed' | 'failed';
  progress: { done: number; total: number; unit: string } | null;
  result?: unknown;
  problem?: { status?: number; detail?: string; title?: string; code?: string };
}

const FIRST_POLLS_MS = [0, 100, 250, 500];
const POLL_MS = 1_000;

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    }, { once: true });
  });
}

/**
 * Polls a parse job until it ends: each poll is a short call of its own, so a long OCR outlives no HTTP timeout,
 * and each progress it reports is passed on (the step's heartbeat). A job the service no longer knows (it
 * restarted) is a transient error: the step's next attempt submits the document again.
 */
export async function pollDocumentJob(
  http: AxiosInstance,
  service: string,
  location: string,
  options: { signal?: AbortSignal; onProgress?: (p: { done: number; total: number; unit: string }) => void },
): Promise<unknown> {
  let lastDone = -1;
  for (let poll = 0; ; poll++) {
    await wait(FIRST_POLLS_MS[poll] ?? POLL_MS, options.signal);
    const { data: job } = await http.get<DocumentJobView>(location, { signal: options.signal });
    if (job.progress && job.progress.done !== lastDone) {
      lastDone = job.progress.done;
      options.onProgress?.(job.progress);
    }
    if (job.status === 'completed') return job.result;
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a StepError is plain data by design: toTaskError reads it and it lands in the JSON snapshot
    if (job.status === 'failed') throw statusError(service, job.problem?.status ?? 500, job.problem);
  }
}
