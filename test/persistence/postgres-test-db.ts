import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { SqlDatabase } from '../../apps/orchestrator/src/persistence/sql-database.js';

/** The real PostgreSQL server of the test environment (trust auth). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestPlace {
  /** A connection string that lands in the fresh schema or database. */
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function withOption(url: string, option: string): string {
  const u = new URL(url);
  u.searchParams.set('options', option);
  return u.toString();
}

/** A schema of its own, reached through `search_path`, so suites and concurrent runs never share rows. */
export async function createTestSchema(prefix = 'cf_test'): Promise<TestPlace> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin(TEST_DATABASE_URL, (c) => c.query(`create schema ${schema}`));
  return {
    url: withOption(TEST_DATABASE_URL, `-c search_path=${schema}`),
    drop: () => admin(TEST_DATABASE_URL, (c) => c.query(`drop schema ${schema} cascade`)).then(() => undefined),
  };
}

/** A database of its own, for what is database-wide (publications, the Supabase roles' grants). */
export async function createTestDatabase(prefix = 'cf_test'): Promise<TestPlace> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin(TEST_DATABASE_URL, (c) => c.query(`create database ${name}`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(TEST_DATABASE_URL, (c) => c.query(`drop database ${name} with (force)`)).then(() => undefined),
  };
}

export async function truncateAll(db: SqlDatabase): Promise<void> {
  await db.query('truncate workflows, workflow_events, workflow_timers, workflow_tasks, transactions cascade');
}

/** For the idempotency race: no session but this one's can insert into `workflows` until `release()`. */
export async function holdWorkflowInserts(url: string, db: SqlDatabase): Promise<{ waiting(): Promise<number>; release(): Promise<void> }> {
  // SHARE mode lets the racing creates read (and find no row) but not insert, until this transaction ends.
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  await holder.query('begin');
  await holder.query('lock table workflows in share mode');
  const pid = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  let released = false;
  return {
    waiting: async () =>
      (await db.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where $1 = any(pg_blocking_pids(pid))', [pid]))[0]!.n,
    release: async () => {
      if (released) return;
      released = true;
      await holder.query('rollback');
      await holder.end();
    },
  };
}
