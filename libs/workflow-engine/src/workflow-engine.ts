import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';
import { planEffects } from './effects-plan.js';
import { CommitBatcher } from './commit-batcher.js';
import type { EngineOptions, EngineLogger, TransitionInfo } from './engine-options.js';
import type { EffectsPlan, TransitionBody, HistoryEntry, LoadedWorkflow, Projection, TaskRow, WorkflowRow } from './engine-store.js';
import { TaskRunner, type TaskOrigin } from './task-runner.js';
import { persistSnapshot, restoreSnapshot } from './snapshot-codec.js';
import { decodeStepOutput, encodeStepOutput } from './step-output-codec.js';
import { StepOutputCache } from './step-output-cache.js';
import type { StepOutputRef } from './engine-options.js';

const MAX_CONFLICT_RETRIES = 50;
const ABORT_SETTLE_MS = 100;

export type SendResult =
  | { status: 'applied'; version: number; state: string }
  | { status: 'rejected'; state: string; reason: string }
  | { status: 'not_found' };

export interface StartParams {
  id: string;
  /** The machine's input. */
  input: unknown;
  /** The host's own columns of the new workflow, stored as given (e.g. who started it, on what). */
  attributes?: Record<string, unknown>;
  idempotencyKey?: string | null;
}

/** What the three callers of `commitEvent` (a command, a due timer, a step's outcome) each add. */
interface EventSource {
  /** Commands are refused unless the machine accepts them in its current state. */
  checkCan?: boolean;
  consumeTimer?: string;
  /** The due time of the claimed timer: a timer re-armed under the same id since the claim is another one. */
  timerDueAt?: string;
  finishTask?: { taskId: string; status: 'succeeded' | 'failed'; outcome: unknown };
  stepOutput?: { key: string; payload: string };
  /** The workflow as this replica last committed it, to try before reading it. */
  known?: TaskOrigin;
}

interface PreparedStep {
  machine: AnyStateMachine;
  machineVersion: number;
  next: AnyMachineSnapshot;
  plan: EffectsPlan;
  info: TransitionInfo;
  projection: Projection;
  history: HistoryEntry;
  body: TransitionBody;
}

const silentLogger: EngineLogger = { log() {}, warn() {}, error() {} };

/**
 * Durable interpreter: every input is an event applied with XState's pure transition(); the next snapshot,
 * its history entry, timers and step tasks are committed in one version-checked call, and only then are the
 * effects run. Nothing lives in memory but the tasks this replica is running.
 */
export class WorkflowEngine {
  private readonly leaseMs: number;
  private readonly logger: EngineLogger;
  private readonly runner: TaskRunner;
  private readonly batcher: CommitBatcher;
  private readonly outputs: StepOutputCache;
  private pollTimer: NodeJS.Timeout | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  private wakeAt: number | null = null;
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  private stopping = false;
  lastPollError: unknown = null;

