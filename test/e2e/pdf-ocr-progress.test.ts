import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { OrchestratorApi, readEventStream } from '../support/api-client.js';
import { startService, tempDataDir, type ServiceProcess } from '../support/orchestrator-process.js';
import { STATEMENTS_DIR } from '../support/paths.js';
import { uploadFile } from '../support/statement-uploads.js';
import { waitFor } from '../support/wait-for.js';

const SCANNED = resolve(STATEMENTS_DIR, 'pdf/mfry_kowhai_everyday_scanned.pdf');

/*
 * OCR of a scan takes seconds a page: the extraction step reports its pages as it goes, kept on its task row
 * (progress.detail) and pushed on the SSE stream. That each report moves the step's deadline on is shown by
 * test/engine/step-deadline.test.ts, with timings this machine's OCR speed cannot make reliable.
 */
describe('a scanned PDF, OCR\'d in the extraction step: its progress while it runs', () => {
  let orchestrator: ServiceProcess;

  beforeAll(async () => {
    orchestrator = await startService('orchestrator', { DATA_DIR: await tempDataDir(), STEP_TIMEOUT_MS: '120000', RETRY_MAX_ATTEMPTS: '1' });
  });

  afterAll(async () => {
    await orchestrator.stop();
  });

  it('shows { done, total, unit: pages } in GET /workflow/{id} and as event: progress, then completes on attempt 1', async () => {
    const api = new OrchestratorApi(orchestrator.url);
    const uploaded = await uploadFile(orchestrator.url, await readFile(SCANNED), { fileName: 'kowhai-scanned.pdf', userId: 'user-ocr' });
    expect(uploaded.status).toBe(201);
    const id = uploaded.body.id as string;
    const stream = readEventStream(`${orchestrator.url}/workflow/${id}/events`, {}, 300_000);

    const seen = await waitFor(async () => {
      const wf = await api.get(id);
      if (wf.state !== 'extracting') throw new Error(`left extracting (${wf.state}) before any progress was seen`);
      return (wf.progress as { detail?: { done: number; total: number; unit: string } | null }).detail ?? undefined;
    }, 'progress of the OCR step', 240_000, 200);
    expect(seen).toMatchObject({ unit: 'pages', total: 2 });

    const done = await api.waitForState(id, ['completed', 'failed'], 300_000);
    expect({ state: done.state, error: done.error }).toEqual({ state: 'completed', error: null });
    const history = await api.history(id);
    expect(history.filter((h) => h.type === 'step_timed_out')).toEqual([]);
    expect(history.find((h) => h.type === 'step_succeeded')?.detail).toMatchObject({ step: 'extracting', attempt: 1 });
    expect((await api.transactions(id)).length).toBeGreaterThan(0);

    const events = await stream;
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.data as { step: string; done: number; total: number; unit: string });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ step: 'extracting', unit: 'pages', total: 2 });
  });
});
