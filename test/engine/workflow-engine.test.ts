import { WorkflowEngine, type TaskImplementation } from '@cashflow/workflow-engine';
import { randomUUID } from 'node:crypto';
import { sqlFunctionCaller, type SqlFunctionCaller } from '../../apps/orchestrator/src/persistence/sql-database.js';
import { ALL_USERS } from '../../apps/orchestrator/src/persistence/owner.js';
import { UserDataStore } from '../../apps/orchestrator/src/persistence/user-data.store.js';
import { WorkflowStore } from '../../apps/orchestrator/src/persistence/workflow.store.js';
import { waitFor } from '../support/wait-for.js';
import { openMigratedPglite } from '../support/migrated-pglite.js';
import { EMPTY_ANALYSIS as analysis, EMPTY_EXTRACTION as extraction, TestEngines } from '../support/engine-harness.js';

/** Records every SQL function call as it completes, so tests can order commits against effects. */
class RecordingCaller implements SqlFunctionCaller {
  readonly log: string[] = [];
  /** Sizes of the group commits that reached the database. */
  readonly batches: number[] = [];
  failNext = new Set<string>();
  /** Public states whose next single commit fails (logged as `failed:<state>`), as a database outage would. */
  failCommitTo = new Set<string>();
  constructor(private readonly inner: SqlFunctionCaller) {}
  async call<T>(fn: string, payload: object): Promise<T> {
    if (this.failNext.delete(fn)) throw new Error(`injected failure of ${fn}`);
    const target = fn === 'cf_commit_transition' ? (payload as { state: string }).state : undefined;
    if (target && this.failCommitTo.delete(target)) {
      this.log.push(`failed:${target}`);
      throw new Error(`injected failure of the commit to ${target}`);
    }
    const result = await this.inner.call<T>(fn, payload);
    if (fn === 'cf_commit_transitions') this.batches.push((payload as { items: unknown[] }).items.length);
    type Commit = { state: string; then?: { state: string } };
    const commits = fn === 'cf_commit_transitions' ? (payload as { items: Commit[] }).items : fn === 'cf_start_workflow' || fn === 'cf_commit_transition' ? [payload as Commit] : [];
    for (const commit of commits) this.log.push(...[commit, commit.then].filter((c) => c).map((c) => `commit:${c!.state}`));
    return result;
  }
  schemaVersion() {
    return this.inner.schemaVersion();
  }
  close() {
    return this.inner.close();
  }
}

