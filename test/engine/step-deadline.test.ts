import type { TaskImplementation, WorkflowEngine } from '@cashflow/workflow-engine';
import { randomUUID } from 'node:crypto';
import { sqlFunctionCaller, type SqlDatabase } from '../../apps/orchestrator/src/persistence/sql-database.js';
import { WorkflowStore } from '../../apps/orchestrator/src/persistence/workflow.store.js';
import { ALL_USERS } from '../../apps/orchestrator/src/persistence/owner.js';
import { UserDataStore } from '../../apps/orchestrator/src/persistence/user-data.store.js';
import { waitFor } from '../support/wait-for.js';
import { openMigratedPglite } from '../support/migrated-pglite.js';
import { EMPTY_ANALYSIS as analysis, EMPTY_EXTRACTION as extraction, TestEngines } from '../support/engine-harness.js';

class CountingStore extends WorkflowStore {
  progressWrites = 0;
  override reportProgress(owner: string, taskId: string, progress: { done: number; total: number; unit: string }): Promise<boolean> {
    this.progressWrites++;
    return super.reportProgress(owner, taskId, progress);
  }
}

describe('step deadlines on the task row, extended by progress (heartbeat)', () => {
  let db: SqlDatabase;
  let store: CountingStore;
  const engines = new TestEngines();

  beforeAll(async () => {
    db = await openMigratedPglite();
    store = new CountingStore(sqlFunctionCaller(db));
  });

  afterEach(async () => {
    await engines.stopAll();
  });

  afterAll(async () => {
    await db.close();
  });

  function engine(extract: TaskImplementation): WorkflowEngine {
    return engines.create({
      store,
      tasks: { extractDocument: extract, analyzeTransactions: async () => analysis, storeResults: async () => ({ transactionsStored: 0 }) },
      owner: 'replica-deadline',
      leaseMs: 10_000,
      progressIntervalMs: 100,
      taskTimeoutMs: (task) => (task.input as { timeoutMs?: number }).timeoutMs,
    });
  }

  async function start(e: WorkflowEngine, timeoutMs: number): Promise<string> {
    const id = randomUUID();
    await e.start({ id, attributes: { user_id: 'u', document_path: 'd.pdf' }, input: { workflowId: id, userId: 'u', documentPath: 'd.pdf', retryPolicy: { timeoutMs, jitter: 0, initialDelayMs: 10 } } });
    return id;
  }

  it('fails a hung attempt as STEP_TIMEOUT once its deadline passes, aborts it, and the retry runs', async () => {
    const signals: AbortSignal[] = [];
    let release!: () => void;
    const e = engine(async (_input, ctx) => {
      signals.push(ctx.signal);
      // Hangs, deaf to its signal, until the test has seen the outcome (so stopping the engine does not wait on it).
      if (signals.length === 1) return new Promise((resolve) => (release = () => resolve(extraction)));
      return extraction;
    });
    const id = await start(e, 300);
    await waitFor(async () => (await store.getWorkflow(id))?.workflow.state === 'completed', 'the retried workflow to complete', 20_000);
    expect(signals).toHaveLength(2);
    expect(signals[0]!.aborted).toBe(true);
    const history = await new UserDataStore(sqlFunctionCaller(db)).history(ALL_USERS, id);
    const timedOut = history.find((h) => h.type === 'step_timed_out');
    expect(timedOut?.detail).toMatchObject({ step: 'extracting', attempt: 1, will_retry: true, error: { kind: 'transient', code: 'STEP_TIMEOUT' } });
    release();
  });

  it('lets a slow step that reports progress run past its timeout, keeps the last report on the task, and writes at most one per interval', async () => {
    let seenProgress: unknown = null;
    const e = engine(async (input: { workflowId: string }, ctx) => {
      const total = 12;
      for (let done = 1; done <= total; done++) {
        await new Promise((r) => setTimeout(r, 100));
        ctx.progress({ done, total, unit: 'pages' });
        if (done === 8) {
          await waitFor(async () => ((await store.getWorkflow(input.workflowId))?.tasks[0]?.progress?.done ?? 0) >= 6, 'progress on the task row');
          seenProgress = (await store.getWorkflow(input.workflowId))!.tasks[0]!.progress;
        }
      }
      return extraction;
    });
    const writesBefore = store.progressWrites;
    const startedAt = Date.now();
    const id = await start(e, 400);
    await waitFor(async () => (await store.getWorkflow(id))?.workflow.state === 'completed', 'the slow step to complete', 20_000);
    const elapsed = Date.now() - startedAt;
    expect(elapsed).toBeGreaterThan(400);
    const history = await new UserDataStore(sqlFunctionCaller(db)).history(ALL_USERS, id);
    expect(history.filter((h) => h.type === 'step_timed_out')).toEqual([]);
    expect(history.find((h) => h.type === 'step_succeeded')?.detail).toMatchObject({ step: 'extracting', attempt: 1 });
    expect(seenProgress).toMatchObject({ unit: 'pages', total: 12 });
    expect(store.progressWrites - writesBefore).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 1);
  });

  it('arms no timer row for a running attempt', async () => {
    let release!: () => void;
    const e = engine(() => new Promise((r) => (release = () => r(extraction))));
    const id = await start(e, 30_000);
    await waitFor(async () => (await store.getWorkflow(id))?.tasks.length === 1, 'the running task');
    expect((await store.getWorkflow(id))!.timers).toEqual([]);
    release();
    await waitFor(async () => (await store.getWorkflow(id))?.workflow.state === 'completed', 'completion');
  });
});
