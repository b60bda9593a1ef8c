import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseStatement, toDocumentResult } from '@cashflow/statement-parser';
import { checksum, defaultMigrationsDir, listMigrations } from '../../apps/orchestrator/src/persistence/migrations.runner.js';
import { OrchestratorApi } from '../support/api-client.js';
import { startService, tempDataDir, type ServiceProcess } from '../support/orchestrator-process.js';
import { REPO_ROOT } from '../support/paths.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres-database.js';
import { waitFor } from '../support/wait-for.js';

const FIXTURE = resolve(REPO_ROOT, 'test/fixtures/upgrade-from-006');
const SAMPLE = resolve(REPO_ROOT, 'samples/releve-2024-03.ofx');

/** What the runner of 006 did: no checksums, each file then the grants, then its version. */
async function migrateAs006(db: ScratchDatabase): Promise<void> {
  await db.client.query(`create table schema_migrations (version text primary key, name text not null, applied_at timestamptz not null default now())`);
  for (const file of (await readdir(join(FIXTURE, 'migrations'))).sort()) {
    const sql = await readFile(join(FIXTURE, 'migrations', file), 'utf8');
    await db.client.query('begin');
    await db.client.query(sql);
    await db.client.query(`do $$ begin if to_regprocedure('cf_secure_schema()') is not null then perform cf_secure_schema(); end if; end $$`);
    await db.client.query('insert into schema_migrations (version, name) values ($1, $2)', [file.slice(0, 3), file]);
    await db.client.query('commit');
  }
}

describe('a database migrated by 006, with workflows in flight, upgraded by this build', () => {
  let db: ScratchDatabase;
  let orchestrator: ServiceProcess | undefined;

  beforeEach(async () => {
    db = await createScratchDatabase('cf_upgrade');
    await migrateAs006(db);
  });

  afterEach(async () => {
    await orchestrator?.stop();
    orchestrator = undefined;
    await db.drop();
  });

  it('records the checksums of 001-006, applies the rest, and the three workflows in flight complete', async () => {
    await db.client.query(await readFile(join(FIXTURE, 'in-flight.sql'), 'utf8'));
    const inFlight = (await db.client.query<{ id: string; state: string }>(`select id, state from workflows order by document_path`)).rows;
    expect(inFlight.map((w) => w.state)).toEqual(['analyzing', 'extracting', 'extracting']);

    const documents = await tempDataDir('cf-upgrade-docs-');
    await mkdir(join(documents, 'upgrade'));
    for (const name of ['hang-a', 'retry-b', 'analyze-c']) await copyFile(SAMPLE, join(documents, 'upgrade', `${name}.ofx`));
    orchestrator = await startService('orchestrator', { DATABASE_URL: db.url, DOCUMENTS_DIR: documents, POLL_INTERVAL_MS: '100', RETRY_JITTER: '0' });
    const api = new OrchestratorApi(orchestrator.url);

    for (const { id } of inFlight) {
      const done = await api.waitForState(id, ['completed', 'failed'], 60_000);
      expect({ id, state: done.state, error: done.error }).toEqual({ id, state: 'completed', error: null });
    }
    const expected = toDocumentResult(parseStatement(await readFile(SAMPLE))).transactions.map((t) => t.amount).sort();
    expect(expected.length).toBeGreaterThan(0);
    for (const { id } of inFlight) expect((await api.transactions(id)).map((t) => t.amount).sort()).toEqual(expected);

    const current = await listMigrations(defaultMigrationsDir());
    const recorded = (await db.client.query<{ version: string; checksum: string }>('select version, checksum from schema_migrations order by version')).rows;
    expect(recorded.map((r) => r.version)).toEqual(current.map((m) => m.version));
    for (const row of recorded.filter((r) => r.version <= '006')) {
      const fixtureSql = await readFile(join(FIXTURE, 'migrations', current.find((m) => m.version === row.version)!.file), 'utf8');
      expect(row.checksum).toBe(checksum(fixtureSql));
    }
  });

  it('stays up but not ready, starts no work and applies nothing, when an applied file has changed since', async () => {
    const first = await startService('orchestrator', { DATABASE_URL: db.url });
    await first.stop();
    await db.client.query(`update schema_migrations set checksum = repeat('0', 64) where version = '003'`);
    await db.client.query(`delete from schema_functions where name = 'cf_list_outbox'`);

    orchestrator = await startService('orchestrator', { DATABASE_URL: db.url, LOG_LEVEL: 'log' }, '/health/live');
    const ready = await fetch(`${orchestrator.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await ready.json()) as { detail: string }).detail).toMatch(/003_transactions\.sql \(checksum [0-9a-f]{12}, applied as 000000000000\)/);
    expect((await fetch(`${orchestrator.url}/health/live`)).status).toBe(200);
    await waitFor(async () => (await readFile(orchestrator!.logFile, 'utf8')).includes('scheduler not started'), 'the scheduler refusal in the log');
    expect(await readFile(orchestrator.logFile, 'utf8')).toMatch(/migration 003_transactions\.sql changed since it was applied/);
    expect((await db.client.query(`select 1 from schema_functions where name = 'cf_list_outbox'`)).rowCount).toBe(0);
  });
});
