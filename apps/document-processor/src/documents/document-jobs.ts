import { ProblemException, type ProblemInit } from '@cashflow/nest-http';
import type { DocumentResult, PdfProgress } from '@cashflow/statement-parser';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

export type JobStatus = 'running' | 'completed' | 'failed';

export interface DocumentJob {
  job_id: string;
  status: JobStatus;
  progress: PdfProgress | null;
  result?: DocumentResult;
  /** The problem+json the synchronous call would have answered (status 4xx/5xx inside). */
  problem?: ProblemInit;
  created_at: string;
  finished_at?: string;
}

/** A finished job is kept this long for its caller to fetch; a restart forgets every job (the caller submits again). */
const KEEP_MS = 15 * 60_000;
const MAX_JOBS = 1000;

/** Long parses (OCR of a scan) answered 202 with a job to poll, so no HTTP call has to outlive its client's timeout. */
@Injectable()
export class DocumentJobs implements OnModuleDestroy {
  private readonly logger = new Logger(DocumentJobs.name);
  private readonly jobs = new Map<string, DocumentJob>();
  private readonly byKey = new Map<string, string>();
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  /** Starts `run` as a job; the same Idempotency-Key returns the job it already started. */
  start(idempotencyKey: string | undefined, run: (onProgress: (p: PdfProgress) => void) => Promise<DocumentResult>): DocumentJob {
    const existing = idempotencyKey ? this.jobs.get(this.byKey.get(idempotencyKey) ?? '') : undefined;
    if (existing) return existing;
    if (this.jobs.size >= MAX_JOBS) this.sweep();
    if (this.jobs.size >= MAX_JOBS) throw new ProblemException({ type: '/problems/too-many-jobs', title: 'Too many jobs', status: 503, detail: `${MAX_JOBS} parse jobs are kept already; retry later` });
    const job: DocumentJob = { job_id: randomUUID(), status: 'running', progress: null, created_at: new Date().toISOString() };
    this.jobs.set(job.job_id, job);
    if (idempotencyKey) this.byKey.set(idempotencyKey, job.job_id);
    run((progress) => (job.progress = progress)).then(
      (result) => Object.assign(job, { status: 'completed', result, finished_at: new Date().toISOString() }),
      (error: unknown) => {
        const problem = error instanceof ProblemException ? error.problem : { type: '/problems/internal', title: 'Internal error', status: 500, detail: 'the parse failed unexpectedly' };
        if (!(error instanceof ProblemException)) this.logger.error(`job ${job.job_id} failed: ${(error as Error).stack ?? String(error)}`);
        Object.assign(job, { status: 'failed', problem, finished_at: new Date().toISOString() });
      },
    );
    return job;
  }

  get(id: string): DocumentJob {
    const job = this.jobs.get(id);
    if (!job) throw ProblemException.notFound(`no parse job ${id}: unknown, expired (kept ${KEEP_MS / 60_000} minutes after it ends) or lost in a restart; submit the document again`);
    return job;
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const limit = Date.now() - KEEP_MS;
    for (const [id, job] of this.jobs) {
      if (job.finished_at && Date.parse(job.finished_at) < limit) this.jobs.delete(id);
    }
    for (const [key, id] of this.byKey) if (!this.jobs.has(id)) this.byKey.delete(key);
  }
}
