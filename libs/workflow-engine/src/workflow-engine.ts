import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';
import { planEffects } from './effects-plan.js';
import { CommitBatcher } from './commit-batcher.js';
import type { EngineOptions, EngineLogger, TransitionInfo } from './engine-options.js';
import type { CommitTransitionParams, EffectsPlan, HistoryEntry, LoadedWorkflow, Projection, TaskRow, WorkflowRow } from './engine-store.js';
import { TaskRunner, type TaskOrigin } from './task-runner.js';
import { persistSnapshot, restoreSnapshot } from './snapshot-codec.js';

const MAX_CONFLICT_RETRIES = 50;

export type SendResult =
  | { status: 'applied'; version: number; state: string }
  | { status: 'rejected'; state: string; reason: string }
  | { status: 'not_found' };

export interface StartParams {
  id: string;
  userId: string;
  documentPath: string;
  input: unknown;
  idempotencyKey?: string | null;
}

interface ApplyOptions {
  userId?: string;
  /** Commands are refused unless the machine accepts them in its current state. */
  checkCan?: boolean;
  consumeTimer?: string;
  /** The due time of the claimed timer: a timer re-armed under the same id since the claim is another one. */
  timerDueAt?: string;
  finishTask?: { taskId: string; status: 'succeeded' | 'failed'; outcome: unknown };
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
  body: Omit<CommitTransitionParams, 'workflow_id' | 'expected_version' | 'owner' | 'lease_ms'>;
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
      deliver: (task, outcome, origin) => this.deliverOutcome(task, outcome, origin),
    });
    this.batcher = new CommitBatcher(options.store, options.groupCommit);
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
    const first = startEvent && init.next.can(startEvent) ? this.prepare(params.id, this.originOf(init, 1), startEvent) : null;
    const result = await store.createWorkflow({
      ...init.body,
      id: params.id,
      user_id: params.userId,
      document_path: params.documentPath,
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
      void this.apply(params.id, startEvent!, {}).catch((error) =>
        this.logger.error('applying the first event failed', { workflowId: params.id, error: String(error) }),
      );
    }
    return { created: true, workflow: result.workflow };
  }

  /** Applies a command (cancel, retry, ...) from any replica; refused when the machine does not accept it now. */
  send(workflowId: string, event: EventObject, userId?: string): Promise<SendResult> {
    return this.apply(workflowId, event, { userId, checkCan: true });
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
    await this.runner.stop();
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
        await Promise.all(work.timers.map((timer) => this.fireTimer(timer)));
        if (work.next_due_at) this.scheduleWake(Date.parse(work.next_due_at));
        if (work.timers.length >= limit || work.tasks.length >= limit) this.pollAgain = true;
      } catch (error) {
        // Once per outage, not at every poll.
        if (!this.lastPollError) this.logger.error('claiming due work failed; will keep trying', { error: String(error) });
        this.lastPollError = error;
      }
    } while (this.pollAgain && !this.stopping);
  }

  private async fireTimer(timer: { workflow_id: string; send_id: string; event: EventObject; due_at: string }): Promise<void> {
    const { workflow_id: workflowId, send_id: sendId } = timer;
    try {
      await this.apply(workflowId, timer.event, { consumeTimer: sendId, timerDueAt: timer.due_at });
    } catch (error) {
      this.logger.error('delivering a due timer failed; it will be claimed again', { workflowId, sendId, error: String(error) });
    }
  }

  private async deliverOutcome(task: TaskRow, outcome: { ok: true; output: unknown } | { ok: false; error: unknown }, origin: TaskOrigin | null): Promise<void> {
    const event = outcome.ok
      ? { type: `xstate.done.actor.${task.actor_id}`, output: outcome.output, actorId: task.actor_id }
      : { type: `xstate.error.actor.${task.actor_id}`, error: outcome.error, actorId: task.actor_id };
    await this.apply(task.workflow_id, event, {
      finishTask: { taskId: task.id, status: outcome.ok ? 'succeeded' : 'failed', outcome: outcome.ok ? null : outcome.error },
      known: origin ?? undefined,
    });
  }

  private async apply(workflowId: string, event: EventObject, options: ApplyOptions): Promise<SendResult> {
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
        const loaded = await store.getWorkflow(workflowId, options.userId);
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
    const info: TransitionInfo = { workflowId, previous, next, event };
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

  private staleReason(loaded: LoadedWorkflow, options: ApplyOptions): string | null {
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
  private async recordIgnored(loaded: LoadedWorkflow, event: EventObject, reason: string, options: ApplyOptions): Promise<boolean> {
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
