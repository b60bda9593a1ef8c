import { OrchestratorApi } from '../support/api-client.js';
import { startService, type ServiceProcess } from '../support/orchestrator-process.js';
import { adminQuery, createScratchDatabase, type ScratchDatabase } from '../support/postgres-database.js';
import { SAMPLE_TRANSACTIONS, ScriptedDownstreams } from '../support/scripted-downstreams.js';
import { waitFor } from '../support/wait-for.js';

const WORKFLOWS = 40;

describe('PostgreSQL drops every connection and refuses new ones during a run (downstream stand-ins)', () => {
  const downstreams = new ScriptedDownstreams({ latencyMs: [200, 1500] });
  let db: ScratchDatabase;
  let orchestrator: ServiceProcess;

  beforeAll(async () => {
    await downstreams.start();
    db = await createScratchDatabase('cf_outage');
    orchestrator = await startService('orchestrator', {
      DATABASE_URL: db.url,
      DOCUMENT_PROCESSOR_URL: downstreams.processorUrl,
      TRANSACTION_ANALYZER_URL: downstreams.analyzerUrl,
      LEASE_MS: '2000',
      POLL_INTERVAL_MS: '200',
      RETRY_INITIAL_DELAY_MS: '200',
      RETRY_MAX_DELAY_MS: '1000',
    });
  });

  afterAll(async () => {
    await adminQuery(`alter database ${db.name} allow_connections true`).catch(() => undefined);
    await orchestrator?.stop();
    await downstreams.stop();
    await db?.drop();
  });

  const status = async (path: string) => (await fetch(orchestrator.url + path).catch(() => null))?.status ?? 0;
  const finished = async () =>
    (await db.client.query(`select count(*)::int as n from workflows where state in ('completed', 'failed')`)).rows[0].n as number;

  it('stays up, turns unready, then ready again, and loses no workflow', async () => {
    const api = new OrchestratorApi(orchestrator.url);
    const ids = await Promise.all(Array.from({ length: WORKFLOWS }, (_, i) => api.start(`user-${i}`, `outage/doc-${i}.ofx`).then((w) => w.id)));
    await waitFor(async () => (await finished()) >= 5, 'the first workflows to finish');

    const { rows } = await db.client.query('select pg_backend_pid() as pid');
    const beforeOutage = await finished();
    await adminQuery(`alter database ${db.name} allow_connections false`);
    await adminQuery(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${db.name}' and pid <> ${rows[0].pid}`);

    await waitFor(async () => (await status('/health/ready')) === 503, '/health/ready to report the outage', 15_000);
    // The outage really cut into work in flight.
    expect(beforeOutage).toBeLessThan(WORKFLOWS / 2);
    expect(await status('/health/live')).toBe(200);
    await new Promise((r) => setTimeout(r, 2500));
    expect(orchestrator.child.exitCode).toBeNull();
    expect(await status('/health/live')).toBe(200);

    await adminQuery(`alter database ${db.name} allow_connections true`);
    await waitFor(async () => (await status('/health/ready')) === 200, '/health/ready to recover', 30_000);

    await waitFor(async () => (await finished()) === WORKFLOWS, 'every workflow to finish after the outage', 90_000, 250);
    const { rows: states } = await db.client.query(`select state, count(*)::int as n from workflows group by state`);
    expect(states).toEqual([{ state: 'completed', n: WORKFLOWS }]);
    const { rows: stored } = await db.client.query(`select count(*)::int as n, count(distinct (workflow_id, transaction_id))::int as d from transactions`);
    expect(stored[0]).toEqual({ n: WORKFLOWS * SAMPLE_TRANSACTIONS.length, d: WORKFLOWS * SAMPLE_TRANSACTIONS.length });
    expect(ids).toHaveLength(WORKFLOWS);
    expect(orchestrator.child.exitCode).toBeNull();
  });
});
