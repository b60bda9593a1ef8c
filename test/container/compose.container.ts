import { createHash, randomBytes } from 'node:crypto';
import { OrchestratorApi } from '../support/api-client.js';
import { freePort } from '../support/free-port.js';
import { readSample, uploadFile } from '../support/statement-uploads.js';
import { waitFor } from '../support/wait-for.js';
import { IMAGE, POSTGRES_IMAGE, podman, podmanCompose, uniqueName } from './podman.js';

/**
 * docker-compose.yml as written, run by podman-compose on its own network: PostgreSQL, the Document Processor and the
 * Transaction Analyzer in their own containers, the orchestrator calling them by service name and sharing the
 * documents volume with the Document Processor. Images built beforehand (`up --no-build`), PostgreSQL from
 * scripts/container/postgres/ where the official image cannot be pulled.
 */
const project = uniqueName('cfsmoke');
const label = `label=io.podman.compose.project=${project}`;
let env: Record<string, string>;
let api: OrchestratorApi;

async function containerOf(service: string): Promise<string> {
  const names = (await podman(['ps', '--all', '--filter', label, '--filter', `label=com.docker.compose.service=${service}`, '--format', '{{.Names}}'])).stdout;
  return names.split('\n')[0];
}

async function logsOf(service: string): Promise<string> {
  const result = await podman(['logs', await containerOf(service)]);
  return `${result.stdout}\n${result.stderr}`;
}

// The compose file runs in production, which refuses to start without authentication: a service key for the test.
const API_KEY = randomBytes(32).toString('hex');
const CREDENTIALS = { 'X-API-Key': API_KEY };

beforeAll(async () => {
  const port = await freePort();
  const keyHash = createHash('sha256').update(API_KEY).digest('hex');
  env = { CASHFLOW_IMAGE: IMAGE, POSTGRES_IMAGE, ORCHESTRATOR_PORT: String(port), API_KEYS: `compose-test:${keyHash}` };
  api = new OrchestratorApi(`http://127.0.0.1:${port}`, CREDENTIALS);
});

afterAll(async () => {
  // `down -v` removes the named volumes, not the anonymous ones VOLUME /data gives each container, nor the network.
  const ids = (await podman(['ps', '--all', '--quiet', '--filter', label])).stdout.split('\n').filter(Boolean);
  const anonymous = ids.length ? (await podman(['inspect', '--format', '{{range .Mounts}}{{.Name}} {{end}}', ...ids])).stdout.split(/\s+/).filter(Boolean) : [];
  await podmanCompose(['-p', project, '-f', 'docker-compose.yml', 'down', '-v'], env, 120_000);
  if (ids.length) await podman(['rm', '--force', '--volumes', '--time', '0', ...ids]);
  for (const volume of anonymous) await podman(['volume', 'rm', '--force', volume]);
  await podman(['network', 'rm', '--force', `${project}_default`]);
});

describe('docker-compose.yml', () => {
  it('starts the three services and PostgreSQL, and runs an uploaded sample through the separate services to completed', async () => {
    const up = await podmanCompose(['-p', project, '-f', 'docker-compose.yml', 'up', '--no-build', '--detach'], env);
    expect({ code: up.code, stderr: up.code ? up.stderr : '' }).toEqual({ code: 0, stderr: '' });

    // The orchestrator may start before PostgreSQL accepts connections (podman-compose ignores depends_on
    // conditions); its restart policy brings it back, so wait for readiness rather than for the first start.
    await waitFor(async () => (await fetch(`${api.baseUrl}/health/ready`).catch(() => null))?.ok ?? false, 'the orchestrator to be ready', 120_000, 250);
    await waitFor(async () => (await logsOf('orchestrator')).includes('(database: postgres'), 'the orchestrator start-up line naming PostgreSQL');

    const upload = await uploadFile(api.baseUrl, await readSample('releve-2024-03.ofx'), { fileName: 'releve-2024-03.ofx', userId: 'user-compose', headers: CREDENTIALS });
    expect(upload.status).toBe(201);
    const done = await api.waitForState(upload.body.id, ['completed', 'failed'], 60_000);
    expect({ state: done.state, error: done.error }).toEqual({ state: 'completed', error: null });
    expect(done.results!.analysis.summary).toMatchObject({ income: '2895.99', expenses: '-1604.69', net: '1291.30' });
    // Parsed by the Document Processor's container, from the file the orchestrator stored in the shared volume.
    await waitFor(async () => (await logsOf('document-processor')).includes(`parsed ${upload.body.document_path}`), 'the Document Processor to log the file it parsed');
  });
});
