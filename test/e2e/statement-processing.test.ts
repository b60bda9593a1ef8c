import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { OrchestratorApi } from '../support/api-client.js';
import { REPO_ROOT } from '../support/paths.js';
import { startService, tempDataDir, type ServiceProcess } from '../support/orchestrator-process.js';
import { readSample, uploadFile } from '../support/statement-uploads.js';

const uploadFolder = (userId: string) => `uploads/${createHash('sha256').update(userId).digest('hex')}`;

/** What each bundled sample holds (samples/README.md); amounts exact, as decimal strings. */
const SAMPLES = [
  {
    file: 'releve-2024-03.ofx',
    format: 'ofx',
    count: 20,
    summary: { income: '2895.99', expenses: '-1604.69', net: '1291.30' },
    byId: [
      ['2024030001', '2850.00', 'salary'],
      ['2024030002', '-950.00', 'housing'],
      ['2024030003', '-62.48', 'groceries'],
      ['2024030004', '-19.99', 'telecom'],
      ['2024030005', '-13.49', 'subscriptions'],
      ['2024030006', '-60.00', 'cash_withdrawal'],
      ['2024030007', '-71.35', 'fuel'],
      ['2024030009', '-8.00', 'bank_fees'],
      ['2024030010', '45.99', 'refund'],
    ],
  },
  {
    file: 'releve-2024-04.camt053.xml',
    format: 'camt',
    count: 18,
    summary: { income: '3144.40', expenses: '-1681.81', net: '1462.59' },
    byId: [
      ['202404000001', '3120.50', 'salary'],
      ['202404000002', '-980.00', 'housing'],
      ['202404000006', '-80.00', 'cash_withdrawal'],
      ['202404000008', '-5.50', 'bank_fees'],
      ['202404000010', '23.90', 'refund'],
      ['202404000014', '-112.30', 'utilities'],
      ['202404000018', '-28.50', 'restaurants'],
    ],
  },
  {
    file: 'releve-2024-05.csv',
    format: 'csv',
    count: 22,
    summary: { income: '2908.49', expenses: '-1797.43', net: '1111.06' },
    // CSV rows carry no bank id: found by label.
    byLabel: [
      ['VIR SEPA RECU /DE ACME SAS /MOTIF SALAIRE MAI 2024', '2850.00', 'salary'],
      ['PRLV SEPA FONCIA PARIS LOYER MAI 2024', '-950.00', 'housing'],
      ['CARTE 08/05 TOTALENERGIES ST MAUR', '-66.80', 'fuel'],
      ['VIR SEPA RECU /DE CPAM PARIS /MOTIF REMBOURSEMENT SOINS', '23.50', 'benefits'],
      ['AVOIR CARTE 20/05 DECATHLON', '34.99', 'refund'],
      ['RETRAIT DAB 07/05 PARIS 11', '-100.00', 'cash_withdrawal'],
      ['PRLV SEPA ORANGE SA ABONNEMENT LIVEBOX', '-29.99', 'telecom'],
    ],
  },
  {
    file: 'releve-2024-06.pdf',
    format: 'pdf',
    count: 13,
    summary: { income: '2873.00', expenses: '-1319.17', net: '1553.83' },
    // A text PDF in the Crédit Mutuel/CIC layout (scripts/make-sample-pdf.js): labels over two lines joined.
    byLabel: [
      ['VIR SEPA RECU /DE ACME SAS /MOTIF SALAIRE MAI 2024', '2850.00', 'salary'],
      ['VIR SEPA RECU /DE CPAM PARIS /MOTIF REMBOURSEMENT SOINS', '23.00', 'benefits'],
    ],
  },
];

const CAMT_BAD_AMOUNT = 'invalid amount "58,32" (at /Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt)';
const OFX_TRUNCATED = 'OFX: the file ends (line 107) while <TRNAMT> opened at line 107 is still open: it is truncated or a closing tag is missing';

const getJson = async (url: string): Promise<any> => (await fetch(url)).json();

interface Topology {
  name: string;
  /** A permanent failure's code: the library's own in-process, the service's HTTP status over HTTP. */
  codes: { malformed: string; notFound: string };
  start(dataDir: string, documentsDir: string): Promise<ServiceProcess[]>;
}

