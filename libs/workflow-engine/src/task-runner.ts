import type { EngineLogger, TaskImplementation } from './engine-options.js';
import type { EngineStore, TaskRow } from './engine-store.js';

type Outcome = { ok: true; output: unknown } | { ok: false; error: unknown };

interface RunnerOptions {
  owner: string;
  leaseMs: number;
  store: EngineStore;
  tasks: Record<string, TaskImplementation>;
  toTaskError: (error: unknown) => unknown;
  logger: EngineLogger;
  deliver: (task: TaskRow, outcome: Outcome) => Promise<void>;
}

interface RunningTask {
  task: TaskRow;
  controller: AbortController;
  done: Promise<void>;
}

/** Runs the step tasks leased to this replica, keeps their leases alive, and aborts the ones it loses. */
export class TaskRunner {
  private readonly running = new Map<string, RunningTask>();
  private renewTimer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(private readonly options: RunnerOptions) {}

  get size(): number {
    return this.running.size;
  }

  run(task: TaskRow): void {
    if (this.running.has(task.id) || this.stopping) return;
    const controller = new AbortController();
    const entry: RunningTask = { task, controller, done: Promise.resolve() };
    this.running.set(task.id, entry);
    entry.done = this.execute(task, controller).finally(() => this.running.delete(task.id));
  }

  /** The machine stopped this actor (cancel, timeout, retry wait): stop calling downstream. */
  abortActor(workflowId: string, actorId: string, keep: Set<string>): void {
    for (const [id, entry] of this.running) {
      if (entry.task.workflow_id === workflowId && entry.task.actor_id === actorId && !keep.has(id)) {
        entry.controller.abort(new Error('step stopped by the workflow'));
      }
    }
  }

  startRenewing(): void {
    this.stopping = false;
    this.renewTimer = setInterval(() => void this.renew(), Math.max(50, Math.floor(this.options.leaseMs / 3)));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
    const entries = [...this.running.values()];
    for (const entry of entries) entry.controller.abort(new Error('replica shutting down'));
    await Promise.allSettled(entries.map((e) => e.done));
  }

  private async renew(): Promise<void> {
    const ids = [...this.running.keys()];
    if (ids.length === 0) return;
    try {
      const renewed = new Set(await this.options.store.renewLeases(this.options.owner, ids, this.options.leaseMs));
      for (const id of ids) {
        const entry = this.running.get(id);
        if (entry && !renewed.has(id)) {
          this.options.logger.warn('lost the lease of a running step; aborting it', { workflowId: entry.task.workflow_id, taskId: id });
          entry.controller.abort(new Error('lease lost'));
        }
      }
    } catch (error) {
      this.options.logger.warn('renewing step leases failed; will try again', { error: String(error) });
    }
  }

  private async execute(task: TaskRow, controller: AbortController): Promise<void> {
    const implementation = this.options.tasks[task.src];
    let outcome: Outcome;
    try {
      if (!implementation) throw new Error(`no implementation registered for step "${task.src}"`);
      const output = await implementation(task.input, {
        taskId: task.id,
        workflowId: task.workflow_id,
        signal: controller.signal,
        run: task.runs,
      });
      outcome = { ok: true, output };
    } catch (error) {
      outcome = { ok: false, error: this.options.toTaskError(error) };
    }
    // Aborted here (the workflow stopped the step, the lease was lost, or this replica is shutting down): the
    // transition that stopped it is already committed, or another replica re-runs it; nothing to report.
    if (controller.signal.aborted || this.stopping) return;
    await this.deliverWithRetry(task, outcome);
  }

  /** A result is worth keeping through a short database outage; past the lease another replica re-runs it. */
  private async deliverWithRetry(task: TaskRow, outcome: Outcome): Promise<void> {
    const deadline = Date.now() + this.options.leaseMs;
    for (let delay = 100; ; delay = Math.min(delay * 2, 5_000)) {
      try {
        await this.options.deliver(task, outcome);
        return;
      } catch (error) {
        if (Date.now() + delay > deadline || this.stopping) {
          this.options.logger.error('could not record a step result; the step will run again', { workflowId: task.workflow_id, taskId: task.id, error: String(error) });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
