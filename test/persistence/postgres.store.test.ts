import { checkReadiness } from '../../apps/orchestrator/src/health/readiness.js';
import { runMigrations } from '../../apps/orchestrator/src/persistence/migrations.runner.js';
import { openPgDatabase } from '../../apps/orchestrator/src/persistence/pg.database.js';
import { sqlFunctionCaller } from '../../apps/orchestrator/src/persistence/sql-database.js';
import { waitFor } from '../support/wait-for.js';
import { createTestSchema, holdWorkflowInserts, TEST_DATABASE_URL, truncateAll } from './postgres-test-db.js';
import { TcpProxy } from './tcp-proxy.js';
import { LATEST, MIGRATION_FILES, MIGRATIONS } from './migration-files.js';
import { describeWorkflowStoreConformance, extractTask, newWorkflow } from './workflow-store.conformance.js';
import { WorkflowStore } from '../../apps/orchestrator/src/persistence/workflow.store.js';
import pg from 'pg';

describeWorkflowStoreConformance('PostgreSQL (node-postgres)', async () => {
  const place = await createTestSchema();
  const db = openPgDatabase(place.url, { poolSize: 8 });
  await runMigrations(db).catch(async (error: unknown) => {
    await db.close();
    await place.drop();
    throw error;
  });
  return {
    caller: sqlFunctionCaller(db),
    reset: () => truncateAll(db),
    close: async () => {
      await db.close();
      await place.drop();
    },
    holdWorkflowInserts: () => holdWorkflowInserts(place.url, db),
  };
}, { concurrentCalls: true });

describe('migrations on PostgreSQL', () => {
  it('apply each file once when two replicas migrate at the same moment, then are a no-op', async () => {
    const place = await createTestSchema();
    const [one, two] = [openPgDatabase(place.url, { poolSize: 2 }), openPgDatabase(place.url, { poolSize: 2 })];
    try {
      const [a, b] = await Promise.all([runMigrations(one), runMigrations(two)]);
      expect([...a, ...b].sort()).toEqual(MIGRATION_FILES);
      expect(await runMigrations(one)).toEqual([]);
      expect(await one.query('select version from schema_migrations order by version')).toEqual(
        MIGRATIONS.map(({ version }) => ({ version })),
      );
      const withoutRls = await one.query(
        `select relname from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'r' and not relrowsecurity`,
      );
      expect(withoutRls).toEqual([]);
    } finally {
      await Promise.all([one.close(), two.close()]);
      await place.drop();
    }
  });
});

describe('readiness on PostgreSQL', () => {
  let place: Awaited<ReturnType<typeof createTestSchema>>;
  beforeAll(async () => {
    place = await createTestSchema();
    const db = openPgDatabase(place.url);
    await runMigrations(db);
    await db.close();
  });
  afterAll(() => place.drop());

  it('goes unready while the database is unreachable and ready again once it returns, without a crash', async () => {
    const target = new URL(TEST_DATABASE_URL);
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.up();
    const viaProxy = new URL(place.url);
    viaProxy.port = String(proxy.port);
    const db = openPgDatabase(viaProxy.toString(), { poolSize: 4, connectTimeoutMs: 1_000 });
    const caller = sqlFunctionCaller(db);
    try {
      await Promise.all([caller.schemaVersion(), caller.schemaVersion(), caller.schemaVersion()]);
      expect(await checkReadiness(caller, LATEST)).toEqual({ ready: true, schemaVersion: LATEST });

      await proxy.down();
      const down = await checkReadiness(caller, LATEST, 3_000);
      expect(down).toEqual({ ready: false, reason: expect.stringMatching(/^database unreachable/) });
      await expect(caller.call('cf_list_workflows', { user_id: 'u', limit: 1 })).rejects.toThrow();

      await proxy.up();
      await waitFor(async () => (await checkReadiness(caller, LATEST)).ready, 'readiness after the database returned', 10_000, 100);
      expect(await caller.call('cf_list_workflows', { user_id: 'u', limit: 1 })).toEqual([]);
    } finally {
      await proxy.down();
      await db.close();
    }
  });

  it('reconnects after the server drops every connection of the pool', async () => {
    const applicationName = `cf-test-${process.pid}-${Date.now()}`;
    const db = openPgDatabase(place.url, { poolSize: 4, applicationName });
    const caller = sqlFunctionCaller(db);
    const admin = openPgDatabase(TEST_DATABASE_URL, { poolSize: 1 });
    try {
      await Promise.all([caller.schemaVersion(), caller.schemaVersion(), caller.schemaVersion()]);
      const killed = await admin.query<{ ok: boolean }>(
        'select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = $1', [applicationName],
      );
      expect(killed.length).toBeGreaterThanOrEqual(1);
      await waitFor(async () => (await checkReadiness(caller, LATEST)).ready, 'readiness after the connections were dropped', 10_000, 100);
      const again = await admin.query('select pid from pg_stat_activity where application_name = $1', [applicationName]);
      expect(again.length).toBeGreaterThanOrEqual(1);
    } finally {
      await Promise.all([db.close(), admin.close()]);
    }
  });
});

describe('lease renewal on PostgreSQL', () => {
  it('does not wait for a task row another transaction holds (a group commit finishing it), and still reports it held', async () => {
    const place = await createTestSchema();
    // Waiting for the row would end in this timeout (or, with a group commit waiting in turn, in a deadlock).
    const db = openPgDatabase(place.url, { poolSize: 2, statementTimeoutMs: 2_000 });
    const holder = new pg.Client({ connectionString: place.url });
    try {
      await runMigrations(db);
      const store = new WorkflowStore(sqlFunctionCaller(db));
      const created = await store.createWorkflow(newWorkflow({ tasks_start: [extractTask] }));
      const taskId = created.tasks[0]!.id;
      await holder.connect();
      await holder.query('begin');
      await holder.query('select 1 from workflow_tasks where id = $1 for update', [taskId]);
      expect(await store.renewLeases('replica-a', [taskId], 10_000)).toEqual([taskId]);
      expect(await store.renewLeases('replica-b', [taskId], 10_000)).toEqual([]);
    } finally {
      await holder.query('rollback').catch(() => undefined);
      await holder.end().catch(() => undefined);
      await db.close();
      await place.drop();
    }
  });
});
