import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checksum,
  defaultMigrationsDir,
  listFunctionFiles,
  listMigrations,
  migrateSchema,
  MigrationDriftError,
  runMigrations,
} from '../../apps/orchestrator/src/persistence/migrations.runner.js';
import { openPgliteDatabase } from '../../apps/orchestrator/src/persistence/pglite.database.js';
import type { SqlDatabase } from '../../apps/orchestrator/src/persistence/sql-database.js';
import { checkReadiness } from '../../apps/orchestrator/src/health/readiness.js';
import { sqlFunctionCaller } from '../../apps/orchestrator/src/persistence/sql-database.js';

const DIR = defaultMigrationsDir();
// Numbered files up to here are history that still defines functions; later ones must not.
const LAST_FILE_WITH_FUNCTIONS = '006';
const DEFINES_FUNCTION = /create\s+(or\s+replace\s+)?function\s+([a-z0-9_.]+)\s*\(/gi;

async function liveFunctions(db: SqlDatabase): Promise<Array<{ name: string; src: string }>> {
  return db.query(
    `select proname as name, prosrc as src from pg_proc
      where pronamespace = current_schema()::regnamespace and proname like 'cf\\_%' order by proname`,
  );
}

async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cf-migrations-'));
  await cp(DIR, dir, { recursive: true });
  return dir;
}

describe('migrations/ layout', () => {
  it('defines each function in one file of its own, named after it, and no numbered file after 006 defines one', async () => {
    for (const { file, version } of await listMigrations(DIR)) {
      if (version <= LAST_FILE_WITH_FUNCTIONS) continue;
      const sql = await readFile(join(DIR, file), 'utf8');
      expect({ file, functions: [...sql.matchAll(DEFINES_FUNCTION)].map((m) => m[2]) }).toEqual({ file, functions: [] });
    }
    for (const { name, file } of await listFunctionFiles(DIR)) {
      const sql = await readFile(join(DIR, file), 'utf8');
      const defined = [...sql.matchAll(DEFINES_FUNCTION)].map((m) => m[2]);
      expect({ file, defined: [...new Set(defined)] }).toEqual({ file, defined: [name] });
      expect(sql).toMatch(/create\s+or\s+replace\s+function/i);
    }
  });

  it('leaves every live function with exactly the body of its function file, and no function without one', async () => {
    const db = await openPgliteDatabase(null);
    try {
      await runMigrations(db);
      const files = await listFunctionFiles(DIR);
      const live = await liveFunctions(db);
      expect([...new Set(live.map((f) => f.name))]).toEqual(files.map((f) => f.name));
      for (const fn of live) {
        const sql = await readFile(join(DIR, `functions/${fn.name}.sql`), 'utf8');
        expect({ fn: fn.name, inItsFile: sql.includes(fn.src) }).toEqual({ fn: fn.name, inItsFile: true });
      }
    } finally {
      await db.close();
    }
  });
});

describe(migrateSchema.name, () => {
  let dir: string;
  let db: SqlDatabase;

  beforeEach(async () => {
    dir = await copyOfMigrations();
    db = await openPgliteDatabase(null);
  });

  afterEach(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('records each numbered file with its checksum and each function file once, then applies nothing more', async () => {
    const first = await migrateSchema(db, dir);
    const numbered = await listMigrations(dir);
    expect(first.applied).toEqual(numbered.map((m) => m.file));
    expect(first.functions).toEqual((await listFunctionFiles(dir)).map((f) => f.file));
    const recorded = await db.query<{ version: string; checksum: string }>('select version, checksum from schema_migrations order by version');
    for (const [i, m] of numbered.entries()) {
      expect(recorded[i]).toEqual({ version: m.version, checksum: checksum(await readFile(join(dir, m.file), 'utf8')) });
    }
    expect(await migrateSchema(db, dir)).toEqual({ applied: [], functions: [], drift: [], aheadOfBuild: false });
  });

  it('re-applies a function file whose body changed, and only that one, with the grants after it', async () => {
    await migrateSchema(db, dir);
    const file = join(dir, 'functions/cf_schema_version.sql');
    const sql = await readFile(file, 'utf8');
    await writeFile(file, sql.replace('select to_jsonb(max(version)) from schema_migrations', `select to_jsonb('changed'::text)`));
    const report = await migrateSchema(db, dir);
    expect(report).toEqual({ applied: [], functions: ['functions/cf_schema_version.sql'], drift: [], aheadOfBuild: false });
    expect(await sqlFunctionCaller(db).call('cf_schema_version', {})).toBe('changed');
  });

  it('applies nothing when an applied numbered file changed, names it, and the schema reads as not ready', async () => {
    await migrateSchema(db, dir);
    await writeFile(join(dir, '003_transactions.sql'), (await readFile(join(dir, '003_transactions.sql'), 'utf8')) + '\n-- edited\n');
    await writeFile(join(dir, '999_later.sql'), 'create table later_table (id int);');
    const fnFile = join(dir, 'functions/cf_schema_version.sql');
    await writeFile(fnFile, (await readFile(fnFile, 'utf8')).replace('max(version)', "'x'"));

    const report = await migrateSchema(db, dir);
    expect(report.applied).toEqual([]);
    expect(report.functions).toEqual([]);
    expect(report.drift).toEqual([{ file: '003_transactions.sql', reason: expect.stringMatching(/^checksum [0-9a-f]{12}, applied as [0-9a-f]{12}$/) }]);
    expect(await db.query(`select to_regclass('later_table') as t`)).toEqual([{ t: null }]);
    expect(await sqlFunctionCaller(db).call('cf_schema_version', {})).toBe((await listMigrations(DIR)).at(-1)!.version);
    await expect(runMigrations(db, dir)).rejects.toThrow(MigrationDriftError);

    const caller = sqlFunctionCaller(db, 'migrations changed since they were applied, so none were applied: 003_transactions.sql (…)');
    expect(await checkReadiness(caller, '007')).toEqual({ ready: false, reason: expect.stringContaining('003_transactions.sql') });
  });

  it('leaves the functions of a database that a newer build migrated further', async () => {
    await migrateSchema(db, dir);
    await db.query(`insert into schema_migrations (version, name, checksum) values ('998', '998_newer.sql', 'x')`);
    const fnFile = join(dir, 'functions/cf_schema_version.sql');
    await writeFile(fnFile, (await readFile(fnFile, 'utf8')).replace('max(version)', "'older build'"));
    expect(await migrateSchema(db, dir)).toEqual({ applied: [], functions: [], drift: [], aheadOfBuild: true });
    expect(await sqlFunctionCaller(db).call('cf_schema_version', {})).toBe('998');
  });
});
