import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { EngineLogger, TaskImplementation } from './engine-options.js';
import type { EngineStore, TaskRow } from './engine-store.js';

type Outcome = { ok: true; output: unknown } | { ok: false; error: unknown };

/** The workflow as committed by the transition that started a task: its outcome is applied to it without a read. */
export interface TaskOrigin {
  machine: AnyStateMachine;
  snapshot: AnyMachineSnapshot;
  machineVersion: number;
  version: number;
}

interface RunnerOptions {
  owner: string;
  leaseMs: number;
  store: EngineStore;
  tasks: Record<string, TaskImplementation>;
  toTaskError: (error: unknown) => unknown;
  logger: EngineLogger;
  deliver: (task: TaskRow, outcome: Outcome, origin: TaskOrigin | null) => Promise<void>;
}

interface RunningTask {
  task: TaskRow;
  origin: TaskOrigin | null;
  controller: AbortController;
  done: Promise<void>;
}

/** Runs the step tasks leased to this replica, keeps their leases alive, and aborts the ones it loses. */
export class TaskRunner {
  private readonly running = new Map<string, RunningTask>();
  /** Task ids by workflow, so a commit finds the tasks to stop without scanning every running task. */
  private readonly byWorkflow = new Map<string, Set<string>>();
  private renewTimer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(private readonly options: RunnerOptions) {}

  get size(): number {
    return this.running.size;
  }

  /** `origin` is kept only while the task runs, so a workflow waiting for a timer costs no memory. */
  /** Returns false when the task is already running here (its lease lapsed during an outage and was re-claimed). */
  run(task: TaskRow, origin: TaskOrigin | null = null): boolean {
    if (this.running.has(task.id) || this.stopping) return false;
    const controller = new AbortController();
    const entry: RunningTask = { task, origin, controller, done: Promise.resolve() };
    this.running.set(task.id, entry);
    const ofWorkflow = this.byWorkflow.get(task.workflow_id) ?? new Set<string>();
    this.byWorkflow.set(task.workflow_id, ofWorkflow.add(task.id));
    entry.done = this.execute(entry).finally(() => {
      this.running.delete(task.id);
      ofWorkflow.delete(task.id);
      if (ofWorkflow.size === 0 && this.byWorkflow.get(task.workflow_id) === ofWorkflow) this.byWorkflow.delete(task.workflow_id);
    });
    return true;
  }

  /** The machine stopped this actor (cancel, timeout, retry wait): stop calling downstream. */
  abortActor(workflowId: string, actorId: string, keep: Set<string>): void {
    for (const id of this.byWorkflow.get(workflowId) ?? []) {
      const entry = this.running.get(id);
      if (entry && entry.task.actor_id === actorId && !keep.has(id)) {
        entry.controller.abort(new Error('step stopped by the workflow'));
      }
    }
  }

  startRenewing(): void {
    this.stopping = false;
    // Fire-and-forget: renew() logs a failed renewal and never rejects.
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

  private async execute({ task, controller, origin }: RunningTask): Promise<void> {
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
    await this.deliverWithRetry(task, outcome, origin);
  }

  /** A result is worth keeping through a short database outage; past the lease another replica re-runs it. */
  private async deliverWithRetry(task: TaskRow, outcome: Outcome, origin: TaskOrigin | null): Promise<void> {
    const deadline = Date.now() + this.options.leaseMs;
    for (let delay = 100; ; delay = Math.min(delay * 2, 5_000)) {
      try {
        await this.options.deliver(task, outcome, origin);
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
