import { CommitBatcher } from '../../libs/workflow-engine/src/commit-batcher.js';
import { sqlFunctionCaller, type SqlFunctionCaller } from '../../apps/orchestrator/src/persistence/sql-database.js';
import { WorkflowStore } from '../../apps/orchestrator/src/persistence/workflow.store.js';
import { commit, newWorkflow } from '../persistence/workflow-store.conformance.js';
import { openMigratedPglite } from '../support/migrated-pglite.js';

describe(CommitBatcher.name, () => {
  let inner: SqlFunctionCaller;
  const calls: Array<{ fn: string; items: number }> = [];
  let store: WorkflowStore;

  beforeAll(async () => {
    const db = await openMigratedPglite();
    inner = sqlFunctionCaller(db);
    store = new WorkflowStore({
      call: (fn, payload) => {
        calls.push({ fn, items: (payload as { items?: unknown[] }).items?.length ?? 1 });
        return inner.call(fn, payload);
      },
      schemaVersion: () => inner.schemaVersion(),
      close: () => inner.close(),
    });
  });
  afterAll(() => inner.close());

  it('sends a commit alone when nothing is in flight, groups the ones that arrive meanwhile, and isolates a failing item', async () => {
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => store.createWorkflow(newWorkflow())));
    calls.length = 0;
    const batcher = new CommitBatcher(store, { maxInFlight: 1 });
    const first = batcher.commit(commit(a!.workflow.id, 1));
    const second = batcher.commit(commit(b!.workflow.id, 1));
    // Not an integer: the database rejects the statement that carries it, and with it the whole batch.
    const broken = batcher.commit(commit(c!.workflow.id, 'one' as unknown as number));

    const [one, two, three] = await Promise.allSettled([first, second, broken]);
    expect(one).toMatchObject({ status: 'fulfilled', value: { ok: true, version: 2 } });
    expect(two).toMatchObject({ status: 'fulfilled', value: { ok: true, version: 2 } });
    expect(three).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/invalid input syntax for type integer/) } });
    expect(calls).toEqual([
      { fn: 'cf_commit_transition', items: 1 },
      { fn: 'cf_commit_transitions', items: 2 },
      { fn: 'cf_commit_transition', items: 1 },
      { fn: 'cf_commit_transition', items: 1 },
    ]);
    expect((await store.getWorkflow(b!.workflow.id))!.workflow.version).toBe(2);
    expect((await store.getWorkflow(c!.workflow.id))!.workflow.version).toBe(1);
  });
});
