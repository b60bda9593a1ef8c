import { WorkflowEngine, type EngineOptions, type TaskImplementation } from '@cashflow/workflow-engine';
import { randomUUID } from 'node:crypto';
import { sqlFunctionCaller, type SqlDatabase, type SqlFunctionCaller } from '../../apps/orchestrator/src/persistence/sql-database.js';
import { ALL_USERS } from '../../apps/orchestrator/src/persistence/owner.js';
import { UserDataStore } from '../../apps/orchestrator/src/persistence/user-data.store.js';
import { WorkflowStore } from '../../apps/orchestrator/src/persistence/workflow.store.js';
import { waitFor } from '../support/wait-for.js';
import { openMigratedPglite } from '../support/migrated-pglite.js';
import { recordingLogger } from '../support/recording-logger.js';
import { EMPTY_EXTRACTION as extraction, SUCCEEDING_STEPS as succeed, TestEngines } from '../support/engine-harness.js';


/** A step that runs until its signal aborts it (a cancel, a missed deadline, the replica stopping). */
const untilAborted: TaskImplementation = (_input, ctx) =>
  new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));

type Payload = Record<string, any>;

/**
 * The engines' SQL calls, counted, with the database outages a test asks for: a function down for as long as it
 * is listed, or one call matching a predicate failing once; and a hook run once before a function's next call.
 */
class FaultyCaller implements SqlFunctionCaller {
  private readonly calls = new Map<string, number>();
  readonly down = new Set<string>();
  readonly failedPayloads: Payload[] = [];
  private faults: Array<{ fn: string; when: (payload: Payload) => boolean; message: string }> = [];
  private hooks: Array<{ fn: string; run: () => Promise<unknown> }> = [];
  constructor(private readonly inner: SqlFunctionCaller) {}

  failOnce(fn: string, when: (payload: Payload) => boolean, message: string): void {
    this.faults.push({ fn, when, message });
  }

  beforeNext(fn: string, run: () => Promise<unknown>): void {
    this.hooks.push({ fn, run });
  }

  count(fn: string): number {
    return this.calls.get(fn) ?? 0;
  }

  reset(): void {
    this.down.clear();
    this.faults = [];
    this.hooks = [];
    this.failedPayloads.length = 0;
  }

  async call<T>(fn: string, payload: object): Promise<T> {
    this.calls.set(fn, this.count(fn) + 1);
    if (this.down.has(fn)) throw new Error(`${fn} is down`);
    const p = payload as Payload;
    // A group commit holding a targeted transition fails whole without using the fault up: the batcher then sends
    // each of its items alone, and the targeted one fails on its own, as the engine would see it.
    if (fn === 'cf_commit_transitions' && this.faults.some((f) => f.fn === 'cf_commit_transition' && (p.items as Payload[]).some(f.when))) {
      throw new Error('injected failure of a group commit');
    }
    const fault = this.faults.findIndex((f) => f.fn === fn && f.when(p));
    if (fault >= 0) {
      const { message } = this.faults.splice(fault, 1)[0]!;
      this.failedPayloads.push(p);
      throw new Error(message);
    }
    const hook = this.hooks.findIndex((h) => h.fn === fn);
    if (hook >= 0) await this.hooks.splice(hook, 1)[0]!.run();
    return this.inner.call<T>(fn, payload);
  }

  schemaVersion() {
    return this.inner.schemaVersion();
  }

  close() {
    return this.inner.close();
  }
}

