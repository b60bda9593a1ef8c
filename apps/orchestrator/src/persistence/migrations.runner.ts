import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SqlDatabase } from './sql-database.js';

const MIGRATION_LOCK_KEY = 0x6366_6d67; // "cfmg": serialises replicas migrating one database at boot

/*
 * Two kinds of file (migrations/README.md):
 * - numbered files (`007_name.sql`): tables, indexes, drops; applied once each, in order, and never edited once
 *   landed. Each applied file's checksum is kept; a file changed since it was applied stops all migrating.
 * - function files (`functions/<name>.sql`): the one live definition of each SQL function, `create or replace`,
 *   re-applied after the numbered files whenever its checksum changes, then the grants (cf_secure_schema).
 */

export interface MigrationFile {
  version: string;
  file: string;
}

export interface FunctionFile {
  name: string;
  file: string;
}

export interface MigrationDrift {
  file: string;
  reason: string;
}

export interface MigrationReport {
  /** Numbered files applied by this run. */
  applied: string[];
  /** Function files (re-)applied by this run. */
  functions: string[];
  /** Applied numbered files that changed since: when any, nothing was applied. */
  drift: MigrationDrift[];
  /** The database holds numbered files newer than this build's: its functions are the newer build's, left alone. */
  aheadOfBuild: boolean;
}

export class MigrationDriftError extends Error {
  constructor(readonly drift: MigrationDrift[]) {
    super(describeDrift(drift));
    this.name = 'MigrationDriftError';
  }
}

export function describeDrift(drift: MigrationDrift[]): string {
  return `migrations changed since they were applied, so none were applied: ${drift.map((d) => `${d.file} (${d.reason})`).join('; ')}`;
}

export function defaultMigrationsDir(): string {
  return new URL('../../../../migrations', import.meta.url).pathname;
}

export async function listMigrations(dir: string): Promise<MigrationFile[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return files.map((file) => ({ version: file.slice(0, 3), file }));
}

export async function listFunctionFiles(dir: string): Promise<FunctionFile[]> {
  const files = (await readdir(join(dir, 'functions')).catch(() => [] as string[])).filter((f) => /^cf_[a-z0-9_]+\.sql$/.test(f)).sort();
  return files.map((file) => ({ name: file.slice(0, -'.sql'.length), file: `functions/${file}` }));
}

export function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

// The runner's own bookkeeping; 007 creates the same, so a file applied by hand stands alone.
const BOOKKEEPING = `
  create table if not exists schema_migrations (
    version text primary key, name text not null, applied_at timestamptz not null default now());
  alter table schema_migrations add column if not exists checksum text;
  create table if not exists schema_functions (
    name text primary key, checksum text not null, applied_at timestamptz not null default now());`;

/** Applies, in order and once each, the numbered SQL files, then every changed function file; safe from several replicas at once. */
export async function migrateSchema(db: SqlDatabase, dir = defaultMigrationsDir()): Promise<MigrationReport> {
  // Under the lock: two replicas racing on `create table if not exists` can both miss it and one then fails.
  await db.execInTransaction(BOOKKEEPING, MIGRATION_LOCK_KEY);
  const files = await Promise.all(
    (await listMigrations(dir)).map(async (m) => ({ ...m, sql: await readFile(join(dir, m.file), 'utf8') })),
  );
  const recorded = await db.query<{ version: string; name: string; checksum: string | null }>(
    'select version, name, checksum from schema_migrations',
  );
  const byVersion = new Map(files.map((f) => [f.version, f]));
  const drift: MigrationDrift[] = [];
  const unrecorded: Array<{ version: string; sum: string }> = [];
  for (const row of recorded) {
    const file = byVersion.get(row.version);
    if (!file) continue; // newer than this build (a rolling deploy), judged below
    const sum = checksum(file.sql);
    if (row.checksum === null) unrecorded.push({ version: row.version, sum });
    else if (row.checksum !== sum) drift.push({ file: file.file, reason: `checksum ${sum.slice(0, 12)}, applied as ${row.checksum.slice(0, 12)}` });
    else if (row.name !== file.file) drift.push({ file: file.file, reason: `applied as ${row.name}` });
  }
  if (drift.length) return { applied: [], functions: [], drift, aheadOfBuild: false };
  // A database migrated before checksums were kept records today's files as what it ran.
  for (const { version, sum } of unrecorded) {
    await db.query('update schema_migrations set checksum = $2 where version = $1 and checksum is null', [version, sum]);
  }

  const applied: string[] = [];
  const done = new Set(recorded.map((r) => r.version));
  for (const { version, file, sql } of files) {
    if (done.has(version)) continue;
    const guarded =
      `do $$ begin if exists (select 1 from schema_migrations where version = '${version}') then
         raise exception 'cf_migration_already_applied'; end if; end $$;\n` +
      sql +
      // Whatever a file adds (a table, a function) gets RLS and stays out of reach of Supabase's anon at once.
      `\ndo $$ begin if to_regprocedure('cf_secure_schema()') is not null then perform cf_secure_schema(); end if; end $$;` +
      `\ninsert into schema_migrations (version, name, checksum) values ('${version}', '${file}', '${checksum(sql)}');`;
    try {
      await db.execInTransaction(guarded, MIGRATION_LOCK_KEY);
      applied.push(file);
    } catch (error) {
      if (String(error).includes('cf_migration_already_applied')) continue;
      throw new Error(`migration ${file} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  const newest = files.at(-1)?.version ?? '';
  const aheadOfBuild = recorded.some((r) => r.version > newest);
  const functions = aheadOfBuild ? [] : await applyFunctions(db, dir, applied.length > 0);
  return { applied, functions, drift: [], aheadOfBuild };
}

/** The numbered files applied, as before function files existed; throws MigrationDriftError instead of reporting drift. */
export async function runMigrations(db: SqlDatabase, dir = defaultMigrationsDir()): Promise<string[]> {
  const report = await migrateSchema(db, dir);
  if (report.drift.length) throw new MigrationDriftError(report.drift);
  return report.applied;
}

async function applyFunctions(db: SqlDatabase, dir: string, regrant: boolean): Promise<string[]> {
  const files = await Promise.all(
    (await listFunctionFiles(dir)).map(async (f) => {
      const sql = await readFile(join(dir, f.file), 'utf8');
      return { ...f, sql, sum: checksum(sql) };
    }),
  );
  const current = new Map(
    (await db.query<{ name: string; checksum: string }>('select name, checksum from schema_functions')).map((r) => [r.name, r.checksum]),
  );
  const changed = files.filter((f) => current.get(f.name) !== f.sum);
  if (!changed.length && !regrant) return [];
  const sql =
    // Function files are applied in name order: a body may name a function defined by a later file.
    'set local check_function_bodies = off;\n' +
    changed.map((f) => `${f.sql}\n`).join('') +
    changed
      .map((f) => `insert into schema_functions (name, checksum) values ('${f.name}', '${f.sum}')
         on conflict (name) do update set checksum = excluded.checksum, applied_at = now();\n`)
      .join('') +
    // EXECUTE on a new function goes to PUBLIC (and on Supabase to its API roles): take it back every time.
    `do $$ begin if to_regprocedure('cf_secure_schema()') is not null then perform cf_secure_schema(); end if; end $$;`;
  try {
    await db.execInTransaction(sql, MIGRATION_LOCK_KEY);
  } catch (error) {
    throw new Error(`function files ${changed.map((f) => f.file).join(', ')} failed: ${(error as Error).message}`, { cause: error });
  }
  return changed.map((f) => f.file);
}
