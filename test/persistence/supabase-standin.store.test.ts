import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { checkReadiness } from '../../apps/orchestrator/src/health/readiness.js';
import { runMigrations } from '../../apps/orchestrator/src/persistence/migrations.runner.js';
import { openPgDatabase } from '../../apps/orchestrator/src/persistence/pg.database.js';
import type { SqlDatabase, SqlFunctionCaller } from '../../apps/orchestrator/src/persistence/sql-database.js';
import { supabaseFunctionCaller } from '../../apps/orchestrator/src/persistence/supabase.caller.js';
import { WorkflowStore } from '../../apps/orchestrator/src/persistence/workflow.store.js';
import { signJwt, startPostgrestStandin, type PostgrestStandin } from '../support/postgrest-standin.js';
import { createTestDatabase, holdWorkflowInserts, truncateAll, type TestPlace } from './postgres-test-db.js';
import { emulateSupabaseProject } from './supabase-emulation.js';
import { LATEST } from './migration-files.js';
import { describeWorkflowStoreConformance } from './workflow-store.conformance.js';

const JWT_SECRET = 'stand-in-jwt-secret-at-least-32-characters';
const key = (role: string, sub?: string) => signJwt(JWT_SECRET, { iss: 'supabase', role, ...(sub ? { sub } : {}), exp: Math.floor(Date.now() / 1000) + 3600 });

interface Project {
  place: TestPlace;
  db: SqlDatabase;
  standin: PostgrestStandin;
  close(): Promise<void>;
}

/** A database shaped like a Supabase project, migrated as the Supabase CLI would (as postgres), behind the stand-in. */
async function openProject(migrate = true): Promise<Project> {
  const place = await createTestDatabase('cf_test_supabase');
  const db = openPgDatabase(place.url, { poolSize: 2 });
  let standin: PostgrestStandin;
  try {
    await emulateSupabaseProject(place.url);
    if (migrate) await runMigrations(db);
    standin = await startPostgrestStandin({ connectionString: place.url, jwtSecret: JWT_SECRET });
  } catch (error) {
    await db.close();
    await place.drop();
    throw error;
  }
  return {
    place,
    db,
    standin,
    async close() {
      await standin.stop();
      await db.close();
      await place.drop();
    },
  };
}

describeWorkflowStoreConformance('Supabase (supabase-js over the PostgREST stand-in, service role)', async () => {
  const project = await openProject();
  let caller: SqlFunctionCaller;
  try {
    caller = supabaseFunctionCaller(project.standin.url, key('service_role'));
  } catch (error) {
    await project.close();
    throw error;
  }
  return {
    caller,
    reset: () => truncateAll(project.db),
    holdWorkflowInserts: () => holdWorkflowInserts(project.place.url, project.db),
    close: async () => {
      // Proves the calls went over HTTP through the stand-in rather than some other path.
      expect(project.standin.requests).toBeGreaterThan(50);
      await caller.close();
      await project.close();
    },
  };
}, { concurrentCalls: true });