describe('WorkflowEngine: refusal reasons, log lines and claim edges', () => {
  let db: SqlDatabase;
  let caller: FaultyCaller;
  /** The engines' store, through the faults. */
  let store: WorkflowStore;
  /** The test's own reads: never faulted, never counted. */
  let reads: WorkflowStore;
  let history: UserDataStore;
  const engines = new TestEngines();
  const started: string[] = [];

  beforeAll(async () => {
    db = await openMigratedPglite();
    const live = sqlFunctionCaller(db);
    caller = new FaultyCaller(live);
    store = new WorkflowStore(caller);
    reads = new WorkflowStore(live);
    history = new UserDataStore(live);
  });

  afterEach(async () => {
    caller.reset();
    await engines.stopAll();
    // Every workflow a test left running or waiting is cancelled: no later test's engine claims its task or timer.
    const sweepers = new TestEngines();
    const sweeper = sweepers.create({ store: reads, tasks: {}, owner: 'sweeper' }, { scheduler: false });
    for (const id of started.splice(0)) await sweeper.send(id, { type: 'CANCEL' });
    await sweepers.stopAll();
  });

  afterAll(async () => {
    await db.close();
  });

  function engine(tasks: Record<string, TaskImplementation>, options: Partial<EngineOptions> = {}, scheduler = true, through: WorkflowStore = store): WorkflowEngine {
    return engines.create({ store: through, tasks, owner: 'replica-a', leaseMs: 10_000, ...options }, { scheduler });
  }

  async function start(target: WorkflowEngine, retryPolicy = {}): Promise<string> {
    const id = randomUUID();
    started.push(id);
    await target.start({ id, attributes: { user_id: 'u', document_path: 'd.ofx' }, input: { workflowId: id, userId: 'u', documentPath: 'd.ofx', retryPolicy } });
    return id;
  }

  const workflow = async (id: string) => (await reads.getWorkflow(id))!;
  const reach = (id: string, state: string) =>
    waitFor(async () => {
      const loaded = await workflow(id);
      return loaded.workflow.state === state ? loaded : undefined;
    }, `workflow ${id} to be ${state}`);
  const kinds = async (id: string) => (await history.history(ALL_USERS, id)).map((h) => h.type);
  /** Stands in for a replica whose renewals stopped reaching the database: its running tasks' leases are past. */
  const expireLeases = (id: string) =>
    db.query(`update workflow_tasks set lease_until = clock_timestamp() - interval '1 second' where workflow_id = $1 and status = 'running'`, [id]);
  /** The first attempt of each workflow's extraction fails (transient), so it parks in a retry wait; then `then`. */
  function failingFirst(then: TaskImplementation): TaskImplementation {
    const failed = new Set<string>();
    return async (input, ctx) => {
      if (failed.has(ctx.workflowId)) return then(input, ctx);
      failed.add(ctx.workflowId);
      throw { kind: 'transient', message: 'HTTP 503' };
    };
  }

  describe('send(): what a command is answered', () => {
    it('refuses a command the current state does not take, naming the event and the state, and writes nothing', async () => {
      const e = engine({ extractDocument: untilAborted }, {}, false);
      const id = await start(e);
      expect((await workflow(id)).workflow).toMatchObject({ state: 'extracting', version: 2 });
      expect(await e.send(id, { type: 'RETRY' })).toEqual({ status: 'rejected', state: 'extracting', reason: 'RETRY is not accepted in state extracting' });
      // The refusal is the caller's answer only: no history entry and no new version, unlike an ignored late result.
      expect((await workflow(id)).workflow.version).toBe(2);
      expect(await kinds(id)).toEqual(['created', 'started']);
    });

    it('applies a command the state takes, answering the new version and state', async () => {
      const e = engine({ extractDocument: untilAborted }, {}, false);
      const id = await start(e);
      expect(await e.send(id, { type: 'CANCEL' })).toEqual({ status: 'applied', version: 3, state: 'cancelled' });
      expect(await kinds(id)).toEqual(['created', 'started', 'cancelled']);
    });

    it('refuses every command to a cancelled or a completed workflow: "the workflow is <state>"', async () => {
      const e = engine({ extractDocument: untilAborted }, {}, false);
      const cancelled = await start(e);
      await e.send(cancelled, { type: 'CANCEL' });
      for (const type of ['CANCEL', 'RETRY']) {
        expect(await e.send(cancelled, { type })).toEqual({ status: 'rejected', state: 'cancelled', reason: 'the workflow is cancelled' });
      }
      const done = engine(succeed, { owner: 'replica-b' }, false);
      const completed = await start(done);
      await reach(completed, 'completed');
      expect(await done.send(completed, { type: 'CANCEL' })).toEqual({ status: 'rejected', state: 'completed', reason: 'the workflow is completed' });
      expect((await workflow(cancelled)).workflow.version).toBe(3);
    });

    it('answers not_found for a workflow id that does not exist', async () => {
      const e = engine({}, {}, false);
      expect(await e.send(randomUUID(), { type: 'CANCEL' })).toEqual({ status: 'not_found' });
    });

    it('answers not_found when the commit finds the workflow gone (a store answering not_found stands in for a delete)', async () => {
      const gone = Object.create(store) as WorkflowStore;
      gone.commitTransition = async () => ({ ok: false, reason: 'not_found' });
      gone.commitTransitions = async (items) => items.map(() => ({ ok: false as const, reason: 'not_found' as const }));
      const e = engine({ extractDocument: untilAborted }, {}, false, gone);
      const id = await start(e);
      const reads0 = caller.count('cf_get_workflow');
      expect(await e.send(id, { type: 'CANCEL' })).toEqual({ status: 'not_found' });
      // Answered at once, not retried as a conflict would be.
      expect(caller.count('cf_get_workflow') - reads0).toBe(1);
    });

    it('gives up after 50 version conflicts in a row, naming the workflow (a store answering version_conflict stands in for a busy workflow)', async () => {
      let conflicts = 0;
      const busy = Object.create(store) as WorkflowStore;
      busy.commitTransition = async () => (conflicts++, { ok: false, reason: 'version_conflict' });
      busy.commitTransitions = async (items) => items.map(() => (conflicts++, { ok: false as const, reason: 'version_conflict' as const }));
      const e = engine({ extractDocument: untilAborted }, {}, false, busy);
      const id = await start(e);
      const reads0 = caller.count('cf_get_workflow');
      await expect(e.send(id, { type: 'CANCEL' })).rejects.toThrow(`workflow ${id}: gave up after 50 concurrent-update conflicts`);
      // Each attempt read the workflow again before it committed.
      expect(conflicts).toBe(50);
      expect(caller.count('cf_get_workflow') - reads0).toBe(50);
      expect((await workflow(id)).workflow).toMatchObject({ state: 'extracting', version: 2 });
    });
  });

  describe('starting a workflow', () => {
    it("applies each step's outcome to the snapshot its own commit wrote, without reading the workflow", async () => {
      const e = engine(succeed, {}, false);
      const reads0 = caller.count('cf_get_workflow');
      const id = await start(e);
      await reach(id, 'completed');
      expect(caller.count('cf_get_workflow') - reads0).toBe(0);
    });

    it('leaves a new workflow in its initial state when that state does not take the start event', async () => {
      const e = engine(succeed, { startEvent: { type: 'RETRY' } }, false);
      const id = await start(e);
      expect((await workflow(id)).workflow).toMatchObject({ state: 'received', version: 1 });
      expect(await kinds(id)).toEqual(['created']);
    });

    it('answers the existing workflow for a repeated idempotency key and runs nothing again', async () => {
      const logger = recordingLogger();
      const e = engine(succeed, { logger }, false);
      const id = randomUUID();
      const again = randomUUID();
      started.push(id);
      const params = { attributes: { user_id: 'u', document_path: 'd.ofx' }, idempotencyKey: `key-${id}` };
      expect(await e.start({ ...params, id, input: { workflowId: id, userId: 'u', documentPath: 'd.ofx' } })).toMatchObject({ created: true, workflow: { id } });
      await reach(id, 'completed');
      const historyBefore = await kinds(id);
      expect(await e.start({ ...params, id: again, input: { workflowId: again, userId: 'u', documentPath: 'd.ofx' } })).toMatchObject({ created: false, workflow: { id } });
      expect(await reads.getWorkflow(again)).toBeNull();
      expect(await kinds(id)).toEqual(historyBefore);
      expect(logger.entries).toEqual([]);
    });

    it('applies the first event itself when the store did not commit it with the creation (a store that ignores `then`)', async () => {
      const logger = recordingLogger();
      const ignoring = Object.create(store) as WorkflowStore;
      ignoring.createWorkflow = (params) => store.createWorkflow({ ...params, then: null as never });
      const e = engine(succeed, { logger }, false, ignoring);
      const id = await start(e);
      await reach(id, 'completed');
      expect(logger.entries).toEqual([
        { level: 'error', message: 'the first event was not committed with the workflow; applying it now', context: { workflowId: id, result: undefined } },
      ]);
      expect((await kinds(id)).slice(0, 2)).toEqual(['created', 'started']);
    });

    it('logs a first event it could not apply, and the workflow stays in its initial state (a failed read stands in for the outage)', async () => {
      const logger = recordingLogger();
      const ignoring = Object.create(store) as WorkflowStore;
      ignoring.createWorkflow = (params) => store.createWorkflow({ ...params, then: null as never });
      const e = engine(succeed, { logger }, false, ignoring);
      caller.failOnce('cf_get_workflow', () => true, 'injected failure of the read');
      const id = await start(e);
      const failed = await waitFor(() => logger.find('applying the first event failed')[0], 'the failure to be logged');
      expect(failed).toEqual({ level: 'error', message: 'applying the first event failed', context: { workflowId: id, error: 'Error: injected failure of the read' } });
      expect((await workflow(id)).workflow).toMatchObject({ state: 'received', version: 1 });
    });
  });

  describe('claiming due work', () => {
    it('logs a failing claim once per outage, keeps the error, and logs once that claims work again', async () => {
      const logger = recordingLogger();
      const e = engine({}, { logger }, false);
      await e.poll();
      expect(e.lastPollError).toBeNull();
      caller.down.add('cf_claim_work');
      const claims0 = caller.count('cf_claim_work');
      for (let i = 0; i < 3; i++) await e.poll();
      expect(caller.count('cf_claim_work') - claims0).toBe(3);
      const failure = { level: 'error', message: 'claiming due work failed; will keep trying', context: { error: 'Error: cf_claim_work is down' } };
      expect(logger.entries).toEqual([failure]);
      expect(e.lastPollError).toBeInstanceOf(Error);
      expect((e.lastPollError as Error).message).toBe('cf_claim_work is down');
      caller.down.delete('cf_claim_work');
      await e.poll();
      await e.poll();
      expect(e.lastPollError).toBeNull();
      expect(logger.entries).toEqual([failure, { level: 'log', message: 'claiming due work works again', context: undefined }]);
    });

    it('answers a poll asked during a claim with that claim, then claims once more; a stopped engine claims nothing', async () => {
      const e = engine({}, {}, false);
      const claims0 = caller.count('cf_claim_work');
      const first = e.poll();
      const second = e.poll();
      expect(second).toBe(first);
      await first;
      expect(caller.count('cf_claim_work') - claims0).toBe(2);
      await e.poll();
      expect(caller.count('cf_claim_work') - claims0).toBe(3);
      await e.stop();
      await e.poll();
      expect(caller.count('cf_claim_work') - claims0).toBe(3);
    });

    it('delivers every due timer in one poll when there are more than the claim limit', async () => {
      const e = engine({ extractDocument: failingFirst(untilAborted) }, { claimLimit: 1 }, false);
      const ids = [await start(e, { jitter: 0, initialDelayMs: 50 }), await start(e, { jitter: 0, initialDelayMs: 50 })];
      const dues = await Promise.all(
        ids.map((id) =>
          waitFor(async () => {
            const loaded = await workflow(id);
            return loaded.workflow.view.phase === 'waiting' && loaded.timers[0] ? Date.parse(loaded.timers[0].due_at) : undefined;
          }, 'the retry wait'),
        ),
      );
      await waitFor(() => Date.now() > Math.max(...dues) + 20, 'both waits to be due');
      const claims0 = caller.count('cf_claim_work');
      await e.poll();
      // One claim per timer, and one that finds nothing left.
      expect(caller.count('cf_claim_work') - claims0).toBe(3);
      for (const id of ids) expect((await workflow(id)).workflow.view).toMatchObject({ phase: 'running', attempt: 2 });
    });

    it('resumes every orphaned step in one poll when there are more than the claim limit', async () => {
      const a = engine({ extractDocument: untilAborted }, { owner: 'replica-a' }, false);
      const ids = [await start(a), await start(a)];
      for (const id of ids) await expireLeases(id);
      const b = engine({ extractDocument: untilAborted }, { owner: 'replica-b', claimLimit: 1 }, false);
      const claims0 = caller.count('cf_claim_work');
      await b.poll();
      expect(b.runningTaskCount()).toBe(2);
      expect(caller.count('cf_claim_work') - claims0).toBe(3);
    });
  });

  describe('step tasks claimed after their lease lapsed', () => {
    it("warns as it resumes another replica's step, naming the workflow, the task, the actor and the run", async () => {
      const a = engine({ extractDocument: untilAborted }, { owner: 'replica-a' }, false);
      const id = await start(a);
      const [task] = (await workflow(id)).tasks;
      await expireLeases(id);
      const logger = recordingLogger();
      const runs: number[] = [];
      const b = engine({ extractDocument: (input, ctx) => (runs.push(ctx.run), untilAborted(input, ctx)) }, { owner: 'replica-b', logger }, false);
      await b.poll();
      expect(logger.entries).toEqual([
        { level: 'warn', message: 'resuming a step task whose lease expired', context: { workflowId: id, taskId: task!.id, actor: 'extractDocument', run: 2 } },
      ]);
      expect(runs).toEqual([2]);
      expect((await workflow(id)).tasks).toEqual([expect.objectContaining({ id: task!.id, lease_owner: 'replica-b', runs: 2 })]);
    });

    it('claims back its own step, still running, without running it a second time or warning', async () => {
      const logger = recordingLogger();
      const runs: number[] = [];
      const a = engine({ extractDocument: (input, ctx) => (runs.push(ctx.run), untilAborted(input, ctx)) }, { owner: 'replica-a', logger }, false);
      const id = await start(a);
      await waitFor(() => runs.length === 1, 'the step to run');
      await expireLeases(id);
      await a.poll();
      expect((await workflow(id)).tasks).toEqual([expect.objectContaining({ lease_owner: 'replica-a', runs: 2 })]);
      expect(runs).toEqual([1]);
      expect(a.runningTaskCount()).toBe(1);
      expect(logger.entries).toEqual([]);
    });
  });

  describe('due timers', () => {
    it('logs a due timer whose commit failed, and delivers it when it is claimed again after its claim lapsed', async () => {
      const logger = recordingLogger();
      caller.failOnce('cf_commit_transition', (p) => typeof p.consume_timer === 'string', 'injected failure of the timer commit');
      let attempts = 0;
      const extractDocument = failingFirst(async () => (attempts++, extraction));
      // A short lease: the failed timer's claim lapses soon, and it is claimed again.
      const e = engine({ ...succeed, extractDocument }, { logger, leaseMs: 1000 });
      const id = await start(e, { jitter: 0, initialDelayMs: 50 });
      await reach(id, 'completed');
      const [failedCommit] = caller.failedPayloads;
      expect(failedCommit).toMatchObject({ workflow_id: id, consume_timer: expect.any(String) });
      expect(logger.find('delivering a due timer failed; it will be claimed again')).toEqual([
        {
          level: 'error',
          message: 'delivering a due timer failed; it will be claimed again',
          context: { workflowId: id, sendId: failedCommit!.consume_timer, error: 'Error: injected failure of the timer commit' },
        },
      ]);
      // The failure stayed the timer's own: the claim around it did not fail.
      expect(logger.find('claiming due work failed; will keep trying')).toEqual([]);
      expect(attempts).toBe(1);
      expect((await kinds(id)).filter((k) => k === 'retry_started')).toHaveLength(1);
    });

    it('records a due timer of a finished workflow as an ignored event and consumes it (a timer row inserted directly: no machine path leaves one)', async () => {
      const e = engine(succeed, {}, false);
      const id = await start(e);
      const { workflow: before } = await reach(id, 'completed');
      await db.query(`insert into workflow_timers (workflow_id, send_id, event, due_at) values ($1, 'stray', $2::jsonb, clock_timestamp() - interval '1 second')`, [
        id,
        JSON.stringify({ type: 'STRAY' }),
      ]);
      await e.poll();
      const after = await workflow(id);
      expect(after.timers).toEqual([]);
      expect(after.workflow).toMatchObject({ state: 'completed', version: before.version + 1 });
      const ignored = (await history.history(ALL_USERS, id)).at(-1)!;
      expect(ignored).toMatchObject({ type: 'event_ignored', from_state: 'completed', to_state: 'completed', replica: 'replica-a' });
      expect(ignored.detail).toEqual({ event: 'STRAY', reason: 'the workflow is completed' });
    });

    it('wakes for a retry wait when it comes due, not at the next poll interval', async () => {
      const e = engine({ ...succeed, extractDocument: failingFirst(succeed.extractDocument!) }, { pollIntervalMs: 60_000 });
      const id = await start(e, { jitter: 0, initialDelayMs: 50 });
      await reach(id, 'completed');
    });

    it('wakes for a wait armed by another replica at the due time its claim reported', async () => {
      const a = engine({ extractDocument: failingFirst(untilAborted) }, { owner: 'replica-a' }, false);
      const id = await start(a, { jitter: 0, initialDelayMs: 1000 });
      await waitFor(async () => (await workflow(id)).workflow.view.phase === 'waiting', 'the retry wait');
      // Its first claim finds the wait not due yet, and no poll interval comes round while the test runs.
      const b = engine(succeed, { owner: 'replica-b', pollIntervalMs: 60_000 });
      await reach(id, 'completed');
      expect((await history.history(ALL_USERS, id)).find((h) => h.type === 'retry_started')!.replica).toBe(b.owner);
    });
  });

  describe('results that arrive after the step moved on', () => {
    it.each(['succeeded', 'failed'] as const)('records a %s result arriving after a cancel from another replica, with the task and why', async (status) => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const runner = engine(
        {
          extractDocument: async () => {
            await gate;
            if (status === 'failed') throw { kind: 'permanent', message: 'unreadable' };
            return extraction;
          },
        },
        { owner: 'runner' },
        false,
      );
      const other = engine({}, { owner: 'api-replica' }, false);
      const id = await start(runner);
      const [task] = (await workflow(id)).tasks;
      expect(await other.send(id, { type: 'CANCEL' })).toMatchObject({ status: 'applied', state: 'cancelled' });
      release();
      const ignored = await waitFor(async () => (await history.history(ALL_USERS, id)).find((h) => h.type === 'late_result_ignored'), 'the late result');
      expect(ignored).toMatchObject({ from_state: 'cancelled', to_state: 'cancelled', replica: 'runner' });
      expect(ignored.detail).toEqual({
        event: status === 'succeeded' ? 'xstate.done.actor.extractDocument' : 'xstate.error.actor.extractDocument',
        reason: 'the step had already moved on (task cancelled or finished)',
        task_id: task!.id,
        task_status: status,
      });
    });

    it('records a late result again when its record lost a race with another write (a version bump stands in for that write)', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const runner = engine({ extractDocument: async () => (await gate, extraction) }, { owner: 'runner' }, false);
      const other = engine({}, { owner: 'api-replica' }, false);
      const id = await start(runner);
      await other.send(id, { type: 'CANCEL' });
      caller.beforeNext('cf_record_event', () => db.query(`update workflows set version = version + 1 where id = $1`, [id]));
      const records0 = caller.count('cf_record_event');
      release();
      await waitFor(async () => (await kinds(id)).includes('late_result_ignored'), 'the late result');
      expect(caller.count('cf_record_event') - records0).toBe(2);
      expect((await kinds(id)).filter((k) => k === 'late_result_ignored')).toHaveLength(1);
    });
  });

  describe('step deadlines', () => {
    it('fails a hung step with the default STEP_TIMEOUT error, naming the actor and its deadline, and aborts it', async () => {
      const signals: AbortSignal[] = [];
      const e = engine({ extractDocument: (input, ctx) => (signals.push(ctx.signal), untilAborted(input, ctx)) }, { taskTimeoutMs: () => 200 });
      const id = await start(e, { maxAttempts: 1 });
      const { workflow: failed } = await reach(id, 'failed');
      expect(failed.error).toMatchObject({
        kind: 'transient',
        code: 'STEP_TIMEOUT',
        message: 'extractDocument did not finish or report progress within 200 ms',
        step: 'extracting',
        attempt: 1,
      });
      expect(signals).toHaveLength(1);
      expect(signals[0]!.aborted).toBe(true);
      expect(await kinds(id)).toContain('step_timed_out');
    });

    it('fails a hung step with what timeoutError makes of its src and deadline', async () => {
      const e = engine(
        { extractDocument: untilAborted },
        { taskTimeoutMs: () => 200, timeoutError: ({ src, timeoutMs }) => ({ kind: 'permanent', code: 'TOO_SLOW', message: `${src} missed ${timeoutMs} ms` }) },
      );
      const id = await start(e);
      const { workflow: failed } = await reach(id, 'failed');
      expect(failed.error).toMatchObject({ kind: 'permanent', code: 'TOO_SLOW', message: 'extractDocument missed 200 ms', step: 'extracting', attempt: 1 });
    });

    it('logs a timed-out step whose failure could not be committed, and leaves its task to a later claim', async () => {
      const logger = recordingLogger();
      caller.failOnce('cf_commit_transition', (p) => p.finish_task?.outcome?.code === 'STEP_TIMEOUT', 'injected failure of the timeout commit');
      const e = engine({ extractDocument: untilAborted }, { logger, taskTimeoutMs: () => 200 });
      const id = await start(e, { maxAttempts: 1 });
      const [task] = (await workflow(id)).tasks;
      const message = 'failing a timed-out step failed; its lease lapses and it is claimed again';
      const logged = await waitFor(() => logger.find(message)[0], 'the failure to be logged');
      expect(logged).toEqual({ level: 'error', message, context: { workflowId: id, taskId: task!.id, error: 'Error: injected failure of the timeout commit' } });
      const after = await workflow(id);
      expect(after.workflow.state).toBe('extracting');
      expect(after.tasks).toEqual([expect.objectContaining({ id: task!.id, lease_owner: 'replica-a' })]);
    });
  });

  describe("reading an earlier step's output", () => {
    function readingStep(ref: { output: string; inline?: unknown }, seen: { value?: unknown }): TaskImplementation {
      return async (_input, ctx) => {
        seen.value = await ctx.readOutput(ref).then(
          (value) => ({ value }),
          (error: Error) => ({ error: error.message }),
        );
        return extraction;
      };
    }

    it('rejects a read of an output never committed, naming the workflow and the output', async () => {
      const seen: { value?: unknown } = {};
      const e = engine({ ...succeed, extractDocument: readingStep({ output: 'nope' }, seen) }, {}, false);
      const id = await start(e);
      await waitFor(() => seen.value, 'the read');
      expect(seen.value).toEqual({ error: `workflow ${id} has no step output "nope"` });
    });

    it('answers an inline output as it is, without reading the store', async () => {
      const seen: { value?: unknown } = {};
      const e = engine({ ...succeed, extractDocument: readingStep({ output: 'extractDocument', inline: { legacy: true } }, seen) }, {}, false);
      const reads0 = caller.count('cf_get_step_output');
      await start(e);
      await waitFor(() => seen.value, 'the read');
      expect(seen.value).toEqual({ value: { legacy: true } });
      expect(caller.count('cf_get_step_output') - reads0).toBe(0);
    });
  });

  describe('the onCommitted hook', () => {
    it('logs a throwing hook at every commit, and the workflow still runs to completion', async () => {
      const logger = recordingLogger();
      const versions: number[] = [];
      const onCommitted: EngineOptions['onCommitted'] = (info) => {
        versions.push(info.version);
        throw new Error(`hook broke at ${info.projection.state}`);
      };
      const e = engine(succeed, { logger, onCommitted }, false);
      const id = await start(e);
      await reach(id, 'completed');
      await waitFor(() => versions.length === 5, 'the hook at the last commit');
      expect(versions).toEqual([1, 2, 3, 4, 5]);
      expect(logger.entries).toEqual(
        ['received', 'extracting', 'analyzing', 'storing', 'completed'].map((state) => ({
          level: 'error',
          message: 'onCommitted hook failed',
          context: { workflowId: id, error: `Error: hook broke at ${state}` },
        })),
      );
    });
  });

  describe('stop()', () => {
    it('waits a moment after aborting running steps before releasing their leases, then another replica takes over at once', async () => {
      let abortedAt = 0;
      let releasedAt = 0;
      const timing = Object.create(store) as WorkflowStore;
      timing.releaseLeases = (owner) => ((releasedAt = Date.now()), store.releaseLeases(owner));
      const a = engine(
        { extractDocument: (input, ctx) => (ctx.signal.addEventListener('abort', () => (abortedAt = Date.now())), untilAborted(input, ctx)) },
        { owner: 'replica-a' },
        true,
        timing,
      );
      const id = await start(a);
      await waitFor(() => a.runningTaskCount() === 1, 'the running step');
      await a.stop();
      expect(abortedAt).toBeGreaterThan(0);
      // The settle wait is 100 ms; timers may fire a millisecond early against Date.now().
      expect(releasedAt - abortedAt).toBeGreaterThanOrEqual(95);
      const b = engine({ extractDocument: untilAborted }, { owner: 'replica-b' }, false);
      await b.poll();
      expect(b.runningTaskCount()).toBe(1);
      expect((await workflow(id)).tasks).toEqual([expect.objectContaining({ lease_owner: 'replica-b', runs: 2 })]);
    });

    it('releases at once, with no settle wait, when no step was running', async () => {
      const a = engine({}, {}, true);
      await a.poll();
      const delays: Array<number | undefined> = [];
      const original = globalThis.setTimeout;
      globalThis.setTimeout = ((handler: () => void, ms?: number) => {
        delays.push(ms);
        return original(handler, ms);
      }) as typeof setTimeout;
      try {
        await a.stop();
      } finally {
        globalThis.setTimeout = original;
      }
      expect(delays).not.toContain(100);
    });
  });
});