const TOPOLOGIES: Topology[] = [
  {
    name: 'embedded: the orchestrator alone, no downstream URLs',
    codes: { malformed: 'MALFORMED_DOCUMENT', notFound: 'DOCUMENT_NOT_FOUND' },
    start: async (dataDir, documentsDir) => [await startService('orchestrator', { DATA_DIR: dataDir, DOCUMENTS_DIR: documentsDir })],
  },
  {
    name: 'three processes over HTTP',
    codes: { malformed: 'MALFORMED_DOCUMENT', notFound: 'DOCUMENT_NOT_FOUND' },
    start: async (dataDir, documentsDir) => {
      const [processor, analyzer] = await Promise.all([
        startService('document-processor', { DOCUMENTS_DIR: documentsDir }),
        startService('transaction-analyzer'),
      ]);
      const orchestrator = await startService('orchestrator', {
        DATA_DIR: dataDir,
        DOCUMENTS_DIR: documentsDir,
        DOCUMENT_PROCESSOR_URL: processor.url,
        TRANSACTION_ANALYZER_URL: analyzer.url,
      });
      return [processor, analyzer, orchestrator];
    },
  },
];

describe.each(TOPOLOGIES)('statement processing, $name', (topology) => {
  let services: ServiceProcess[] = [];
  let api: OrchestratorApi;
  let documentsDir: string;

  beforeAll(async () => {
    const dataDir = await tempDataDir();
    documentsDir = join(dataDir, 'documents');
    await mkdir(documentsDir);
    services = await topology.start(dataDir, documentsDir);
    api = new OrchestratorApi(services.at(-1)!.url);
  });

  afterAll(async () => {
    for (const service of services.reverse()) await service.stop();
  });

  it.each(SAMPLES)('uploads $file and ends completed with every transaction categorised and stored', async (sample) => {
    const upload = await uploadFile(api.baseUrl, await readSample(sample.file), { fileName: sample.file, userId: 'user-samples' });
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ state: 'received', user_id: 'user-samples' });
    expect(upload.body.document_path).toMatch(new RegExp(`^${uploadFolder('user-samples')}/[0-9a-f-]{36}-${sample.file.replace(/\./g, '\\.')}$`));
    expect(await readFile(join(documentsDir, upload.body.document_path))).toEqual(await readSample(sample.file));

    const done = await api.waitForState(upload.body.id, ['completed', 'failed']);
    expect(done.error).toBeNull();
    expect(done.state).toBe('completed');
    expect(done.results!.extraction).toMatchObject({ format: sample.format, currency: 'EUR' });
    expect(done.results!.analysis.summary).toMatchObject({ currency: 'EUR', transaction_count: sample.count, ...sample.summary });
    expect(done.results!.storage).toEqual({ transactionsStored: sample.count });

    const stored = await api.transactions(upload.body.id);
    expect(stored).toHaveLength(sample.count);
    for (const t of stored) {
      expect(typeof t.category).toBe('string');
      expect(t.confidence).toBeGreaterThan(0);
    }
    const found = (sample.byId ?? []).map(([id]) => stored.find((t) => t.id === id)).map((t) => [t?.id, t?.amount, t?.category]);
    expect(found).toEqual(sample.byId ?? []);
    const byLabel = (sample.byLabel ?? []).map(([label]) => stored.find((t) => t.label === label)).map((t) => [t?.label, t?.amount, t?.category]);
    expect(byLabel).toEqual(sample.byLabel ?? []);
  });

  it('fails a malformed statement at once with a permanent error naming the element', async () => {
    const camt = (await readSample('releve-2024-04.camt053.xml')).toString('utf8').replace('<Amt Ccy="EUR">58.32</Amt>', '<Amt Ccy="EUR">58,32</Amt>');
    const upload = await uploadFile(api.baseUrl, Buffer.from(camt), { fileName: 'bad-amount.xml', userId: 'user-malformed' });
    expect(upload.status).toBe(201);
    const failed = await api.waitForState(upload.body.id, ['completed', 'failed']);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatchObject({ step: 'extracting', attempt: 1, kind: 'permanent', code: topology.codes.malformed });
    expect(failed.error!.message).toContain(CAMT_BAD_AMOUNT);
    expect(await api.transactions(upload.body.id)).toEqual([]);
  });

  it('fails a truncated statement with a permanent error naming the line', async () => {
    const ofx = await readSample('releve-2024-03.ofx');
    const upload = await uploadFile(api.baseUrl, ofx.subarray(0, Math.floor(ofx.length / 2)), { fileName: 'cut.ofx', userId: 'user-malformed' });
    const failed = await api.waitForState(upload.body.id, ['completed', 'failed']);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatchObject({ step: 'extracting', attempt: 1, kind: 'permanent', code: topology.codes.malformed });
    expect(failed.error!.message).toContain(OFX_TRUNCATED);
  });

  it('fails a workflow whose document does not exist with a permanent error', async () => {
    const started = await api.start('user-missing', 'uploads/user-missing/nothing-here.ofx');
    const failed = await api.waitForState(started.id, ['completed', 'failed']);
    expect(failed.error).toMatchObject({ step: 'extracting', attempt: 1, kind: 'permanent', code: topology.codes.notFound });
  });

  it.each([
    ['../outside.ofx', 'document_path must not contain ".." segments'],
    ['uploads/../../outside.ofx', 'document_path must not contain ".." segments'],
    ['/etc/passwd', 'document_path must be relative to the documents directory'],
  ])('refuses to start on %s, outside the documents directory, with 400 naming document_path', async (documentPath, message) => {
    const res = await api.request('POST', '/workflow/start', { user_id: 'user-escape', document_path: documentPath });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, detail: message, errors: [{ field: 'document_path', messages: [message] }] });
  });

  it('stores an upload under a name of its own, whatever name the client sent', async () => {
    const upload = await uploadFile(api.baseUrl, await readSample('releve-2024-03.ofx'), { fileName: '../../../etc/cron.d/évil name?.ofx', userId: '../../root' });
    expect(upload.status).toBe(201);
    // The folder is the SHA-256 of the user id: no user id can shape a path, and two ids never share a folder.
    expect(upload.body.document_path).toMatch(new RegExp(`^${uploadFolder('../../root')}/[0-9a-f-]{36}-evil_name_\\.ofx$`));
    expect(existsSync(join(documentsDir, upload.body.document_path))).toBe(true);
    expect((await api.waitForState(upload.body.id, ['completed', 'failed'])).state).toBe('completed');
  });

  it('answers a replayed upload with the same workflow, and a key reused for another file with 422', async () => {
    const bytes = await readSample('releve-2024-05.csv');
    const first = await uploadFile(api.baseUrl, bytes, { fileName: 'mai.csv', userId: 'user-replay', idempotencyKey: 'upload-1' });
    const again = await uploadFile(api.baseUrl, bytes, { fileName: 'mai.csv', userId: 'user-replay', idempotencyKey: 'upload-1' });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    const other = await uploadFile(api.baseUrl, await readSample('releve-2024-03.ofx'), { fileName: 'mai.csv', userId: 'user-replay', idempotencyKey: 'upload-1' });
    expect(other.status).toBe(422);
    expect(other.body.detail).toBe('Idempotency-Key "upload-1" was already used for a different request');
  });

  it.each([
    ['an empty file', 'file', { bytes: new Uint8Array(), options: {} }],
    ['no file part', 'file', { bytes: new Uint8Array([1]), options: { withoutFile: true } }],
    ['no user_id', 'user_id', { bytes: new Uint8Array([1]), options: { userId: null } }],
  ] as const)('refuses an upload with %s: 400 naming %s', async (_what, field, { bytes, options }) => {
    const res = await uploadFile(api.baseUrl, bytes, { fileName: 'x.ofx', ...options });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});

