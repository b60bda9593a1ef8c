import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SqlDatabase } from './sql-database.js';

const MIGRATION_LOCK_KEY = 0x6366_6d67; // "cfmg": serialises replicas migrating one database at boot

export function defaultMigrationsDir(): string {
  return new URL('../../../../migrations', import.meta.url).pathname;
}

export async function listMigrations(dir: string): Promise<Array<{ version: string; file: string }>> {
  const files = (await readdir(dir)).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return files.map((file) => ({ version: file.slice(0, 3), file }));
}

/** Applies, in order and once each, the numbered SQL files; safe to run from several replicas at once. */
export async function runMigrations(db: SqlDatabase, dir = defaultMigrationsDir()): Promise<string[]> {
  // Under the lock: two replicas racing on `create table if not exists` can both miss it and one then fails.
  await db.execInTransaction(
    `create table if not exists schema_migrations (
       version text primary key, name text not null, applied_at timestamptz not null default now())`,
    MIGRATION_LOCK_KEY,
  );
  const applied = new Set((await db.query<{ version: string }>('select version from schema_migrations')).map((r) => r.version));
  const done: string[] = [];
  for (const { version, file } of await listMigrations(dir)) {
    if (applied.has(version)) continue;
    const sql = await readFile(join(dir, file), 'utf8');
    const guarded =
      `do $$ begin if exists (select 1 from schema_migrations where version = '${version}') then
         raise exception 'cf_migration_already_applied'; end if; end $$;\n` +
      sql +
      // Whatever a file adds (a table, a cf_ function) gets RLS and stays out of reach of Supabase's anon (004).
      `\ndo $$ begin if to_regprocedure('cf_secure_schema()') is not null then perform cf_secure_schema(); end if; end $$;` +
      `\ninsert into schema_migrations (version, name) values ('${version}', '${file}');`;
    try {
      await db.execInTransaction(guarded, MIGRATION_LOCK_KEY);
      done.push(file);
    } catch (error) {
      if (String(error).includes('cf_migration_already_applied')) continue;
      throw new Error(`migration ${file} failed: ${(error as Error).message}`, { cause: error });
    }
  }
  return done;
}
