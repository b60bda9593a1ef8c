import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from '../../apps/orchestrator/src/persistence/migrations.runner.js';
import { openPgDatabase } from '../../apps/orchestrator/src/persistence/pg.database.js';
import type { SqlDatabase } from '../../apps/orchestrator/src/persistence/sql-database.js';
import { sqlFunctionCaller } from '../../apps/orchestrator/src/persistence/sql-database.js';
import { WorkflowStore } from '../../apps/orchestrator/src/persistence/workflow.store.js';
import { listFunctionFiles, defaultMigrationsDir } from '../../apps/orchestrator/src/persistence/migrations.runner.js';
import { createTestDatabase, type TestPlace } from '../persistence/postgres-test-db.js';
import { emulateSupabaseProject } from '../persistence/supabase-emulation.js';
import { newWorkflow } from '../persistence/workflow-store.conformance.js';

interface Grant {
  name: string;
  grantee: string;
  privilege: string;
}

/**
 * The grants our migrations leave on a database shaped like a Supabase project (its API roles and default
 * privileges that grant everything in `public` to anon and authenticated), read from the catalog's ACLs.
 */
describe('Supabase grants and row-level security (migrations on a Supabase-shaped PostgreSQL)', () => {
  let place: TestPlace;
  let db: SqlDatabase;
  const [alice, bob] = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    place = await createTestDatabase('cf_test_grants');
    await emulateSupabaseProject(place.url);
    db = openPgDatabase(place.url, { poolSize: 2 });
    await runMigrations(db);
    const store = new WorkflowStore(sqlFunctionCaller(db));
    for (const userId of [alice, bob]) {
      const { workflow } = await store.createWorkflow(newWorkflow({ user_id: userId }));
      await db.query('select cf_store_transactions($1::jsonb)', [JSON.stringify({
        workflow_id: workflow.id, user_id: userId, transactions: [{ id: 't1', date: '2024-03-01', amount: '-12.30', currency: 'EUR', label: 'CB SHOP' }],
      })]);
    }
  });

  afterAll(async () => {
    await db?.close();
    await place?.drop();
  });

  it('grants EXECUTE on every cf_ function (those of 005 and 006 included) to service_role only: none to anon, authenticated or PUBLIC', async () => {
    const grants = await db.query<Grant>(`
      select p.proname as name, case when a.grantee = 0 then 'PUBLIC' else a.grantee::regrole::text end as grantee, a.privilege_type as privilege
        from pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
       where p.pronamespace = 'public'::regnamespace and p.proname like 'cf\\_%'
         and a.grantee <> p.proowner
       order by 1, 2`);
    const functions = (await listFunctionFiles(defaultMigrationsDir())).map((f) => f.name).sort();
    expect(functions).toEqual(expect.arrayContaining(['cf_claim_outbox', 'cf_list_outbox', 'cf_commit_transitions', 'cf_start_workflow']));
    // Exactly one grant per function besides its owner's: EXECUTE to service_role.
    expect(grants).toEqual(functions.map((name) => ({ name, grantee: 'service_role', privilege: 'EXECUTE' })));
    expect(grants.filter((g) => ['anon', 'authenticated', 'PUBLIC'].includes(g.grantee))).toEqual([]);
  });

  it("leaves the API roles no table privilege but authenticated's SELECT on the three tables its policies filter", async () => {
    const grants = await db.query<Grant>(`
      select c.relname as name, a.grantee::regrole::text as grantee, a.privilege_type as privilege
        from pg_class c, aclexplode(c.relacl) a
       where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and c.relname <> 'project_notes'
         and a.grantee in ('anon'::regrole, 'authenticated'::regrole)
       order by 1, 2, 3`);
    expect(grants).toEqual(['transactions', 'workflow_events', 'workflows'].map((name) => ({ name, grantee: 'authenticated', privilege: 'SELECT' })));
  });

  it('lets a signed-in user (set role authenticated, request.jwt.claims) read their own rows directly, and no one else\'s', async () => {
    const asAlice = (sql: string) => asSignedIn(place.url, alice, sql);
    expect(await asAlice('select user_id from workflows')).toEqual([{ user_id: alice }]);
    expect(await asAlice('select w.user_id from workflow_events e join workflows w on w.id = e.workflow_id')).toEqual([{ user_id: alice }]);
    expect(await asAlice('select user_id, amount::text from transactions')).toEqual([{ user_id: alice, amount: '-12.30' }]);
    expect(await asAlice(`select count(*)::int as n from workflows where user_id = '${bob}'`)).toEqual([{ n: 0 }]);
    await expect(asAlice(`select cf_list_workflows('{"limit": 10}'::jsonb)`)).rejects.toMatchObject({ code: '42501' });
    await expect(asAlice(`update workflows set state = 'completed'`)).rejects.toMatchObject({ code: '42501' });
    // The anon role reads nothing at all.
    await expect(asRole(place.url, 'anon', 'select * from workflows')).rejects.toMatchObject({ code: '42501' });
  });
});

async function asRole(url: string, role: string, sql: string, claims?: object): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(`set local role ${role}`);
    if (claims) await client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
    return (await client.query(sql)).rows;
  } finally {
    await client.query('rollback').catch(() => undefined);
    await client.end();
  }
}

/** What PostgREST does for a request with a user's access token: role authenticated, the token's claims set. */
function asSignedIn(url: string, sub: string, sql: string): Promise<unknown[]> {
  return asRole(url, 'authenticated', sql, { sub, role: 'authenticated', aud: 'authenticated' });
}