describe('Supabase access rules (migration 004 on a Supabase-shaped database)', () => {
  let project: Project;
  beforeAll(async () => {
    project = await openProject();
  });
  afterAll(() => project.close());

  it('refuses the persistence functions to the anon and authenticated keys', async () => {
    const anon = supabaseFunctionCaller(project.standin.url, key('anon'));
    const user = supabaseFunctionCaller(project.standin.url, key('authenticated', crypto.randomUUID()));
    await expect(anon.call('cf_list_workflows', { user_id: 'x', limit: 1 })).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/permission denied for function cf_list_workflows/) });
    await expect(user.call('cf_create_workflow', {})).rejects.toMatchObject({ code: '42501' });
    await expect(user.schemaVersion()).rejects.toMatchObject({ code: '42501' });
    // Every cf_ function, including those of migrations after 004, whatever the project's default privileges.
    const exposed = await project.db.query(`
      select p.oid::regprocedure::text as fn from pg_proc p
       where p.pronamespace = 'public'::regnamespace and p.proname like 'cf\\_%'
         and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute')
              or not has_function_privilege('service_role', p.oid, 'execute'))`);
    expect(exposed).toEqual([]);
  });

  it('refuses a key not signed with the project secret and any function outside cf_', async () => {
    const forged = supabaseFunctionCaller(project.standin.url, signJwt('another-secret', { role: 'service_role' }));
    await expect(forged.schemaVersion()).rejects.toMatchObject({ code: 'PGRST301' });
    const response = await fetch(`${project.standin.url}/rest/v1/rpc/pg_sleep`, {
      method: 'POST',
      headers: { apikey: key('service_role'), Authorization: `Bearer ${key('service_role')}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ p: {} }),
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'PGRST202', message: expect.any(String), details: null, hint: null });
  });

  it('lets a signed-in user read only their own workflows, events and transactions, and write none', async () => {
    const store = new WorkflowStore(supabaseFunctionCaller(project.standin.url, key('service_role')));
    const [mine, theirs] = [crypto.randomUUID(), crypto.randomUUID()];
    for (const userId of [mine, theirs]) {
      const { workflow } = await store.createWorkflow({
        id: crypto.randomUUID(), user_id: userId, document_path: '/s.csv', snapshot: {}, machine_version: 1, state: 'received',
        error: null, results: null, view: {}, owner: 'r', lease_ms: 1000,
        history: { type: 'created', from_state: null, to_state: 'received', detail: {} },
        timers_add: [{ send_id: 's', event: { type: 'START' }, delay_ms: 60_000 }], timers_cancel: [], tasks_start: [], tasks_stop: [],
      });
      await project.db.query('select cf_store_transactions($1::jsonb)', [JSON.stringify({
        workflow_id: workflow.id, user_id: userId, transactions: [{ id: 't', date: '2024-01-01', amount: '1.00', currency: 'EUR', label: 'x' }],
      })]);
    }
    const asMe = (sql: string) => asAuthenticated(project.place.url, mine, sql);
    expect(await asMe('select user_id from workflows')).toEqual([{ user_id: mine }]);
    expect(await asMe('select w.user_id from workflow_events e join workflows w on w.id = e.workflow_id')).toEqual([{ user_id: mine }]);
    expect(await asMe('select user_id from transactions')).toEqual([{ user_id: mine }]);
    await expect(asMe('select * from workflow_timers')).rejects.toMatchObject({ code: '42501' });
    await expect(asMe(`update workflows set state = 'completed'`)).rejects.toMatchObject({ code: '42501' });
    expect(await project.db.query('select count(*)::int as n from workflows')).toEqual([{ n: 2 }]);
  });

  it("publishes workflows to Supabase Realtime and enables RLS on every table of the service, not on the project's own", async () => {
    expect(await project.db.query(`select tablename from pg_publication_tables where pubname = 'supabase_realtime'`)).toEqual([{ tablename: 'workflows' }]);
    expect(await project.db.query(`select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r' and not relrowsecurity`)).toEqual([{ relname: 'project_notes' }]);
    expect(await project.db.query(`select has_table_privilege('anon', 'project_notes', 'select') as anon_reads`)).toEqual([{ anon_reads: true }]);
    // Running the file again (as a second `supabase db push` of it would) changes nothing and does not fail.
    const sql = await readFile(new URL('../../migrations/004_supabase_access.sql', import.meta.url), 'utf8');
    await project.db.execInTransaction(sql);
    expect(await project.db.query(`select count(*)::int as n from pg_policies where schemaname = 'public'`)).toEqual([{ n: 3 }]);
  });
});

describe('Supabase readiness', () => {
  it('reports a project without the schema as not ready, saying so', async () => {
    const project = await openProject(false);
    try {
      const caller = supabaseFunctionCaller(project.standin.url, key('service_role'));
      expect(await caller.schemaVersion()).toBeNull();
      expect(await checkReadiness(caller, LATEST)).toEqual({ ready: false, reason: expect.stringMatching(/no schema: migrations\/ are not applied/) });
      await runMigrations(project.db);
      expect(await checkReadiness(caller, LATEST)).toEqual({ ready: true, schemaVersion: LATEST });
    } finally {
      await project.close();
    }
  });

  it('reports an unreachable project as not ready', async () => {
    const caller = supabaseFunctionCaller('http://127.0.0.1:9', key('service_role'));
    expect(await checkReadiness(caller, LATEST)).toEqual({ ready: false, reason: expect.stringMatching(/^database unreachable: cf_schema_version: .*fetch failed/) });
  });
});

/** Runs one statement as PostgREST would for a signed-in user: role `authenticated`, the JWT claims set, then rolled back. */
async function asAuthenticated(url: string, sub: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub, role: 'authenticated' })]);
    return (await client.query(sql)).rows;
  } finally {
    await client.query('rollback').catch(() => undefined);
    await client.end();
  }
}