  constructor(private readonly options: EngineOptions) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.logger = options.logger ?? silentLogger;
    this.runner = new TaskRunner({
      owner: options.owner,
      leaseMs: this.leaseMs,
      store: options.store,
      tasks: options.tasks,
      toTaskError: options.toTaskError,
      logger: this.logger,
      deliver: (task, outcome, origin) => this.applyOutcome(task, outcome, origin),
      readOutput: (workflowId, ref) => this.readOutput(workflowId, ref),
      progressIntervalMs: options.progressIntervalMs ?? 1_000,
      onProgress: options.onProgress,
    });
    this.batcher = new CommitBatcher(options.store, options.groupCommit);
    this.outputs = new StepOutputCache(options.stepOutputCacheSize ?? 256);
  }

  get owner(): string {
    return this.options.owner;
  }

  async start(params: StartParams): Promise<{ created: boolean; workflow: WorkflowRow }> {
    const { versions, store, startEvent } = this.options;
    const machine = this.machineFor(versions.current);
    const init = this.describeStep(params.id, machine, versions.current, null, initialTransition(machine, params.input), { type: 'xstate.init' });
    // The first event is committed with the creation: one statement, and nothing to claim or read before the
    // first step runs. A machine that does not take it in its initial state simply stays there.
    const started = startEvent && this.stamp(startEvent);
    const first = started && init.next.can(started) ? this.prepare(params.id, this.originOf(init, 1), started) : null;
    const result = await store.createWorkflow({
      ...params.attributes,
      ...init.body,
      id: params.id,
      idempotency_key: params.idempotencyKey ?? null,
      owner: this.owner,
      lease_ms: this.leaseMs,
      then: first?.body,
    });
    if (!result.created) return { created: false, workflow: result.workflow };
    this.afterCommitted(params.id, init, { version: 1, tasks: result.tasks });
    if (first && result.then?.ok) {
      this.afterCommitted(params.id, first, result.then);
    } else if (first) {
      // Cannot happen on a workflow created in the same transaction; if it ever does, deliver the event anyway.
      this.logger.error('the first event was not committed with the workflow; applying it now', { workflowId: params.id, result: result.then });
      void this.commitEvent(params.id, started!, {}).catch((error) =>
        this.logger.error('applying the first event failed', { workflowId: params.id, error: String(error) }),
      );
    }
    return { created: true, workflow: result.workflow };
  }

  /**
   * Applies a command (cancel, retry, ...) from any replica; refused when the machine does not accept it now.
   * Whether the caller may command this workflow is the host's to check before.
   */
  send(workflowId: string, event: EventObject): Promise<SendResult> {
    return this.commitEvent(workflowId, this.stamp(event), { checkCan: true });
  }

  startScheduler(): void {
    const interval = this.options.pollIntervalMs ?? 1_000;
    this.stopping = false;
    // Fire-and-forget: poll() never rejects (pollLoop logs a failed claim and tries again at the next tick).
    this.pollTimer = setInterval(() => void this.poll(), interval);
    this.runner.startRenewing();
    void this.poll();
  }

  /** Graceful stop: abort local tasks and release their leases so another replica resumes them at once. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.pollTimer = this.wakeTimer = null;
    await this.polling;
    const aborted = await this.runner.stop();
    // An aborted call's connection closes as the downstream service next reads it: a moment before another
    // replica may take the step over, so the service does not see one attempt served twice at once.
    if (aborted > 0) await new Promise((resolve) => setTimeout(resolve, ABORT_SETTLE_MS));
    await this.options.store.releaseLeases(this.owner);
  }

  /** Claims due timers and orphaned tasks, once; the scheduler calls it on an interval and on wake-ups. */
  poll(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    if (this.polling) {
      this.pollAgain = true;
      return this.polling;
    }
    this.polling = this.pollLoop().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  runningTaskCount(): number {
    return this.runner.size;
  }

  private async pollLoop(): Promise<void> {
    const limit = this.options.claimLimit ?? 100;
    do {
      this.pollAgain = false;
      try {
        const work = await this.options.store.claimWork(this.owner, limit, this.leaseMs);
        if (this.lastPollError) this.logger.log('claiming due work works again');
        this.lastPollError = null;
        for (const task of work.tasks) {
          // A task of this replica's own, whose lease lapsed while the database was away, is claimed back as it runs.
          if (this.runner.run(task)) {
            this.logger.warn('resuming a step task whose lease expired', { workflowId: task.workflow_id, taskId: task.id, actor: task.actor_id, run: task.runs });
          }
        }
        await Promise.all([
          ...work.timers.map((timer) => this.fireTimer(timer)),
          ...(work.timed_out ?? []).map((task) => this.timeOut(task)),
        ]);
        if (work.next_due_at) this.scheduleWake(Date.parse(work.next_due_at));
        if (work.timers.length >= limit || work.tasks.length >= limit) this.pollAgain = true;
      } catch (error) {
        // Once per outage, not at every poll.
        if (!this.lastPollError) this.logger.error('claiming due work failed; will keep trying', { error: String(error) });
        this.lastPollError = error;
      }
    } while (this.pollAgain && !this.stopping);
  }

  /** A due timer: its delayed event, once, unless the timer was cancelled or re-armed since it was claimed. */
  private async fireTimer(timer: { workflow_id: string; send_id: string; event: EventObject; due_at: string }): Promise<void> {
    const { workflow_id: workflowId, send_id: sendId } = timer;
    try {
      await this.commitEvent(workflowId, this.stamp(timer.event), { consumeTimer: sendId, timerDueAt: timer.due_at });
    } catch (error) {
      this.logger.error('delivering a due timer failed; it will be claimed again', { workflowId, sendId, error: String(error) });
    }
  }

  /** A task past its deadline (it hung, or its replica stopped reporting): it fails as timed out, once. */
  private async timeOut(task: TaskRow & { timeout_ms: number | null }): Promise<void> {
    this.runner.abortTask(task.id);
    const error = this.options.timeoutError?.({ src: task.src, timeoutMs: task.timeout_ms }) ?? {
      kind: 'transient',
      code: 'STEP_TIMEOUT',
      message: `${task.actor_id} did not finish or report progress within ${task.timeout_ms} ms`,
    };
    try {
      await this.applyOutcome(task, { ok: false, error }, null);
    } catch (error) {
      this.logger.error('failing a timed-out step failed; its lease lapses and it is claimed again', { workflowId: task.workflow_id, taskId: task.id, error: String(error) });
    }
  }

  /** A step's outcome, applied to the snapshot that started it; a claim-checked output is committed beside it. */
  private async applyOutcome(task: TaskRow, outcome: { ok: true; output: unknown } | { ok: false; error: unknown }, origin: TaskOrigin | null): Promise<void> {
    const finishTask = { taskId: task.id, status: outcome.ok ? ('succeeded' as const) : ('failed' as const), outcome: outcome.ok ? null : outcome.error };
    if (!outcome.ok) {
      const event = { type: `xstate.error.actor.${task.actor_id}`, error: outcome.error, actorId: task.actor_id };
      await this.commitEvent(task.workflow_id, this.stamp(event), { finishTask, known: origin ?? undefined });
      return;
    }
    const facts = this.options.stepOutputs?.[task.src];
    const ref: StepOutputRef = { output: task.actor_id };
    const output = facts ? facts(outcome.output, ref) : outcome.output;
    const event = { type: `xstate.done.actor.${task.actor_id}`, output, actorId: task.actor_id };
    const stepOutput = facts ? { key: ref.output, payload: await encodeStepOutput(outcome.output) } : undefined;
    // In memory before the commit: the next step starts from the commit's effects and reads it at once.
    if (facts) this.outputs.set(task.workflow_id, ref.output, outcome.output);
    const result = await this.commitEvent(task.workflow_id, this.stamp(event), { finishTask, stepOutput, known: origin ?? undefined }).catch((error: unknown) => {
      if (facts) this.outputs.delete(task.workflow_id, ref.output);
      throw error;
    });
    if (facts && result.status !== 'applied') this.outputs.delete(task.workflow_id, ref.output);
  }

  private async readOutput(workflowId: string, ref: StepOutputRef): Promise<unknown> {
    if (ref.inline !== undefined) return ref.inline;
    const cached = this.outputs.get(workflowId, ref.output);
    if (cached !== undefined) return cached;
    const text = await this.options.store.getStepOutput(workflowId, ref.output);
    if (text === null || text === undefined) throw new Error(`workflow ${workflowId} has no step output "${ref.output}"`);
    const stored = await decodeStepOutput(text);
    // Kept for the steps after this one on this replica: one read per output after a crash, not one per step.
    this.outputs.set(workflowId, ref.output, stored);
    return stored;
  }

  private stamp<E extends EventObject>(event: E): E & { at: string } {
    return { ...event, at: (this.options.now?.() ?? new Date()).toISOString() };
  }

  private async commitEvent(workflowId: string, event: EventObject, options: EventSource): Promise<SendResult> {
    const { store } = this.options;
    // A task's outcome is first applied to the snapshot its own commit wrote, without reading: the commit's version
    // check (and its lease check for the task) tells whether anything moved since, and only then is it read.
    let known = options.known;
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      let current: TaskOrigin;
      if (known) {
        current = known;
        known = undefined;
      } else {
        const loaded = await store.getWorkflow(workflowId);
        if (!loaded) return { status: 'not_found' };
        const stale = this.staleReason(loaded, options);
        const restored = this.restore(loaded.workflow);
        const accepted = !stale && restored.snapshot.status === 'active' && (!options.checkCan || restored.snapshot.can(event));
        if (!accepted) {
          const reason = stale ?? (restored.snapshot.status !== 'active' ? `the workflow is ${loaded.workflow.state}` : `${event.type} is not accepted in state ${loaded.workflow.state}`);
          if (options.checkCan) return { status: 'rejected', state: loaded.workflow.state, reason };
          const recorded = await this.recordIgnored(loaded, event, reason, options);
          if (!recorded) continue;
          return { status: 'rejected', state: loaded.workflow.state, reason };
        }
        current = { ...restored, version: loaded.workflow.version };
      }
      const step = this.prepare(workflowId, current, event);
      const result = await this.batcher.commit({
        ...step.body,
        workflow_id: workflowId,
        expected_version: current.version,
        owner: this.owner,
        lease_ms: this.leaseMs,
        consume_timer: options.consumeTimer,
        finish_task: options.finishTask && {
          task_id: options.finishTask.taskId,
          status: options.finishTask.status,
          outcome: options.finishTask.outcome,
        },
        step_output: options.stepOutput,
      });
      if (!result.ok) {
        if (result.reason === 'not_found') return { status: 'not_found' };
        continue;
      }
      this.afterCommitted(workflowId, step, result);
      return { status: 'applied', version: result.version, state: step.projection.state };
    }
    throw new Error(`workflow ${workflowId}: gave up after ${MAX_CONFLICT_RETRIES} concurrent-update conflicts`);
  }

  /** The pure part of a transition: the next snapshot and everything to commit with it. */
  private prepare(workflowId: string, current: TaskOrigin, event: EventObject): PreparedStep {
    const result = transition(current.machine, current.snapshot, event);
    return this.describeStep(workflowId, current.machine, current.machineVersion, current.snapshot, result, event);
  }

  private describeStep(
    workflowId: string,
    machine: AnyStateMachine,
    machineVersion: number,
    previous: AnyMachineSnapshot | null,
    [next, actions]: [AnyMachineSnapshot, Parameters<typeof planEffects>[0]],
    event: EventObject,
  ): PreparedStep {
    const plan = planEffects(actions);
    for (const task of plan.tasks_start) task.timeout_ms = this.options.taskTimeoutMs?.(task) ?? null;
    const info: TransitionInfo = { workflowId, machine, previous, next, event };
    const projection = this.options.project(next);
    const history = this.options.describe(info);
    const body = {
      snapshot: persistSnapshot(machine, next),
      machine_version: machineVersion,
      ...projection,
      ...plan,
      history,
      outbox: this.options.outbox?.({ ...info, projection, history }) ?? [],
    };
    return { machine, machineVersion, next, plan, info, projection, history, body };
  }

  private originOf(step: PreparedStep, version: number): TaskOrigin {
    return { machine: step.machine, machineVersion: step.machineVersion, snapshot: step.next, version };
  }

  private staleReason(loaded: LoadedWorkflow, options: EventSource): string | null {
    const timer = options.consumeTimer ? loaded.timers.find((t) => t.send_id === options.consumeTimer) : undefined;
    if (options.consumeTimer && (!timer || (options.timerDueAt && Date.parse(timer.due_at) !== Date.parse(options.timerDueAt)))) {
      return 'the timer was cancelled or re-armed';
    }
    if (options.finishTask) {
      const task = loaded.tasks.find((t) => t.id === options.finishTask!.taskId);
      if (!task) return 'the step had already moved on (task cancelled or finished)';
      if (task.lease_owner !== this.owner) return `the task is now leased to ${task.lease_owner}`;
    }
    return null;
  }

  /** Late results and stale timers are kept in the history (so nothing vanishes unexplained), then dropped. */
  private async recordIgnored(loaded: LoadedWorkflow, event: EventObject, reason: string, options: EventSource): Promise<boolean> {
    // A stale timer was deleted or replaced by the commit that made it stale: nothing to consume or record.
    if (options.consumeTimer && this.staleReason(loaded, options)) return true;
    const result = await this.options.store.recordEvent({
      workflow_id: loaded.workflow.id,
      expected_version: loaded.workflow.version,
      owner: this.owner,
      lease_ms: this.leaseMs,
      history: {
        type: options.finishTask ? 'late_result_ignored' : 'event_ignored',
        from_state: loaded.workflow.state,
        to_state: loaded.workflow.state,
        detail: { event: event.type, reason, ...(options.finishTask ? { task_id: options.finishTask.taskId, task_status: options.finishTask.status } : {}) },
      },
      consume_timer: options.consumeTimer,
      timers_add: [],
      timers_cancel: [],
      tasks_start: [],
      tasks_stop: [],
    });
    return result.ok;
  }

  /** Effects run only now that the transition is durable; started tasks keep the snapshot they were started from. */
  private afterCommitted(workflowId: string, step: PreparedStep, result: { version: number; tasks: TaskRow[] }): void {
    const startedIds = new Set(result.tasks.map((t) => t.id));
    for (const actorId of step.plan.tasks_stop) this.runner.abortActor(workflowId, actorId, startedIds);
    const origin = this.originOf(step, result.version);
    for (const task of result.tasks) this.runner.run(task, origin);
    for (const timer of step.plan.timers_add) this.scheduleWake(Date.now() + timer.delay_ms);
    if (step.next.status !== 'active') this.outputs.forget(workflowId);
    try {
      this.options.onCommitted?.({ ...step.info, version: result.version, projection: step.projection, history: step.history });
    } catch (error) {
      this.logger.error('onCommitted hook failed', { workflowId, error: String(error) });
    }
  }

  private scheduleWake(at: number): void {
    if (this.stopping || !this.pollTimer) return;
    if (this.wakeAt !== null && this.wakeAt <= at) return;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeAt = at;
    this.wakeTimer = setTimeout(() => {
      this.wakeAt = null;
      this.wakeTimer = null;
      void this.poll(); // never rejects, see startScheduler
    }, Math.max(0, at - Date.now()));
  }

  private machineFor(version: number): AnyStateMachine {
    const machine = this.options.versions.machines[version];
    if (!machine) throw new Error(`no machine registered for version ${version}`);
    return machine;
  }

  private restore(row: WorkflowRow): { machine: AnyStateMachine; snapshot: AnyMachineSnapshot; machineVersion: number } {
    const { versions } = this.options;
    if (row.machine_version !== versions.current && versions.migrate) {
      const machine = this.machineFor(versions.current);
      const persisted = versions.migrate(row.machine_version, row.snapshot);
      return { machine, snapshot: restoreSnapshot(machine, persisted), machineVersion: versions.current };
    }
    const machine = this.machineFor(row.machine_version);
    return { machine, snapshot: restoreSnapshot(machine, row.snapshot), machineVersion: row.machine_version };
  }
}
