import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runMigrations } from '../../apps/orchestrator/src/persistence/migrations.runner.js';
import { openPgliteDatabase, type PgliteDatabase } from '../../apps/orchestrator/src/persistence/pglite.database.js';
import { REPO_ROOT } from './paths.js';

const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'cf-migrated-pglite');

/** Every file under migrations/ and the PGlite version: a change to any of them makes a new dump. */
async function schemaKey(): Promise<string> {
  const hash = createHash('sha256');
  const pglite = JSON.parse(await readFile(join(REPO_ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
  hash.update(pglite.version);
  const files = (await readdir(join(REPO_ROOT, 'migrations'), { recursive: true })).filter((f) => f.endsWith('.sql')).sort();
  for (const file of files) hash.update(file).update(await readFile(join(REPO_ROOT, 'migrations', file)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * An in-memory PGlite database with every migration applied, for tests of what runs on the schema (the migrations'
 * own tests open an empty one). A new cluster costs initdb plus the migrations, seconds per test file; this loads
 * a dump of one made once per schema and kept under node_modules/.cache, then runs the migrations (a no-op that
 * checks the checksums, so a stale dump would fail loudly rather than test an old schema).
 */
export async function openMigratedPglite(): Promise<PgliteDatabase> {
  const file = join(CACHE_DIR, `${await schemaKey()}.tar`);
  if (!existsSync(file)) {
    const fresh = await openPgliteDatabase(null);
    await runMigrations(fresh);
    const dump = Buffer.from(await (await fresh.dumpDataDir()).arrayBuffer());
    await fresh.close();
    await mkdir(CACHE_DIR, { recursive: true });
    // Written aside and renamed: test files opening at once in other processes never read half a dump.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, dump);
    await rename(partial, file);
  }
  const db = await openPgliteDatabase(null, { loadDataDir: new Blob([await readFile(file)]) });
  const applied = await runMigrations(db);
  if (applied.length) throw new Error(`the cached schema dump ${file} missed migrations ${applied.join(', ')}`);
  return db;
}