describe('Document Processor HTTP contract', () => {
  let processor: ServiceProcess;
  let documentsDir: string;
  const post = (body: unknown) =>
    fetch(`${processor.url}/documents/process`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({
      status: r.status,
      type: r.headers.get('content-type'),
      body: (await r.json()) as any,
    }));

  beforeAll(async () => {
    documentsDir = await tempDataDir('cf-docs-');
    await writeFile(join(documentsDir, 'march.ofx'), await readSample('releve-2024-03.ofx'));
    await writeFile(join(documentsDir, 'notes.txt'), 'shopping list: bread, milk\n');
    const camt = (await readSample('releve-2024-04.camt053.xml')).toString('utf8').replace('<Amt Ccy="EUR">58.32</Amt>', '<Amt Ccy="EUR">58,32</Amt>');
    await writeFile(join(documentsDir, 'bad.xml'), camt);
    await writeFile(join(documentsDir, 'empty.csv'), '');
    processor = await startService('document-processor', { DOCUMENTS_DIR: documentsDir });
  });

  afterAll(() => processor?.stop());

  it('returns the contract for a statement in the documents directory', async () => {
    const res = await post({ document_path: 'march.ofx', user_id: 'u1' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      format: 'ofx',
      account: { id: '00012345678', bank_id: '30004', branch_id: '01234', type: 'CHECKING' },
      period: { start: '2024-03-01', end: '2024-03-31' },
      currency: 'EUR',
      closing_balance: { amount: '2495.47', date: '2024-03-31' },
      warnings: [],
    });
    expect(res.body.transactions).toHaveLength(20);
    expect(res.body.transactions[0]).toMatchObject({ id: '2024030001', date: '2024-03-01', amount: '2850.00', currency: 'EUR', label: 'VIR SEPA RECU /DE ACME SAS - MOTIF SALAIRE MARS 2024' });
  });

  it.each([
    ['a malformed statement', 'bad.xml', { code: 'MALFORMED_DOCUMENT', detail: CAMT_BAD_AMOUNT, location: { element: '/Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt' } }],
    ['a file in no statement format', 'notes.txt', { code: 'UNKNOWN_FORMAT', location: { line: 1 } }],
    ['an empty file', 'empty.csv', { code: 'EMPTY_DOCUMENT', detail: 'the document is empty' }],
  ])('answers 422 problem+json for %s, with the parser code and location', async (_what, documentPath, expected) => {
    const res = await post({ document_path: documentPath, user_id: 'u1' });
    expect(res.status).toBe(422);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 422, title: 'Unprocessable statement', ...expected });
  });

  it('answers 404 for a missing file and 400 naming document_path for one outside the directory', async () => {
    expect(await post({ document_path: 'nope.ofx', user_id: 'u1' })).toMatchObject({ status: 404, body: { code: 'DOCUMENT_NOT_FOUND' } });
    const escape = await post({ document_path: '../../etc/passwd', user_id: 'u1' });
    expect(escape).toMatchObject({ status: 400, body: { code: 'INVALID_DOCUMENT_PATH', errors: [{ field: 'document_path' }] } });
  });

  it('names every invalid field', async () => {
    const res = await post({ document_path: 42, extra: true });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['document_path', 'extra', 'user_id']);
  });

  it('parses a multipart upload without storing it', async () => {
    const res = await uploadFile(processor.url, await readSample('releve-2024-05.csv'), { fileName: 'mai.csv', path: '/documents/parse', userId: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ format: 'csv', currency: 'EUR' });
    expect(res.body.transactions).toHaveLength(22);
  });

  it('documents its routes in Swagger', async () => {
    const doc = await getJson(`${processor.url}/docs-json`);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/documents/process', '/documents/parse', '/health/live']));
    expect(doc.components.schemas.ProcessDocumentDto.required).toEqual(['document_path', 'user_id']);
  });
});

