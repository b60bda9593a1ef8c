import type { CommitResult, CommitTransitionParams, EngineStore } from './engine-store.js';

interface Pending {
  params: CommitTransitionParams;
  resolve: (result: CommitResult) => void;
  reject: (error: unknown) => void;
}

export interface BatcherOptions {
  /** Batches sent at the same time; while they are in flight, new commits wait and go in the next batch. */
  maxInFlight?: number;
  maxBatch?: number;
}

/**
 * Group commit: the transitions that become ready while earlier ones are being written go to the database
 * together, in one statement and one WAL flush, as a job queue fetches and completes jobs in batches. A commit
 * that arrives when nothing is in flight is sent alone, at once, so a quiet engine adds no latency.
 */
export class CommitBatcher {
  private readonly queue: Pending[] = [];
  private readonly maxInFlight: number;
  private readonly maxBatch: number;
  private inFlight = 0;

  constructor(
    private readonly store: EngineStore,
    options: BatcherOptions = {},
  ) {
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 2);
    this.maxBatch = Math.max(1, options.maxBatch ?? 64);
  }

  commit(params: CommitTransitionParams): Promise<CommitResult> {
    if (!this.store.commitTransitions) return this.store.commitTransition(params);
    return new Promise<CommitResult>((resolve, reject) => {
      this.queue.push({ params, resolve, reject });
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      // Fire-and-forget: send() settles every pending commit itself (resolve or reject) and never rejects.
      void this.send(batch).finally(() => {
        this.inFlight--;
        this.flush();
      });
    }
  }

  private async send(batch: Pending[]): Promise<void> {
    if (batch.length === 1) return this.sendOne(batch[0]!);
    // One lock order for every batch of every replica: two batches touching the same workflows cannot deadlock.
    batch.sort((a, b) => (a.params.workflow_id < b.params.workflow_id ? -1 : a.params.workflow_id > b.params.workflow_id ? 1 : 0));
    let results: CommitResult[];
    try {
      results = await this.store.commitTransitions!(batch.map((p) => p.params));
    } catch {
      // The statement is atomic, so nothing of it was kept: one item's error (a constraint, a bad payload) must
      // not fail the others, so each is sent again alone and gets its own answer or error.
      await Promise.all(batch.map((pending) => this.sendOne(pending)));
      return;
    }
    batch.forEach((pending, i) => pending.resolve(results[i]!));
  }

  private async sendOne(pending: Pending): Promise<void> {
    try {
      pending.resolve(await this.store.commitTransition(pending.params));
    } catch (error) {
      pending.reject(error);
    }
  }
}
