import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { EngineLogger, StepOutputRef, TaskImplementation } from './engine-options.js';
import type { EngineStore, TaskProgress, TaskRow } from './engine-store.js';

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
  readOutput: (workflowId: string, ref: StepOutputRef) => Promise<unknown>;
  progressIntervalMs: number;
  onProgress?: (task: TaskRow, progress: TaskProgress) => void;
}

/*
 * Recording a result can fail the same way on every replay: a value the database cannot hold (too large, out of
 * range), or out of memory building it. Replaying the step would loop forever: the step fails permanently instead.
 * PostgreSQL classes 22 (data exception), 53 (insufficient resources) and 54 (program limit exceeded).
 */
function isUnstorable(error: unknown): boolean {
  if (error instanceof RangeError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22|53|54)[0-9A-Z]{3}$/.test(code);
}

interface RunningTask {
  task: TaskRow;
  origin: TaskOrigin | null;
  controller: AbortController;
  done: Promise<void>;
  /** Throttled progress: the last report written and the latest one not written yet. */
  progressWrittenAt: number;
  progressPending: TaskProgress | null;
  progressTimer: NodeJS.Timeout | null;
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
    const entry: RunningTask = { task, origin, controller, done: Promise.resolve(), progressWrittenAt: 0, progressPending: null, progressTimer: null };
    this.running.set(task.id, entry);
    const ofWorkflow = this.byWorkflow.get(task.workflow_id) ?? new Set<string>();
    this.byWorkflow.set(task.workflow_id, ofWorkflow.add(task.id));
    entry.done = this.execute(entry).finally(() => {
      if (entry.progressTimer) clearTimeout(entry.progressTimer);
      this.running.delete(task.id);
      ofWorkflow.delete(task.id);
      if (ofWorkflow.size === 0 && this.byWorkflow.get(task.workflow_id) === ofWorkflow) this.byWorkflow.delete(task.workflow_id);
    });
    return true;
  }

  /** The task missed its deadline: whatever it answers now is not wanted. */
  abortTask(taskId: string): void {
    this.running.get(taskId)?.controller.abort(new Error('step deadline passed'));
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

  /** Aborts every running task and waits for them (a grace period at most); answers how many were running. */
  async stop(): Promise<number> {
    this.stopping = true;
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
    const entries = [...this.running.values()];
    for (const entry of entries) entry.controller.abort(new Error('replica shutting down'));
    // A step deaf to its signal must not hold the shutdown: its lease is released after a grace period anyway.
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(entries.map((e) => e.done)),
      new Promise((resolve) => (grace = setTimeout(resolve, Math.min(5_000, this.options.leaseMs)))),
    ]);
    clearTimeout(grace);
    return entries.length;
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

  /** At most one write per interval per task; the latest report of an interval is the one written. */
  private progress(entry: RunningTask, progress: TaskProgress): void {
    if (entry.controller.signal.aborted) return;
    entry.progressPending = progress;
    if (entry.progressTimer) return;
    const wait = Math.max(0, entry.progressWrittenAt + this.options.progressIntervalMs - Date.now());
    entry.progressTimer = setTimeout(() => {
      entry.progressTimer = null;
      const pending = entry.progressPending;
      entry.progressPending = null;
      if (!pending || entry.controller.signal.aborted) return;
      entry.progressWrittenAt = Date.now();
      this.options.onProgress?.(entry.task, pending);
      void this.writeProgress(entry, pending);
    }, wait);
  }

  private async writeProgress(entry: RunningTask, progress: TaskProgress): Promise<void> {
    if (!this.options.store.reportProgress) return;
    try {
      const held = await this.options.store.reportProgress(this.options.owner, entry.task.id, progress);
      if (!held) entry.controller.abort(new Error('the task is no longer this replica\'s'));
    } catch (error) {
      this.options.logger.warn('recording step progress failed; the step goes on', { workflowId: entry.task.workflow_id, taskId: entry.task.id, error: String(error) });
    }
  }

  private async execute(entry: RunningTask): Promise<void> {
    const { task, controller, origin } = entry;
    const implementation = this.options.tasks[task.src];
    let outcome: Outcome;
    try {
      if (!implementation) throw new Error(`no implementation registered for step "${task.src}"`);
      const output = await implementation(task.input, {
        taskId: task.id,
        workflowId: task.workflow_id,
        signal: controller.signal,
        run: task.runs,
        readOutput: (ref) => this.options.readOutput(task.workflow_id, ref),
        progress: (progress) => this.progress(entry, progress),
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
        if (outcome.ok && isUnstorable(error)) {
          this.options.logger.error('a step result cannot be stored; the step fails instead of running again', { workflowId: task.workflow_id, taskId: task.id, error: String(error) });
          const message = `the ${task.actor_id} result could not be stored: ${(error as Error).message}`;
          outcome = { ok: false, error: { kind: 'permanent', code: 'STEP_RESULT_UNSTORABLE', message } };
          continue;
        }
        if (Date.now() + delay > deadline || this.stopping) {
          this.options.logger.error('could not record a step result; the step will run again', { workflowId: task.workflow_id, taskId: task.id, error: String(error) });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