describe('Transaction Analyzer HTTP contract', () => {
  let analyzer: ServiceProcess;
  const tx = (id: string, amount: unknown, label: string) => ({ id, date: '2024-03-05', amount, currency: 'EUR', label });
  const post = (body: unknown) =>
    fetch(`${analyzer.url}/transactions/analyze`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({
      status: r.status,
      type: r.headers.get('content-type'),
      body: (await r.json()) as any,
    }));

  beforeAll(async () => {
    const rulesFile = join(await tempDataDir('cf-rules-'), 'rules.json');
    await writeFile(rulesFile, JSON.stringify({ name: 'mine', rules: [{ id: 'gym', category: 'leisure', match: { contains: 'BASIC FIT' } }] }));
    analyzer = await startService('transaction-analyzer', { RULES_FILE: rulesFile });
  });

  afterAll(() => analyzer?.stop());

  it('categorises, applies RULES_FILE and request rules, and sums exactly', async () => {
    const res = await post({
      user_id: 'u1',
      transactions: [
        { ...tx('a', '2850.00', 'VIR SEPA RECU /DE ACME SAS /MOTIF SALAIRE MARS'), raw: { any: 'thing' }, value_date: '2024-03-05' },
        tx('b', '-62.48', 'CB CARREFOUR MARKET 02/03'),
        tx('c', '-29.90', 'PRLV SEPA BASIC FIT'),
        tx('d', '-0.10', 'CB LA PETITE EPICERIE'),
      ],
      rules: { rules: [{ id: 'epicerie', category: 'groceries', match: { contains: 'PETITE EPICERIE' } }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.transactions.map((t: { id: string; category: string; rule: string }) => [t.id, t.category, t.rule])).toEqual([
      ['a', 'salary', 'keyword:SALAIRE'],
      ['b', 'groceries', 'merchant:CARREFOUR MARKET'],
      ['c', 'leisure', 'user:gym'],
      ['d', 'groceries', 'user:epicerie'],
    ]);
    expect(res.body.summary).toMatchObject({ income: '2850.00', expenses: '-92.48', net: '2757.52', by_month: { '2024-03': { net: '2757.52' } } });
  });

  it('refuses an amount sent as a JSON number, naming transactions[3].amount', async () => {
    const res = await post({ user_id: 'u1', transactions: [tx('a', '1.00', 'x'), tx('b', '2.00', 'y'), tx('c', '3.00', 'z'), tx('d', -4.5, 'w')] });
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ field: 'transactions[3].amount', messages: ['transactions[3].amount: must be a decimal string such as "-6.60", not a JSON number'] }]);
  });

  it('names invalid top-level fields and invalid request rules', async () => {
    const top = await post({ transactions: 'none', other: 1 });
    expect(top.status).toBe(400);
    expect(top.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['other', 'transactions', 'user_id']);
    const rules = await post({ user_id: 'u1', transactions: [], rules: { rules: [{ id: 'x', category: 'no_such_category', match: { contains: 'X' } }] } });
    expect(rules.status).toBe(400);
    expect(rules.body.errors[0].field).toBe('rules.rules[0].category');
  });

  it('documents its routes in Swagger', async () => {
    const doc = await getJson(`${analyzer.url}/docs-json`);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/transactions/analyze', '/categories', '/health/live']));
  });

  it('stops at start, naming RULES_FILE, when the rule set is invalid', async () => {
    const bad = join(await tempDataDir('cf-rules-'), 'bad.json');
    await writeFile(bad, JSON.stringify({ rules: [{ id: 'r', category: 'leisure', match: { regex: '([' } }] }));
    const run = spawnSync(process.execPath, [resolve(REPO_ROOT, 'apps/transaction-analyzer/dist/main.js')], {
      env: { PATH: process.env.PATH ?? '', PORT: '0', RULES_FILE: bad },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`RULES_FILE=${JSON.stringify(bad)}: not a valid rule set: rules[0].match.regex: invalid regular expression`);
  });
});

describe('Orchestrator upload contract', () => {
  let orchestrator: ServiceProcess;

  beforeAll(async () => {
    orchestrator = await startService('orchestrator', { DATA_DIR: await tempDataDir() });
  });

  afterAll(() => orchestrator?.stop());

  it('refuses a file over 20 MB with 413 problem+json naming file', async () => {
    const res = await uploadFile(orchestrator.url, new Uint8Array(20 * 1024 * 1024 + 1), { fileName: 'huge.csv' });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ status: 413, detail: 'file is larger than the 20 MB allowed', errors: [{ field: 'file' }] });
  });

  it('documents the multipart upload in Swagger', async () => {
    const doc = await getJson(`${orchestrator.url}/docs-json`);
    const upload = doc.paths['/workflow/upload'].post;
    expect(Object.keys(upload.requestBody.content)).toEqual(['multipart/form-data']);
    expect(upload.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
  });
});
