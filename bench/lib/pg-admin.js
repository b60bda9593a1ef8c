// Databases for the bench: one fresh `cf_bench_*` database per contender and run, dropped at the end.
import pg from 'pg';

export const PG_BASE = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

export function dbUrl(name) {
  return `${PG_BASE}/${name}`;
}

async function withAdmin(fn) {
  const client = new pg.Client({ connectionString: dbUrl('postgres'), application_name: 'cf-bench-admin', connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function postgresReachable() {
  try {
    return await withAdmin(async (c) => (await c.query('show server_version')).rows[0].server_version);
  } catch {
    return null;
  }
}

export async function createDatabase(name) {
  if (!/^cf_bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing database name ${name}`);
  await withAdmin((c) => c.query(`create database ${name}`));
}

export async function dropDatabase(name) {
  if (!/^cf_bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing database name ${name}`);
  await withAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
}

/** Leftovers of an interrupted earlier run (only databases this bench names). */
export async function dropStaleBenchDatabases() {
  const names = await withAdmin(async (c) => (await c.query(`select datname from pg_database where datname like 'cf\\_bench\\_%'`)).rows.map((r) => r.datname));
  for (const name of names) await dropDatabase(name);
  return names;
}

/** Server-side counters of one database (pg_stat_database); backends flush theirs at the latest on exit. */
export async function databaseStats(name) {
  return withAdmin(async (c) => {
    const { rows } = await c.query(
      `select xact_commit::float8 as xact_commit, xact_rollback::float8 as xact_rollback, tup_inserted::float8 as tup_inserted,
              tup_updated::float8 as tup_updated, tup_deleted::float8 as tup_deleted, tup_fetched::float8 as tup_fetched,
              tup_returned::float8 as tup_returned, blks_hit::float8 as blks_hit, blks_read::float8 as blks_read
         from pg_stat_database where datname = $1`,
      [name],
    );
    return rows[0] ?? null;
  });
}

/** pids of the client backends (and autovacuum workers) connected to a database. */
export async function backendPids(name) {
  return withAdmin(async (c) => (await c.query('select pid from pg_stat_activity where datname = $1', [name])).rows.map((r) => r.pid));
}

export async function serverInfo() {
  return withAdmin(async (c) => {
    const q = async (sql) => (await c.query(sql)).rows[0];
    return {
      version: (await q('select version() as v')).v,
      shared_buffers: (await q('show shared_buffers')).shared_buffers,
      synchronous_commit: (await q('show synchronous_commit')).synchronous_commit,
      fsync: (await q('show fsync')).fsync,
      autovacuum: (await q('show autovacuum')).autovacuum,
      max_connections: (await q('show max_connections')).max_connections,
      pg_stat_statements_loaded: (await q(`select current_setting('shared_preload_libraries') like '%pg_stat_statements%' as v`)).v,
    };
  });
}

export async function alterDatabase(name, setting) {
  if (!/^cf_bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing database name ${name}`);
  await withAdmin((c) => c.query(`alter database ${name} ${setting}`));
}

/** --sql-profile: calls and time per workflow of each SQL function (track_functions = all on that database). */
export async function functionStats(name, workflows) {
  const client = new pg.Client({ connectionString: dbUrl(name), application_name: 'cf-bench-admin' });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select funcname as fn, calls::float8 as calls, total_time::float8 as total_ms, self_time::float8 as self_ms
         from pg_stat_user_functions order by total_time desc`);
    return rows.map((r) => ({ fn: r.fn, callsPerWorkflow: +(r.calls / workflows).toFixed(2), totalMsPerWorkflow: +(r.total_ms / workflows).toFixed(3), selfMsPerWorkflow: +(r.self_ms / workflows).toFixed(3) }));
  } finally {
    await client.end();
  }
}
