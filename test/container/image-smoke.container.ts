import { OrchestratorApi } from '../support/api-client.js';
import { freePort } from '../support/free-port.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres-database.js';
import { ScriptedDownstreams } from '../support/scripted-downstreams.js';
import { readSample, uploadFile } from '../support/statement-uploads.js';
import { waitFor } from '../support/wait-for.js';
import { Container, podman, removeVolume, uniqueName } from './podman.js';

/**
 * The image as users run it (`npm run test:container` builds it first): podman, the host's network, nothing mounted
 * but the data volume. Docker's default grace period: `docker stop` and `podman stop` send SIGTERM, then SIGKILL.
 */
const GRACE_SECONDS = 10;
const SIGKILLED = 137;
const SAMPLE = { file: 'releve-2024-03.ofx', summary: { income: '2895.99', expenses: '-1604.69', net: '1291.30' } };

const containers: Container[] = [];
const volumes: string[] = [];

async function start(prefix: string, env: Record<string, string>, mounts: string[] = []): Promise<{ container: Container; api: OrchestratorApi }> {
  const port = await freePort();
  const container = await Container.run(prefix, { env: { PORT: String(port), ENVIRONMENT: 'test', LOG_LEVEL: 'log', ...env }, volumes: mounts });
  containers.push(container);
  const api = new OrchestratorApi(`http://127.0.0.1:${port}`);
  await waitFor(async () => {
    const state = await podman(['inspect', '--format', '{{.State.Status}}', container.name]);
    if (state.stdout !== 'running') throw new Error(`container ${state.stdout}: ${await container.logs()}`);
    return (await fetch(`${api.baseUrl}/health/ready`).catch(() => null))?.ok ?? false;
  }, `${container.name} to be ready`, 90_000, 200);
  return { container, api };
}

async function uploadSampleToCompletion(api: OrchestratorApi): Promise<string> {
  const upload = await uploadFile(api.baseUrl, await readSample(SAMPLE.file), { fileName: SAMPLE.file, userId: 'user-container' });
  expect(upload.status).toBe(201);
  const done = await api.waitForState(upload.body.id, ['completed', 'failed'], 60_000);
  expect({ state: done.state, error: done.error }).toEqual({ state: 'completed', error: null });
  expect(done.results!.analysis.summary).toMatchObject(SAMPLE.summary);
  return done.id;
}

afterAll(async () => {
  for (const container of containers) await container.remove();
  for (const volume of volumes) await removeVolume(volume);
});

describe('the container image', () => {
  describe('on its defaults (embedded PGlite under the /data volume)', () => {
    const volume = uniqueName('cashflow-smoke-data');
    let workflowId: string;

    beforeAll(() => {
      volumes.push(volume);
    });

    it('serves Swagger UI, passes its HEALTHCHECK, runs an uploaded sample to completed and stops on SIGTERM', async () => {
      const { container, api } = await start('cashflow-smoke-embedded', {}, [`${volume}:/data`]);
      const docs = await fetch(`${api.baseUrl}/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger-ui');
      expect(await container.healthcheck()).toBe(0);
      await waitFor(async () => (await container.logs()).includes('(database: embedded'), 'the start-up line naming the embedded database');

      workflowId = await uploadSampleToCompletion(api);

      const stopped = await container.stop(GRACE_SECONDS);
      expect(stopped.exitCode).not.toBe(SIGKILLED);
      expect(stopped.elapsedMs).toBeLessThan(GRACE_SECONDS * 1000);
    });

    it('keeps its workflows in the volume for the next container', async () => {
      const { api } = await start('cashflow-smoke-embedded-again', {}, [`${volume}:/data`]);
      expect((await api.get(workflowId)).state).toBe('completed');
      expect(await api.transactions(workflowId)).toHaveLength(20);
    });
  });

  describe('on PostgreSQL (DATABASE_URL, the host network)', () => {
    let db: ScratchDatabase;
    const downstreams = new ScriptedDownstreams();

    beforeAll(async () => {
      db = await createScratchDatabase('cf_container');
      await downstreams.start();
    });
    afterAll(async () => {
      await downstreams.stop();
      await db?.drop();
    });

    it('applies the migrations to a fresh database and runs an uploaded sample to completed', async () => {
      const { container, api } = await start('cashflow-smoke-postgres', { DATABASE_URL: db.url });
      await waitFor(async () => (await container.logs()).includes('(database: postgres'), 'the start-up line naming PostgreSQL');
      const id = await uploadSampleToCompletion(api);
      const row = await db.client.query('select state from workflows where id = $1', [id]);
      expect(row.rows).toEqual([{ state: 'completed' }]);
      // Stopped here: a replica left running would take over the step the next test leaves behind.
      expect((await container.stop(GRACE_SECONDS)).exitCode).not.toBe(SIGKILLED);
    });

    it('podman stop ends it within the grace period with the lease of its running step released', async () => {
      // The Document Processor stand-in never answers, so the step is running, leased to this replica, at the stop.
      const replica = uniqueName('smoke-replica');
      downstreams.script('processor:statements/hangs.ofx', { kind: 'hang' });
      const { container, api } = await start('cashflow-smoke-lease', {
        DATABASE_URL: db.url,
        DOCUMENT_PROCESSOR_URL: downstreams.processorUrl,
        TRANSACTION_ANALYZER_URL: downstreams.analyzerUrl,
        REPLICA_ID: replica,
        LEASE_MS: '120000',
        STEP_TIMEOUT_MS: '300000',
      });
      const wf = await api.start('user-container', 'statements/hangs.ofx');
      await waitFor(() => downstreams.callsFor('statements/hangs.ofx', 'processor').length > 0, 'the step to call the Document Processor');
      const leased = await db.client.query(
        `select lease_owner, lease_until > now() as held from workflow_tasks where workflow_id = $1 and status = 'running'`,
        [wf.id],
      );
      expect(leased.rows).toEqual([{ lease_owner: replica, held: true }]);

      const stopped = await container.stop(GRACE_SECONDS);
      expect(stopped.exitCode).not.toBe(SIGKILLED);
      expect(stopped.elapsedMs).toBeLessThan(GRACE_SECONDS * 1000);
      // Released: claimable at once by another replica, not after LEASE_MS; the call downstream was abandoned.
      const after = await db.client.query(
        `select status, lease_until <= now() as claimable from workflow_tasks where workflow_id = $1`,
        [wf.id],
      );
      expect(after.rows).toEqual([{ status: 'running', claimable: true }]);
      expect(downstreams.callsFor('statements/hangs.ofx', 'processor')[0].aborted).toBe(true);
    });
  });
});
