import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writePdf } from '../../libs/statement-parser/src/pdf/statement-pdf.spec-writer.js';
import { OrchestratorApi } from '../support/api-client.js';
import { startService, tempDataDir, type ServiceProcess } from '../support/orchestrator-process.js';
import { SAMPLES_DIR, uploadFile } from '../support/statement-uploads.js';
import { waitFor } from '../support/wait-for.js';

const json = async (res: Response): Promise<{ status: number; headers: Headers; body: any }> => ({ status: res.status, headers: res.headers, body: await res.json() });

describe('Document Processor parse jobs (Prefer: respond-async)', () => {
  let processor: ServiceProcess;
  const submit = (documentPath: string, headers: Record<string, string> = {}) =>
    fetch(`${processor.url}/documents/process`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Prefer: 'respond-async', ...headers },
      body: JSON.stringify({ document_path: documentPath, user_id: 'u1' }),
    }).then(json);
  const poll = (location: string) =>
    waitFor(async () => {
      const res = await fetch(processor.url + location).then(json);
      return res.body.status === 'running' ? undefined : res;
    }, `job ${location} to end`);

  beforeAll(async () => {
    const documentsDir = await tempDataDir('cf-pdf-docs-');
    await copyFile(join(SAMPLES_DIR, 'releve-2024-06.pdf'), join(documentsDir, 'juin.pdf'));
    await writeFile(join(documentsDir, 'blank.pdf'), await writePdf({ pages: [[]] }));
    processor = await startService('document-processor', { DOCUMENTS_DIR: documentsDir });
  });

  afterAll(() => processor?.stop());

  it('answers 202 with the job URL, then the job gives its progress and the same result as the synchronous call', async () => {
    const accepted = await submit('juin.pdf');
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('preference-applied')).toBe('respond-async');
    const location = accepted.headers.get('location')!;
    expect(location).toBe(`/documents/jobs/${accepted.body.job_id}`);
    expect(accepted.body).toMatchObject({ status: 'running' });

    const done = await poll(location);
    expect(done.body).toMatchObject({ status: 'completed', progress: { done: 2, total: 2, unit: 'pages' } });
    const sync = await fetch(`${processor.url}/documents/process`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ document_path: 'juin.pdf', user_id: 'u1' }) }).then(json);
    expect(sync.status).toBe(200);
    expect(done.body.result).toEqual(sync.body);
    expect(sync.body).toMatchObject({ format: 'pdf', currency: 'EUR', opening_balance: { amount: '1204.56' }, closing_balance: { amount: '2758.39' } });
    expect(sync.body.transactions).toHaveLength(13);
  });

  it('gives a failed job the problem the synchronous call would answer', async () => {
    const accepted = await submit('blank.pdf');
    const failed = await poll(accepted.headers.get('location')!);
    expect(failed.body).toMatchObject({ status: 'failed', problem: { status: 422, code: 'UNSUPPORTED_CONTENT', location: { element: 'page 1' } } });
    expect(failed.body.problem.detail).toMatch(/blank/);
    const missing = await poll((await submit('nope.pdf')).headers.get('location')!);
    expect(missing.body.problem).toMatchObject({ status: 404, code: 'DOCUMENT_NOT_FOUND' });
  });

  it('returns the same job for a repeated Idempotency-Key, and 404 problem+json for an unknown job', async () => {
    const first = await submit('juin.pdf', { 'Idempotency-Key': 'k-1' });
    const again = await submit('juin.pdf', { 'Idempotency-Key': 'k-1' });
    expect(again.body.job_id).toBe(first.body.job_id);
    const unknown = await fetch(`${processor.url}/documents/jobs/6f1c2f0e-8d5e-4b53-9f0e-1d2c3b4a5f60`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('documents the job route in Swagger', async () => {
    const doc: any = await fetch(`${processor.url}/docs-json`).then((r) => r.json());
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/documents/process', '/documents/jobs/{id}']));
    expect(Object.keys(doc.paths['/documents/process'].post.responses)).toEqual(expect.arrayContaining(['200', '202']));
  });
});

describe('an encrypted PDF uploaded to the orchestrator (embedded)', () => {
  let orchestrator: ServiceProcess;
  let api: OrchestratorApi;

  beforeAll(async () => {
    const dataDir = await tempDataDir();
    await mkdir(join(dataDir, 'documents'));
    orchestrator = await startService('orchestrator', { DATA_DIR: dataDir, DOCUMENTS_DIR: join(dataDir, 'documents') });
    api = new OrchestratorApi(orchestrator.url);
  });

  afterAll(() => orchestrator?.stop());

  it('fails the workflow permanently at extraction, saying it is encrypted', async () => {
    const bytes = await writePdf({ pages: [[{ x: 40, y: 40, text: 'Relevé de compte' }]], encrypted: true });
    const upload = await uploadFile(api.baseUrl, Buffer.from(bytes), { fileName: 'releve-protege.pdf', userId: 'u-pdf' });
    expect(upload.status).toBe(201);
    const failed = await api.waitForState(upload.body.id, ['completed', 'failed']);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatchObject({ step: 'extracting', kind: 'permanent' });
    expect(JSON.stringify(failed.error)).toMatch(/encrypted/);
  });
});
