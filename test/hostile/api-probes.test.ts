import { mkdir, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { OrchestratorApi } from '../support/api-client.js';
import { startService, tempDataDir, type ServiceProcess } from '../support/orchestrator-process.js';
import { readSample, uploadFile } from '../support/statement-uploads.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Hostile and careless input against the built orchestrator over HTTP (issue 10, API side): every probe must
 * get a clear answer (the right status, the field named, the right error kind) and never a server path.
 */

const CAMT_NS = 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.02';

async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path)));
    else found.push(path);
  }
  return found;
}

function fieldsOf(body: { errors?: Array<{ field: string }> }): string[] {
  return (body.errors ?? []).map((e) => e.field);
}

describe('hostile input, API side (embedded orchestrator)', () => {
  let orchestrator: ServiceProcess;
  let api: OrchestratorApi;
  let dataDir: string;
  let documentsDir: string;
  let uploadsDir: string;

  beforeAll(async () => {
    dataDir = await tempDataDir('cf-hostile-');
    documentsDir = join(dataDir, 'documents');
    uploadsDir = join(documentsDir, 'uploads');
    orchestrator = await startService('orchestrator', {
      DATA_DIR: dataDir,
      // Fast retries, so a probe wrongly taken as transient ends quickly (and fails its assertion on the kind).
      RETRY_MAX_ATTEMPTS: '2',
      RETRY_INITIAL_DELAY_MS: '20',
      RETRY_MAX_DELAY_MS: '20',
      UPLOAD_ORPHAN_GRACE_MS: '60000',
      UPLOAD_SWEEP_INTERVAL_MS: '200',
    });
    api = new OrchestratorApi(orchestrator.url);
  }, 90_000);

  afterAll(async () => {
    await orchestrator?.stop();
  });

  /** No answer may show where the server keeps its files. */
  function expectNoServerPath(body: unknown): void {
    const text = JSON.stringify(body);
    expect(text).not.toContain(dataDir);
    expect(text).not.toContain(process.cwd());
  }

  describe('document_path at POST /workflow/start', () => {
    it.each([
      ['a component over 255 bytes', `statements/${'a'.repeat(256)}.csv`, 'document_path has a component longer than 255 bytes'],
      ['a component of 128 two-byte characters', `statements/${'é'.repeat(128)}`, 'document_path has a component longer than 255 bytes'],
      ['over 1024 bytes in all', `${'abcdefgh/'.repeat(114)}x.csv`, 'document_path is longer than 1024 bytes'],
      ['a newline', 'statements/a\nb.csv', 'document_path must not contain control characters'],
      ['an escape character', 'statements/\u001b[31mred.csv', 'document_path must not contain control characters'],
      ['a NUL', 'statements/a\u0000.csv', 'user_id'],
      ['an absolute path', '/etc/passwd', 'document_path must be relative to the documents directory'],
      ['an absolute path inside the documents directory', '@DOCUMENTS@/a.csv', 'document_path must be relative to the documents directory'],
      ['a Windows drive path', 'C:\\Windows\\win.ini', 'document_path must be relative to the documents directory'],
      ['a .. segment', 'statements/../../../etc/passwd', 'document_path must not contain ".." segments'],
    ])('refuses %s with 400 naming document_path', async (_what, rawPath, message) => {
      const documentPath = rawPath.replace('@DOCUMENTS@', documentsDir);
      const res = await api.request('POST', '/workflow/start', { user_id: 'user-paths', document_path: documentPath });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(fieldsOf(res.body)).toEqual(['document_path']);
      // NUL is refused by the input guard before the path rules, with its own wording.
      if (message !== 'user_id') expect(res.body.errors[0].messages).toContain(message);
      if (!rawPath.includes('@DOCUMENTS@')) expectNoServerPath(res.body);
    });

    it('fails a missing document permanently at attempt 1, naming the client path and no server path', async () => {
      const started = await api.start('user-missing', 'statements/not-there.csv');
      const failed = await api.waitForState(started.id, ['completed', 'failed']);
      expect(failed.error).toMatchObject({ step: 'extracting', attempt: 1, kind: 'permanent', code: 'DOCUMENT_NOT_FOUND', message: expect.stringMatching(/^no document at statements\/not-there\.csv\b/) });
      expectNoServerPath(failed);
      expectNoServerPath(await api.history(started.id));
    });
  });

  describe('strings and keys', () => {
    it.each([
      ['user_id holding NUL', '{"user_id": "a\\u0000b", "document_path": "a.csv"}', ['user_id']],
      ['user_id holding a lone high surrogate', '{"user_id": "a\\ud800", "document_path": "a.csv"}', ['user_id']],
      ['user_id holding a lone low surrogate', '{"user_id": "\\udc00", "document_path": "a.csv"}', ['user_id']],
      ['document_path holding a lone surrogate', '{"user_id": "u", "document_path": "a\\ud800.csv"}', ['document_path']],
      ['a __proto__ key', '{"user_id": "u", "document_path": "a.csv", "__proto__": {"admin": true}}', ['__proto__']],
      ['a constructor key', '{"user_id": "u", "document_path": "a.csv", "constructor": {"prototype": {}}}', ['constructor']],
      ['a prototype key', '{"user_id": "u", "document_path": "a.csv", "prototype": 1}', ['prototype']],
      ['a nested __proto__ key', '{"user_id": "u", "document_path": "a.csv", "retry_policy": {"__proto__": {"max_attempts": 1}}}', ['retry_policy.__proto__']],
      ['a nested constructor key', '{"user_id": "u", "document_path": "a.csv", "retry_policy": {"constructor": 1}}', ['retry_policy.constructor']],
    ])('answers %s with 400 naming the field', async (_what, body, fields) => {
      const res = await api.request('POST', '/workflow/start', body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(fieldsOf(res.body)).toEqual(fields);
    });

    // A URL cannot carry a lone surrogate (bad UTF-8 decodes to U+FFFD), but it can carry NUL.
    it('answers a NUL or a prototype key in a query string with 400 naming the parameter', async () => {
      const res = await api.request('GET', '/workflow?user_id=a%00');
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['user_id']);
      const proto = await api.request('GET', '/workflow?user_id=u&__proto__=x');
      expect(proto.status).toBe(400);
      expect(fieldsOf(proto.body)).toEqual(['__proto__']);
    });

    it('answers a NUL in an upload field with 400 naming it, storing nothing', async () => {
      const res = await uploadFile(orchestrator.url, await readSample('releve-2024-05.csv'), { fileName: 'mai.csv', userId: 'a\u0000b' });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['user_id']);
    });
  });

  describe('Idempotency-Key', () => {
    const start = (body: unknown, key: string) => api.request('POST', '/workflow/start', body, { 'Idempotency-Key': key });

    it('replays the same request, compared as parsed JSON (key order and spacing do not count), with 200 and Idempotency-Replayed', async () => {
      const first = await start({ user_id: 'user-idem', document_path: 'statements/a.csv', retry_policy: { max_attempts: 3, jitter: 0 } }, 'idem-same');
      const again = await start('{ "retry_policy": {"jitter": 0, "max_attempts": 3},\n "document_path": "statements/a.csv", "user_id": "user-idem" }', 'idem-same');
      expect([first.status, again.status]).toEqual([201, 200]);
      expect(again.body.id).toBe(first.body.id);
      expect(again.headers.get('idempotency-replayed')).toBe('true');
      // The draft writes the key as a Structured Field String: the quoted form is the same key.
      const quoted = await start({ user_id: 'user-idem', document_path: 'statements/a.csv', retry_policy: { max_attempts: 3, jitter: 0 } }, '"idem-same"');
      expect([quoted.status, quoted.body.id]).toEqual([200, first.body.id]);
    });

    it('answers the same key with another retry_policy with 422 naming the key, creating nothing', async () => {
      const first = await start({ user_id: 'user-idem', document_path: 'statements/b.csv', retry_policy: { max_attempts: 3 } }, 'idem-other');
      const other = await start({ user_id: 'user-idem', document_path: 'statements/b.csv', retry_policy: { max_attempts: 4 } }, 'idem-other');
      expect([first.status, other.status]).toEqual([201, 422]);
      expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(other.body).toMatchObject({ status: 422, type: '/problems/idempotency-key-reused', errors: [{ field: 'Idempotency-Key' }], workflow_id: first.body.id });
      expect(other.body.detail).toContain('idem-other');
      const page = await api.request('GET', '/workflow?user_id=user-idem&limit=100');
      expect(page.body.items.filter((w: { document_path: string }) => w.document_path === 'statements/b.csv')).toHaveLength(1);
    });

    it('scopes keys per user: another user may use the same key', async () => {
      const mine = await start({ user_id: 'user-scope-1', document_path: 'statements/c.csv' }, 'idem-scope');
      const theirs = await start({ user_id: 'user-scope-2', document_path: 'statements/c.csv' }, 'idem-scope');
      expect([mine.status, theirs.status]).toEqual([201, 201]);
      expect(theirs.body.id).not.toBe(mine.body.id);
    });

    it('refuses a key longer than 255 characters with 400 naming it, and takes one of 255', async () => {
      const long = await start({ user_id: 'user-idem', document_path: 'statements/d.csv' }, 'k'.repeat(256));
      expect(long.status).toBe(400);
      expect(fieldsOf(long.body)).toEqual(['Idempotency-Key']);
      const longest = await start({ user_id: 'user-idem', document_path: 'statements/d.csv' }, 'k'.repeat(255));
      expect(longest.status).toBe(201);
    });

    it('answers an upload of another file under a used key with 422, storing nothing more', async () => {
      const first = await uploadFile(orchestrator.url, await readSample('releve-2024-05.csv'), { fileName: 'mai.csv', userId: 'user-up-idem', idempotencyKey: 'up-1' });
      expect(first.status).toBe(201);
      const before = await filesUnder(uploadsDir);
      const other = await uploadFile(orchestrator.url, await readSample('releve-2024-03.ofx'), { fileName: 'mai.csv', userId: 'user-up-idem', idempotencyKey: 'up-1' });
      expect(other.status).toBe(422);
      expect(fieldsOf(other.body)).toEqual(['Idempotency-Key']);
      const renamed = await uploadFile(orchestrator.url, await readSample('releve-2024-05.csv'), { fileName: 'other-name.csv', userId: 'user-up-idem', idempotencyKey: 'up-1' });
      expect(renamed.status).toBe(422);
      const replay = await uploadFile(orchestrator.url, await readSample('releve-2024-05.csv'), { fileName: 'mai.csv', userId: 'user-up-idem', idempotencyKey: 'up-1' });
      expect([replay.status, replay.body.id, replay.headers.get('idempotency-replayed')]).toEqual([200, first.body.id, 'true']);
      expect(await filesUnder(uploadsDir)).toEqual(before);
    });
  });

  describe('files', () => {
    it.each([
      ['an empty file', () => uploadFile(orchestrator.url, new Uint8Array(), { fileName: 'empty.csv', userId: 'user-rejected' }), 400, 'file'],
      ['no file part', () => uploadFile(orchestrator.url, new Uint8Array(10), { withoutFile: true, userId: 'user-rejected' }), 400, 'file'],
      ['no user_id', () => uploadFile(orchestrator.url, Buffer.from('x'), { fileName: 'a.csv', userId: null }), 400, 'user_id'],
      ['a user_id over 200 characters', () => uploadFile(orchestrator.url, Buffer.from('x'), { fileName: 'a.csv', userId: 'u'.repeat(201) }), 400, 'user_id'],
      ['a file over 20 MB', () => uploadFile(orchestrator.url, new Uint8Array(20 * 1024 * 1024 + 1), { fileName: 'huge.csv', userId: 'user-rejected' }), 413, 'file'],
      ['an Idempotency-Key over 255 characters', () => uploadFile(orchestrator.url, Buffer.from('x'), { fileName: 'a.csv', userId: 'user-rejected', idempotencyKey: 'k'.repeat(256) }), 400, 'Idempotency-Key'],
    ] as const)('leaves nothing on disk for an upload refused for %s', async (_what, send, status, field) => {
      const before = await filesUnder(uploadsDir);
      const res = await send();
      expect(res.status).toBe(status);
      expect(fieldsOf(res.body)).toEqual([field]);
      expect(await filesUnder(uploadsDir)).toEqual(before);
    });

    it('sweeps an upload no workflow references once past the grace period, and nothing else', async () => {
      const kept = await uploadFile(orchestrator.url, await readSample('releve-2024-05.csv'), { fileName: 'kept.csv', userId: 'user-sweep' });
      expect(kept.status).toBe(201);
      const referenced = join(documentsDir, kept.body.document_path);
      // Beside the kept upload, in the same (hashed) user folder.
      const orphan = join(dirname(referenced), '0190aaaa-0000-7000-8000-000000000000-orphan.csv');
      const young = join(dirname(referenced), 'young-orphan.csv');
      const outside = join(documentsDir, 'statements', 'old-unreferenced.csv');
      await mkdir(join(documentsDir, 'statements'), { recursive: true });
      for (const file of [orphan, young, outside]) await writeFile(file, 'date;amount\n');
      const longAgo = new Date(Date.now() - 3_600_000);
      for (const file of [orphan, referenced, outside]) await utimes(file, longAgo, longAgo);

      await waitFor(async () => !(await stat(orphan).then(() => true, () => false)), 'the orphan upload to be swept', 10_000);
      // A few more passes of the sweeper (every 200 ms) must leave the others alone.
      const swept = Date.now();
      await waitFor(() => Date.now() - swept > 1_000, 'further sweeps', 5_000, 100);
      for (const file of [referenced, young, outside]) expect({ file, exists: await stat(file).then(() => true, () => false) }).toEqual({ file, exists: true });
    });
  });

  describe('hostile XML (permanent at once: depends on the parser side of issue 10)', () => {
    it.each([
      ['a DOCTYPE with an external entity', `<?xml version="1.0"?>\n<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Document xmlns="${CAMT_NS}"><BkToCstmrStmt><GrpHdr><MsgId>&xxe;</MsgId></GrpHdr></BkToCstmrStmt></Document>\n`],
      ['a parameter entity', `<?xml version="1.0"?>\n<!DOCTYPE Document [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>\n<Document xmlns="${CAMT_NS}"><BkToCstmrStmt/></Document>\n`],
      ['100,000 nested elements', `<?xml version="1.0"?>\n<Document xmlns="${CAMT_NS}"><BkToCstmrStmt>${'<Ntry>'.repeat(100_000)}${'</Ntry>'.repeat(100_000)}</BkToCstmrStmt></Document>\n`],
    ])('fails a CAMT with %s permanently at attempt 1', async (_what, xml) => {
      const upload = await uploadFile(orchestrator.url, Buffer.from(xml), { fileName: 'hostile.xml', userId: 'user-xml' });
      expect(upload.status).toBe(201);
      const done = await api.waitForState(upload.body.id, ['completed', 'failed'], 60_000);
      expect(done.state).toBe('failed');
      expect(done.error).toMatchObject({ step: 'extracting', attempt: 1, kind: 'permanent' });
      expectNoServerPath(done);
      const live = await fetch(`${orchestrator.url}/health/live`, { signal: AbortSignal.timeout(2_000) });
      expect(live.status).toBe(200);
    });
  });

  it('shows the upload path in Swagger as written: no <word> outside a code span, where Swagger UI would take it for HTML', async () => {
    const doc = (await api.request('GET', '/docs-json')).body;
    const descriptions: string[] = [];
    JSON.stringify(doc, (key, value) => {
      if (key === 'description' && typeof value === 'string') descriptions.push(value);
      return value;
    });
    expect(doc.paths['/workflow/upload'].post.description).toContain('`uploads/<SHA-256 hex of the user id>/<workflow id>-<name>`');
    const bare = descriptions.map((d) => d.replace(/`[^`]*`/g, '')).filter((d) => /<[A-Za-z][^>]*>/.test(d));
    expect(bare).toEqual([]);
  });
});

describe('hostile input, API side (orchestrator with separate downstream services)', () => {
  let processor: ServiceProcess;
  let orchestrator: ServiceProcess;
  let api: OrchestratorApi;
  let analyzer: Server;
  let processorDocuments: string;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await tempDataDir('cf-hostile-split-');
    // A Document Processor whose documents directory is so deep that a path the orchestrator accepts (under 1024
    // bytes, no component over 255) is past PATH_MAX there: the file system would answer ENAMETOOLONG.
    processorDocuments = join(dataDir, ...Array.from({ length: 19 }, (_, i) => `${String(i).padStart(2, '0')}${'d'.repeat(198)}`));
    await mkdir(processorDocuments, { recursive: true });
    await writeFile(join(processorDocuments, 'ok.csv'), await readSample('releve-2024-05.csv'));
    processor = await startService('document-processor', { DATA_DIR: dataDir, DOCUMENTS_DIR: processorDocuments }, '/health/live');
    // A Transaction Analyzer stand-in (the reference one always answers in size) answering 2 MB.
    analyzer = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ transactions: [], summary: {}, padding: 'x'.repeat(2 * 1024 * 1024) }));
      });
    });
    await new Promise<void>((resolve) => analyzer.listen(0, '127.0.0.1', () => resolve()));
    orchestrator = await startService('orchestrator', {
      DATA_DIR: join(dataDir, 'orchestrator'),
      DOCUMENT_PROCESSOR_URL: processor.url,
      TRANSACTION_ANALYZER_URL: `http://127.0.0.1:${(analyzer.address() as AddressInfo).port}`,
      DOWNSTREAM_MAX_BYTES: String(1024 * 1024),
      RETRY_MAX_ATTEMPTS: '2',
      RETRY_INITIAL_DELAY_MS: '20',
      RETRY_MAX_DELAY_MS: '20',
    });
    api = new OrchestratorApi(orchestrator.url);
  }, 120_000);

  afterAll(async () => {
    await orchestrator?.stop();
    await processor?.stop();
    await new Promise<void>((resolve) => (analyzer ? analyzer.close(() => resolve()) : resolve()));
  });

  it('fails a path the Document Processor cannot hold (ENAMETOOLONG there) permanently at attempt 1, without its path', async () => {
    const started = await api.start('user-long', `${'a'.repeat(200)}/${'b'.repeat(200)}/statement.csv`);
    const failed = await api.waitForState(started.id, ['completed', 'failed']);
    expect(failed.error).toMatchObject({ step: 'extracting', attempt: 1, kind: 'permanent', code: 'INVALID_DOCUMENT_PATH' });
    expect(JSON.stringify(failed)).not.toContain(processorDocuments.slice(0, 200));
  });

  it('has the Document Processor refuse NUL, lone surrogates and prototype keys with 400 naming the field (libs/nest-http)', async () => {
    const processorApi = new OrchestratorApi(processor.url);
    for (const [body, field] of [
      ['{"user_id": "a\\u0000", "document_path": "ok.csv"}', 'user_id'],
      ['{"user_id": "u", "document_path": "ok\\udfff.csv"}', 'document_path'],
      ['{"user_id": "u", "document_path": "ok.csv", "__proto__": {}}', '__proto__'],
    ] as const) {
      const res = await processorApi.request('POST', '/documents/process', body);
      expect({ body, status: res.status, fields: fieldsOf(res.body) }).toEqual({ body, status: 400, fields: [field] });
    }
  });

  it('fails an answer over DOWNSTREAM_MAX_BYTES permanently at attempt 1, naming the limit', async () => {
    const started = await api.start('user-big-answer', 'ok.csv');
    const failed = await api.waitForState(started.id, ['completed', 'failed']);
    expect(failed.error).toMatchObject({ step: 'analyzing', attempt: 1, kind: 'permanent', code: 'DOWNSTREAM_RESPONSE_TOO_LARGE' });
    expect(failed.error!.message).toContain('DOWNSTREAM_MAX_BYTES (1048576 bytes, 1 MB)');
  });
});
