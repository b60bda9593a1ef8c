// Seeds N finished workflows in the shape the orchestrator leaves them: a completed `workflows` row with its
// snapshot, view and results, its history events, its (succeeded) step tasks and its stored transactions,
// copied from a workflow the bench really ran, with fresh ids, users spread over 2,000 and times over past days.
import { execFileSync } from 'node:child_process';
import pg from 'pg';

/** One real completed workflow (rows as jsonb), read from a database a run of ours just used. */
export async function readTemplate(connectionString) {
  const client = new pg.Client({ connectionString, application_name: 'cf-bench-seed' });
  await client.connect();
  try {
    const { rows: [w] } = await client.query(`select to_jsonb(w) as w from workflows w where state = 'completed' order by updated_at desc limit 1`);
    if (!w) throw new Error('no completed workflow to copy');
    const id = w.w.id;
    const q = async (sql) => (await client.query(sql, [id])).rows.map((r) => r.j);
    return {
      workflow: w.w,
      events: await q(`select to_jsonb(e) - 'workflow_id' as j from workflow_events e where workflow_id = $1 order by seq`),
      tasks: await q(`select to_jsonb(t) - 'workflow_id' - 'id' as j from workflow_tasks t where workflow_id = $1 order by created_at`),
      transactions: await q(`select to_jsonb(t) - 'workflow_id' as j from transactions t where workflow_id = $1`),
    };
  } finally {
    await client.end();
  }
}

export async function seedFinished(connectionString, template, n) {
  const client = new pg.Client({ connectionString, application_name: 'cf-bench-seed', statement_timeout: 0 });
  await client.connect();
  const t0 = Date.now();
  try {
    await client.query('begin');
    await client.query(`create temporary table seed_ids on commit drop as
      select cf_uuid7(now() - g * interval '7 seconds') as id, g, now() - g * interval '7 seconds' as created_at
        from generate_series(1, $1::int) g`, [n]);
    const w = template.workflow;
    await client.query(
      `insert into workflows (id, user_id, document_path, state, created_at, updated_at, error, results, snapshot, version,
                              machine_version, view, idempotency_key)
       select s.id, 'seed-u' || (s.g % 2000), 'seed/' || s.g || '.csv', 'completed', s.created_at,
              s.created_at + interval '350 milliseconds', $1::jsonb, $2::jsonb,
              jsonb_set(jsonb_set($3::jsonb, '{context,workflowId}', to_jsonb(s.id::text), false), '{context,userId}', to_jsonb('seed-u' || (s.g % 2000)), false),
              $4::int, $5::int, $6::jsonb, null
         from seed_ids s`,
      [JSON.stringify(w.error), JSON.stringify(w.results), JSON.stringify(w.snapshot), w.version, w.machine_version, JSON.stringify(w.view)],
    );
    await client.query(
      `insert into workflow_events (workflow_id, seq, type, from_state, to_state, detail, replica, created_at)
       select s.id, (e->>'seq')::int, e->>'type', e->>'from_state', e->>'to_state', e->'detail', e->>'replica',
              s.created_at + ((e->>'seq')::int * interval '50 milliseconds')
         from seed_ids s cross join jsonb_array_elements($1::jsonb) e`,
      [JSON.stringify(template.events)],
    );
    await client.query(
      `insert into workflow_tasks (workflow_id, actor_id, src, input, status, lease_owner, lease_until, runs, outcome, created_at, finished_at)
       select s.id, t->>'actor_id', t->>'src', t->'input', t->>'status', null, null, (t->>'runs')::int, t->'outcome',
              s.created_at, s.created_at + interval '100 milliseconds'
         from seed_ids s cross join jsonb_array_elements($1::jsonb) t`,
      [JSON.stringify(template.tasks)],
    );
    await client.query(
      `insert into transactions (workflow_id, transaction_id, user_id, booked_on, amount, currency, label, category, confidence, raw, stored_at)
       select s.id, t->>'transaction_id', 'seed-u' || (s.g % 2000), (t->>'booked_on')::date, (t->>'amount')::numeric, t->>'currency',
              t->>'label', t->>'category', (t->>'confidence')::numeric, t->'raw', s.created_at
         from seed_ids s cross join jsonb_array_elements($1::jsonb) t`,
      [JSON.stringify(template.transactions)],
    );
    await client.query('commit');
    const seededMs = Date.now() - t0;
    // autovacuum is off on this server; production's autovacuum would have analysed tables this size.
    await client.query('vacuum analyze workflows, workflow_events, workflow_tasks, workflow_timers, transactions');
    // The bulk load leaves hundreds of MiB of dirty pages, in shared buffers and in the OS: written back during the
    // measured window, they would charge the load's I/O to the workflows measured. A table that grew over days has
    // long been written out; so is this one, before measuring.
    await client.query('checkpoint');
    execFileSync('sync');
    const { rows: [size] } = await client.query(`select pg_database_size(current_database())::float8 as bytes,
      (select count(*) from workflows)::int as workflows, (select count(*) from workflow_events)::int as events,
      (select count(*) from workflow_tasks)::int as tasks, (select count(*) from transactions)::int as transactions`);
    return { seededMs, totalMs: Date.now() - t0, ...size };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
