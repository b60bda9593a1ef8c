import { IdempotentStart, IN_FLIGHT_MS, type StartOutcome } from '../../apps/orchestrator/src/api/idempotency/idempotent-start.js';
import { runMigrations } from '../../apps/orchestrator/src/persistence/migrations.runner.js';
import { IdempotencyStore } from '../../apps/orchestrator/src/persistence/idempotency.store.js';
import { openPgDatabase } from '../../apps/orchestrator/src/persistence/pg.database.js';
import { openPgliteDatabase } from '../../apps/orchestrator/src/persistence/pglite.database.js';
import { sqlFunctionCaller, type SqlDatabase } from '../../apps/orchestrator/src/persistence/sql-database.js';
import { WorkflowStore } from '../../apps/orchestrator/src/persistence/workflow.store.js';
import { waitFor } from '../support/wait-for.js';
import { createTestSchema } from './postgres-test-db.js';
import { newWorkflow } from './workflow-store.conformance.js';

const PLACES: Array<{ name: string; open: () => Promise<{ db: SqlDatabase; drop: () => Promise<void> }> }> = [
  { name: 'PGlite', open: async () => ({ db: await openPgliteDatabase(null), drop: async () => undefined }) },
  {
    name: 'PostgreSQL',
    open: async () => {
      const place = await createTestSchema();
      return { db: openPgDatabase(place.url, { poolSize: 8 }), drop: () => place.drop() };
    },
  },
];

describe.each(PLACES)(`${IdempotentStart.name} on $name`, ({ open }) => {
  let db: SqlDatabase;
  let drop: () => Promise<void>;
  let store: WorkflowStore;
  let starts: IdempotentStart;

  beforeAll(async () => {
    ({ db, drop } = await open());
    await runMigrations(db);
    const caller = sqlFunctionCaller(db);
    store = new WorkflowStore(caller);
    starts = new IdempotentStart(new IdempotencyStore(caller), store);
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  const create = (userId: string, key: string) => async (id: string): Promise<StartOutcome> => {
    const result = await store.createWorkflow(newWorkflow({ id, user_id: userId, idempotency_key: key }));
    return { created: result.created, workflow: result.workflow };
  };
  const never = () => true;

  it('creates under the id it bound, replays the same request, refuses another with 422', async () => {
    const first = await starts.run({ scope: 'u1', key: 'k1', requestHash: 'h1' }, create('u1', 'k1'), never);
    expect(first.created).toBe(true);
    let calls = 0;
    const again = await starts.run({ scope: 'u1', key: 'k1', requestHash: 'h1' }, async (id) => (calls++, create('u1', 'k1')(id)), never);
    expect([again.created, again.workflow.id, calls]).toEqual([false, first.workflow.id, 0]);
    await expect(starts.run({ scope: 'u1', key: 'k1', requestHash: 'h2' }, create('u1', 'k1'), never)).rejects.toMatchObject({
      problem: { status: 422, errors: [{ field: 'Idempotency-Key' }], workflow_id: first.workflow.id },
    });
  });

  it('answers 409 while the first request is still in flight, and never runs the second', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = starts.run({ scope: 'u2', key: 'k2', requestHash: 'h' }, async (id) => (await gate, create('u2', 'k2')(id)), never);
    await waitFor(async () => (await db.query(`select 1 from idempotency_requests where scope = 'u2'`)).length === 1, 'the first request to bind its key');
    let ran = false;
    await expect(starts.run({ scope: 'u2', key: 'k2', requestHash: 'h' }, async (id) => ((ran = true), create('u2', 'k2')(id)), never)).rejects.toMatchObject({
      problem: { status: 409 },
    });
    expect(ran).toBe(false);
    release();
    expect((await slow).created).toBe(true);
  });

  it('unbinds the key when creating failed, so the retry proceeds at once', async () => {
    await expect(starts.run({ scope: 'u3', key: 'k3', requestHash: 'h' }, async () => Promise.reject(new Error('database went away')), never)).rejects.toThrow('database went away');
    const retry = await starts.run({ scope: 'u3', key: 'k3', requestHash: 'h' }, create('u3', 'k3'), never);
    expect(retry.created).toBe(true);
  });

  it('takes over a key whose request died before creating its workflow, once past the in-flight window', async () => {
    await db.query(`insert into idempotency_requests (scope, key, request_hash, workflow_id, created_at)
                    values ('u4', 'k4', 'h', '0190aaaa-0000-7000-8000-000000000004', now() - make_interval(secs => $1))`, [IN_FLIGHT_MS / 1000 + 1]);
    const outcome = await starts.run({ scope: 'u4', key: 'k4', requestHash: 'h' }, create('u4', 'k4'), never);
    expect([outcome.created, outcome.workflow.id]).toEqual([true, '0190aaaa-0000-7000-8000-000000000004']);
  });

  it('creates one workflow when the same request races itself; the others replay it or hear 409', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => starts.run({ scope: 'u8', key: 'race', requestHash: 'h' }, create('u8', 'race'), never)));
    const created = outcomes.filter((o) => o.status === 'fulfilled' && o.value.created);
    expect(created).toHaveLength(1);
    for (const o of outcomes) {
      if (o.status === 'rejected') expect(o.reason).toMatchObject({ problem: { status: 409 } });
    }
    const rows = await db.query(`select id from workflows where user_id = 'u8'`);
    expect(rows).toHaveLength(1);
  });

  it('scopes keys: the same key in another scope is another binding', async () => {
    const a = await starts.run({ scope: 'u5', key: 'shared', requestHash: 'ha' }, create('u5', 'shared'), never);
    const b = await starts.run({ scope: 'u6', key: 'shared', requestHash: 'hb' }, create('u6', 'shared'), never);
    expect([a.created, b.created]).toEqual([true, true]);
    expect(a.workflow.id).not.toBe(b.workflow.id);
  });

  it("tells a workflow made with the key before keys were bound (009) apart by the caller's check", async () => {
    const legacy = await store.createWorkflow(newWorkflow({ user_id: 'u7', idempotency_key: 'old', document_path: 'a.csv' }));
    const same = await starts.run({ scope: 'u7', key: 'old', requestHash: 'h' }, create('u7', 'old'), (row) => row.document_path === 'a.csv');
    expect([same.created, same.workflow.id]).toEqual([false, legacy.workflow.id]);
    await expect(starts.run({ scope: 'u7', key: 'old', requestHash: 'h' }, create('u7', 'old'), () => false)).rejects.toMatchObject({ problem: { status: 422 } });
  });
});
