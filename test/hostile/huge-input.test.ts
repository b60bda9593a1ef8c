import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { camtEntriesForBytes, camtStatement, csvStatement } from '../../bench/lib/statement-generators.js';
import { OrchestratorApi, type Workflow } from '../support/api-client.js';
import { startService, tempDataDir, type ServiceProcess } from '../support/orchestrator-process.js';
import { waitFor } from '../support/wait-for.js';

/**
 * The built orchestrator on defaults (embedded downstreams, so parsing runs in its worker pool) given a
 * 200,000-row CSV and a 15 MB CAMT: its event loop keeps answering, and both workflows end with an answer.
 */
describe('huge input', () => {
  let orchestrator: ServiceProcess;
  let api: OrchestratorApi;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await tempDataDir('cf-hostile-');
    const documentsDir = join(dataDir, 'documents');
    await mkdir(documentsDir);
    const camt = camtStatement(3).toString('utf8');
    await writeFile(join(documentsDir, 'external-entity.xml'), camt.replace('?>', '?>\n<!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]>').replace('<MsgId>', '<MsgId>&x;'));
    await writeFile(join(documentsDir, 'parameter-entity.xml'), camt.replace('?>', '?>\n<!DOCTYPE Document [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]>'));
    await writeFile(join(documentsDir, 'deep.xml'), camt.replace('<MsgId>', `${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}<MsgId>`));
    await writeFile(join(documentsDir, 'huge.csv'), csvStatement(200_000));
    await writeFile(join(documentsDir, 'huge.camt.xml'), camtStatement(camtEntriesForBytes(15 * 1024 * 1024)));
    orchestrator = await startService('orchestrator', { DATA_DIR: dataDir, DOCUMENTS_DIR: documentsDir });
    api = new OrchestratorApi(orchestrator.url);
  });

  afterAll(async () => {
    await orchestrator?.stop();
  });

  it.each([
    ['external-entity.xml', 'UNSUPPORTED_CONTENT', /<!DOCTYPE> declaration at line 2/],
    ['parameter-entity.xml', 'UNSUPPORTED_CONTENT', /<!DOCTYPE> declaration at line 2/],
    ['deep.xml', 'MALFORMED_DOCUMENT', /nested/i],
  ])('fails %s permanently at the first attempt, saying why', async (file, code, reason) => {
    const started = await api.start('hostile-user', file);
    const done = await api.waitForState(started.id, ['completed', 'failed'], 60_000);
    expect(done).toMatchObject({ state: 'failed', error: { step: 'extracting', attempt: 1, kind: 'permanent', code } });
    expect(done.error!.message).toMatch(reason);
  });

  it('refuses a path component over 255 bytes at start, without showing the server path', async () => {
    const res = await api.request('POST', '/workflow/start', { user_id: 'hostile-user', document_path: `${'a'.repeat(300)}.csv` });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'document_path', messages: ['document_path has a component longer than 255 bytes'] }]);
    expect(JSON.stringify(res.body)).not.toContain(dataDir);
  });

  it('answers /health/live within 2 s on every probe while a 200,000-row CSV and a 15 MB CAMT are processed, and ends both', async () => {
    const csv = await api.start('hostile-user', 'huge.csv');
    const camt = await api.start('hostile-user', 'huge.camt.xml');

    const probes: Array<{ ok: boolean; detail: string }> = [];
    let ended: Workflow[];
    let probing = true;
    const prober = (async () => {
      while (probing) {
        const started = Date.now();
        const res = await fetch(`${orchestrator.url}/health/live`, { signal: AbortSignal.timeout(2000) }).catch((error: Error) => error);
        probes.push(res instanceof Error ? { ok: false, detail: `${res.name} after ${Date.now() - started} ms` } : { ok: res.ok, detail: `HTTP ${res.status}` });
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    try {
      ended = await waitFor(async () => {
        const states = await Promise.all([csv.id, camt.id].map((id) => api.get(id)));
        return states.every((w) => w.state === 'completed' || w.state === 'failed') ? states : undefined;
      }, 'both huge workflows to end', 110_000, 500);
    } finally {
      probing = false;
      await prober;
    }

    expect(probes.filter((p) => !p.ok)).toEqual([]);
    expect(probes.length).toBeGreaterThan(3);
    const [csvDone, camtDone] = ended;
    // 200,000 rows is over MAX_STATEMENT_ROWS (100,000): refused at once, naming the limit.
    expect(csvDone).toMatchObject({ state: 'failed', error: { step: 'extracting', kind: 'permanent', code: 'LIMIT_EXCEEDED', attempt: 1 } });
    expect(csvDone!.error!.message).toContain('MAX_STATEMENT_ROWS=100000');
    // The CAMT is within every limit on a quiet machine; on a busy one it may pass PARSE_TIMEOUT_MS, which must then be named.
    console.info(`15 MB CAMT: ${camtDone!.state}${camtDone!.error ? ` (${camtDone!.error.message})` : ''}; ${probes.length} health probes`);
    if (camtDone!.state === 'failed') {
      expect(camtDone!.error).toMatchObject({ kind: 'permanent', code: 'LIMIT_EXCEEDED' });
      expect(camtDone!.error!.message).toMatch(/PARSE_TIMEOUT_MS|PARSE_MAX_HEAP_MB|MAX_STATEMENT_ROWS|MAX_DOCUMENT_BYTES/);
    } else {
      expect(camtDone!.results!.extraction).toMatchObject({ format: 'camt' });
    }
    expect(orchestrator.child.exitCode).toBeNull();
    expect((await fetch(`${orchestrator.url}/health/live`)).status).toBe(200);
  });
});