describe(WorkflowEngine.name, () => {
  let caller: RecordingCaller;
  let store: WorkflowStore;
  let reads: UserDataStore;
  let db: Awaited<ReturnType<typeof openMigratedPglite>>;
  const engines = new TestEngines();
  /** Run before the engines stop, whatever the test's outcome (releases a stalled poll). */
  const beforeStop: Array<() => void> = [];

  beforeAll(async () => {
    db = await openMigratedPglite();
    caller = new RecordingCaller(sqlFunctionCaller(db));
    store = new WorkflowStore(caller);
    reads = new UserDataStore(caller);
  });

  afterEach(async () => {
    for (const release of beforeStop.splice(0)) release();
    await engines.stopAll();
  });

  afterAll(async () => {
    await caller.close();
  });

  function engine(tasks: Record<string, TaskImplementation>, owner = 'replica-a', scheduler = true, through: WorkflowStore = store, leaseMs = 1000): WorkflowEngine {
    return engines.create({ store: through, tasks, owner, leaseMs }, { scheduler });
  }

  function start(target: WorkflowEngine, retryPolicy = {}) {
    const id = randomUUID();
    return target.start({ id, attributes: { user_id: 'u', document_path: 'd.ofx' }, input: { workflowId: id, userId: 'u', documentPath: 'd.ofx', retryPolicy } }).then(() => id);
  }

  it('starts no step before the transition that spawns it is committed', async () => {
    const seen: string[] = [];
    const check = (step: string): TaskImplementation => async (_input, ctx) => {
      caller.log.push(`effect:${step}`);
      const loaded = await store.getWorkflow(ctx.workflowId);
      // The task row and the state that invoked it are already durable when the step begins.
      seen.push(`${loaded!.workflow.state}:${loaded!.tasks.some((t) => t.id === ctx.taskId)}`);
      return step === 'extractDocument' ? extraction : step === 'analyzeTransactions' ? analysis : { transactionsStored: 0 };
    };
    caller.log.length = 0;
    const e = engine({ extractDocument: check('extractDocument'), analyzeTransactions: check('analyzeTransactions'), storeResults: check('storeResults') });
    const id = await start(e);
    await waitFor(async () => (await store.getWorkflow(id))!.workflow.state === 'completed', 'completion');
    expect(seen).toEqual(['extracting:true', 'analyzing:true', 'storing:true']);
    expect(caller.log).toEqual([
      'commit:received',
      'commit:extracting',
      'effect:extractDocument',
      'commit:analyzing',
      'effect:analyzeTransactions',
      'commit:storing',
      'effect:storeResults',
      'commit:completed',
    ]);
  });

  it('runs nothing when the commit fails, and applies the event once the database answers again', async () => {
    const calls: Record<string, number> = { extractDocument: 0, analyzeTransactions: 0, storeResults: 0 };
    const effect = (step: string, output: unknown): TaskImplementation => async () => {
      calls[step]!++;
      caller.log.push(`effect:${step}`);
      return output;
    };
    caller.log.length = 0;
    const e = engine({ extractDocument: effect('extractDocument', extraction), analyzeTransactions: effect('analyzeTransactions', analysis), storeResults: effect('storeResults', { transactionsStored: 0 }) });
    // The commit that spawns analyzeTransactions (extract's result) fails once: the analyzer must not run until a
    // later commit of that transition succeeds.
    caller.failCommitTo.add('analyzing');
    const id = await start(e);
    await waitFor(async () => (await store.getWorkflow(id))!.workflow.state === 'completed', 'completion after the failed commit');
    expect(calls).toEqual({ extractDocument: 1, analyzeTransactions: 1, storeResults: 1 });
    expect(caller.log).toEqual([
      'commit:received',
      'commit:extracting',
      'effect:extractDocument',
      'failed:analyzing',
      'commit:analyzing',
      'effect:analyzeTransactions',
      'commit:storing',
      'effect:storeResults',
      'commit:completed',
    ]);
    const history = await reads.history(ALL_USERS, id);
    expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
    expect(history.filter((h) => h.type === 'step_succeeded')).toHaveLength(3);
  });

  it('keeps a retry wait in the database: a new engine instance wakes it when due', async () => {
    let attempts = 0;
    const tasks: Record<string, TaskImplementation> = {
      extractDocument: async () => {
        attempts++;
        if (attempts === 1) throw { kind: 'transient', message: 'HTTP 503', retryAfterMs: 600 };
        return extraction;
      },
      analyzeTransactions: async () => analysis,
      storeResults: async () => ({ transactionsStored: 0 }),
    };
    const first = engine(tasks, 'replica-a');
    const id = await start(first, { jitter: 0, initialDelayMs: 100 });
    await waitFor(async () => (await store.getWorkflow(id))!.workflow.view.phase === 'waiting', 'the wait');
    await first.stop();
    const due = Date.parse((await store.getWorkflow(id))!.workflow.view.next_retry_at as string);

    const second = engine(tasks, 'replica-b');
    await waitFor(async () => (await store.getWorkflow(id))!.workflow.state === 'completed', 'completion by the second engine');
    expect(attempts).toBe(2);
    const retried = (await reads.history(ALL_USERS, id)).find((h) => h.type === 'retry_started')!;
    expect(Date.parse(retried.created_at)).toBeGreaterThanOrEqual(due - 20);
    expect(retried.replica).toBe(second.owner);
  });

  it('records and ignores the late result of a step cancelled from another replica', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const runner = engine({ extractDocument: async () => { await gate; return extraction; }, analyzeTransactions: async () => analysis, storeResults: async () => ({ transactionsStored: 0 }) }, 'runner');
    const other = engine({}, 'api-replica', false);
    const id = await start(runner);
    await waitFor(async () => (await store.getWorkflow(id))!.tasks.length === 1, 'the running task');
    expect(await other.send(id, { type: 'CANCEL' })).toMatchObject({ status: 'applied', state: 'cancelled' });
    release();
    await waitFor(async () => (await reads.history(ALL_USERS, id)).some((h) => h.type === 'late_result_ignored'), 'the late result to be recorded');
    expect((await store.getWorkflow(id))!.workflow.state).toBe('cancelled');
    expect(await other.send(id, { type: 'CANCEL' })).toMatchObject({ status: 'rejected', state: 'cancelled' });
  });

  it('ignores the late result of a step whose lease another replica took over, though the version did not move', async () => {
    let result!: string;
    const runner = engine({
      extractDocument: async (_input, ctx) => {
        // Another replica claims the task (as after a missed renewal): a lease change, not a workflow commit.
        await db.query(`update workflow_tasks set lease_owner = 'replica-z' where id = $1`, [ctx.taskId]);
        result = ctx.taskId;
        return extraction;
      },
    }, 'slow-replica');
    const id = await start(runner);
    await waitFor(async () => (await reads.history(ALL_USERS, id)).some((h) => h.type === 'late_result_ignored'), 'the late result to be recorded');
    const loaded = await store.getWorkflow(id);
    expect(loaded!.workflow.state).toBe('extracting');
    expect(loaded!.tasks).toEqual([expect.objectContaining({ id: result, lease_owner: 'replica-z' })]);
    const ignored = (await reads.history(ALL_USERS, id)).find((h) => h.type === 'late_result_ignored')!;
    expect(ignored.detail).toMatchObject({ task_id: result, reason: 'the task is now leased to replica-z' });
  });

  it('commits the transitions of workflows that finish steps together in one statement, each on its own', async () => {
    caller.log.length = 0;
    caller.batches.length = 0;
    let arrived = 0;
    let release!: () => void;
    const together = new Promise<void>((r) => (release = r));
    const e = engine({
      extractDocument: async () => {
        if (++arrived === 12) release();
        await together;
        return extraction;
      },
      analyzeTransactions: async () => analysis,
      storeResults: async () => ({ transactionsStored: 0 }),
    });
    // One batch fails as a whole: its items must still commit, one by one.
    caller.failNext.add('cf_commit_transitions');
    const ids = await Promise.all(Array.from({ length: 12 }, () => start(e)));
    await waitFor(async () => (await Promise.all(ids.map((id) => store.getWorkflow(id)))).every((w) => w!.workflow.state === 'completed'), 'all completed');
    expect(caller.batches.some((size) => size > 1)).toBe(true);
    for (const id of ids) {
      const history = await reads.history(ALL_USERS, id);
      expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
      expect(history.filter((h) => h.type === 'step_succeeded')).toHaveLength(3);
    }
  });

  it('drops a retry timer claimed before it was re-armed under the same id, so the newer wait is not cut short', async () => {
    let failSecond!: () => void;
    const secondGate = new Promise<void>((r) => (failSecond = r));
    let attempts = 0;
    const runner = engine({
      extractDocument: async (_input, ctx) => {
        attempts++;
        if (attempts === 1) throw { kind: 'transient', message: 'HTTP 503' };
        if (attempts === 2) {
          await secondGate;
          throw { kind: 'transient', message: 'HTTP 503 again' };
        }
        return new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
      },
    }, 'runner', false, store, 60_000);
    // A replica that claims due timers, then stalls before firing them (a GC pause, a slow network); its claim's
    // lease is short, so the runner takes the timer over meanwhile.
    let claimed!: (timers: Array<{ send_id: string; due_at: string }>) => void;
    const claimedTimers = new Promise<Array<{ send_id: string; due_at: string }>>((r) => (claimed = r));
    let unstall!: () => void;
    const stall = new Promise<void>((r) => (unstall = r));
    const slowStore = Object.create(store) as WorkflowStore;
    slowStore.claimWork = async (...args) => {
      const work = await store.claimWork(...args);
      if (work.timers.length) claimed(work.timers);
      await stall;
      return work;
    };
    const slow = engine({}, 'slow-replica', false, slowStore, 300);
    beforeStop.push(() => unstall());

    // The first wait is 50 ms; the second, 50 s: it cannot come due while the test runs.
    const id = await start(runner, { jitter: 0, initialDelayMs: 50, backoffFactor: 1000, maxDelayMs: 60_000, maxAttempts: 5 });
    const firstWait = await waitFor(async () => {
      const loaded = (await store.getWorkflow(id))!;
      return loaded.workflow.view.phase === 'waiting' ? loaded.timers.find((t) => t.send_id.includes('retryDelay')) : undefined;
    }, 'the first retry wait');
    await waitFor(() => Date.now() > Date.parse(firstWait.due_at), 'the first wait to be due');
    const slowPoll = slow.poll();
    const [oldWait] = (await claimedTimers).filter((t) => t.send_id === firstWait.send_id);
    expect(oldWait).toBeDefined();

    // Once the slow claim's lease lapses the runner fires the timer: attempt 2 runs, fails, and waits again under the same id.
    await waitFor(async () => {
      await runner.poll();
      return (await store.getWorkflow(id))!.workflow.view.attempt === 2;
    }, 'the second attempt');
    failSecond();
    const rearmed = await waitFor(async () => {
      const loaded = (await store.getWorkflow(id))!;
      return loaded.workflow.view.phase === 'waiting' && loaded.workflow.view.attempt === 2 ? loaded.timers.find((t) => t.send_id === oldWait!.send_id) : undefined;
    }, 'the second wait, re-armed under the same id');
    expect(Date.parse(rearmed.due_at)).toBeGreaterThan(Date.parse(oldWait!.due_at));

    unstall();
    await slowPoll;
    const after = await store.getWorkflow(id);
    expect(after!.workflow.view).toMatchObject({ phase: 'waiting', attempt: 2 });
    expect(after!.timers.find((t) => t.send_id === oldWait!.send_id)?.due_at).toBe(rearmed.due_at);
    expect(attempts).toBe(2);
  });

  it('resolves concurrent events on one workflow with the version check, losing none', async () => {
    const a = engine({}, 'a', false);
    const b = engine({}, 'b', false);
    const id = await start(a);
    const results = await Promise.all([a.send(id, { type: 'CANCEL' }), b.send(id, { type: 'CANCEL' })]);
    expect(results.map((r) => r.status).sort()).toEqual(['applied', 'rejected']);
    const history = await reads.history(ALL_USERS, id);
    expect(history.filter((h) => h.type === 'cancelled')).toHaveLength(1);
  });
});
