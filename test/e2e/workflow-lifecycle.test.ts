import { OrchestratorApi, readEventStream } from '../support/api-client.js';
import { startService, tempDataDir, type ServiceProcess } from '../support/orchestrator-process.js';
import { SAMPLE_TRANSACTIONS, ScriptedDownstreams } from '../support/scripted-downstreams.js';
import { waitFor } from '../support/wait-for.js';

const RETRY_DELAY_MS = 400;
// Distinct, so a hung call shows which one fired: the HTTP client's (step_failed TIMEOUT) or the machine's (step_timed_out).
const HTTP_TIMEOUT_MS = 700;
const STEP_TIMEOUT_MS = 2000;

describe('orchestrator over HTTP with fault-injecting downstream stand-ins', () => {
  const downstreams = new ScriptedDownstreams();
  let orchestrator: ServiceProcess;
  let api: OrchestratorApi;

  beforeAll(async () => {
    await downstreams.start();
    orchestrator = await startService('orchestrator', {
      DATA_DIR: await tempDataDir(),
      DOCUMENT_PROCESSOR_URL: downstreams.processorUrl,
      TRANSACTION_ANALYZER_URL: downstreams.analyzerUrl,
      RETRY_MAX_ATTEMPTS: '3',
      RETRY_INITIAL_DELAY_MS: String(RETRY_DELAY_MS),
      RETRY_BACKOFF_FACTOR: '2',
      RETRY_JITTER: '0',
      STEP_TIMEOUT_MS: String(STEP_TIMEOUT_MS),
      HTTP_TIMEOUT_MS: String(HTTP_TIMEOUT_MS),
      POLL_INTERVAL_MS: '200',
    });
    api = new OrchestratorApi(orchestrator.url);
  });

  afterAll(async () => {
    await orchestrator?.stop();
    await downstreams.stop();
  });

  it('runs a statement to completed and stores both outputs in results and the transactions table', async () => {
    const started = await api.start('user-happy', 'statements/happy.ofx');
    expect(started).toMatchObject({ state: 'received', user_id: 'user-happy', document_path: 'statements/happy.ofx' });
    expect(started.workflow_id).toBe(started.id);

    const done = await api.waitForState(started.id, ['completed', 'failed']);
    expect(done.state).toBe('completed');
    expect(done.error).toBeNull();
    // The transaction arrays are read from /transactions; results keep the facts (claim check).
    expect(done.results!.extraction).not.toHaveProperty('transactions');
    expect(done.results!.extraction.transaction_count).toBe(SAMPLE_TRANSACTIONS.length);
    expect(done.results!.analysis).not.toHaveProperty('transactions');
    // What the contract says of these three amounts (2500.00, -54.37, -0.10): debits negative, net = income + expenses.
    expect(done.results!.analysis.summary).toMatchObject({ income: '2500.00', expenses: '-54.47', net: '2445.53' });
    expect(done.results!.storage).toEqual({ transactionsStored: 3 });
    // Each stored row joins the extraction's amount with the category the analyzer gave that id.
    const stored = await api.transactions(started.id);
    expect(stored.map((t) => [t.id, t.amount, t.category])).toEqual([
      ['tx-1', '2500.00', 'salary'],
      ['tx-2', '-54.37', 'groceries'],
      ['tx-3', '-0.10', 'bank_fees'],
    ]);
    const types = (await api.history(started.id)).map((e) => e.type);
    expect(types).toEqual(['created', 'started', 'step_succeeded', 'step_succeeded', 'step_succeeded']);
    expect(downstreams.callsFor('statements/happy.ofx', 'processor').map((c) => c.idempotencyKey)).toEqual([`${started.id}:extracting:1`]);
  });

  it('retries two 503s with growing waits, then succeeds, and the history shows each attempt and wait', async () => {
    downstreams.script('processor:statements/flaky.ofx', { kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    const { id } = await api.start('user-flaky', 'statements/flaky.ofx');
    const done = await api.waitForState(id, ['completed', 'failed']);
    expect(done.state).toBe('completed');
    expect(done.last_error).toMatchObject({ step: 'extracting', attempt: 2, kind: 'transient', code: 'HTTP_503', httpStatus: 503 });

    const calls = downstreams.callsFor('statements/flaky.ofx', 'processor');
    expect(calls.map((c) => c.idempotencyKey)).toEqual([1, 2, 3].map((n) => `${id}:extracting:${n}`));
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(RETRY_DELAY_MS - 20);
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(2 * RETRY_DELAY_MS - 20);

    const history = await api.history(id);
    const failures = history.filter((e) => e.type === 'step_failed');
    expect(failures.map((e) => [e.detail.attempt, e.detail.will_retry, e.detail.delay_ms, e.to_state])).toEqual([
      [1, true, RETRY_DELAY_MS, 'extracting.waiting'],
      [2, true, 2 * RETRY_DELAY_MS, 'extracting.waiting'],
    ]);
    expect(failures.every((e) => typeof e.detail.next_retry_at === 'string')).toBe(true);
    expect(history.filter((e) => e.type === 'retry_started').map((e) => e.detail.attempt)).toEqual([2, 3]);
  });

  it('streams progress as Server-Sent Events until the workflow completes, resumable with Last-Event-ID', async () => {
    downstreams.script('processor:statements/streamed.ofx', { kind: 'status', status: 503 });
    const { id } = await api.start('user-stream', 'statements/streamed.ofx');
    const events = await readEventStream(`${orchestrator.url}/workflow/${id}/events`);
    const history = events.filter((e) => e.event === 'history');
    expect(history.map((e) => e.data.type)).toEqual(['created', 'started', 'step_failed', 'retry_started', 'step_succeeded', 'step_succeeded', 'step_succeeded']);
    expect(history.map((e) => Number(e.id))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(events.at(-1)).toMatchObject({ event: 'workflow', data: { id, state: 'completed' } });

    const resumed = await readEventStream(`${orchestrator.url}/workflow/${id}/events`, { 'Last-Event-ID': '5' });
    expect(resumed.filter((e) => e.event === 'history').map((e) => e.data.seq)).toEqual([6, 7]);
    expect(resumed.at(-1)!.data.state).toBe('completed');
  });

  it('honours Retry-After on a 429', async () => {
    downstreams.script('analyzer:user-throttled', { kind: 'status', status: 429, retryAfter: '2' });
    const { id } = await api.start('user-throttled', 'statements/throttled.ofx');
    const waiting = await waitFor(async () => {
      const wf = await api.get(id);
      return wf.progress.phase === 'waiting' ? wf : undefined;
    }, 'the retry wait');
    expect(waiting.progress).toMatchObject({ step: 'analyzing', attempt: 1 });
    await api.waitForState(id, ['completed']);
    const calls = downstreams.callsFor('user-throttled', 'analyzer');
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1980);
  });

  it('fails at once on a 422, naming the step and the reason', async () => {
    downstreams.script('processor:statements/bad.ofx', {
      kind: 'status',
      status: 422,
      body: { title: 'Unprocessable', status: 422, detail: 'line 3: <STMTTRN> has no <TRNAMT>' },
    });
    const { id } = await api.start('user-bad', 'statements/bad.ofx');
    const failed = await api.waitForState(id, ['failed', 'completed']);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatchObject({ step: 'extracting', attempt: 1, kind: 'permanent', code: 'HTTP_422' });
    expect(failed.error!.message).toContain('line 3: <STMTTRN> has no <TRNAMT>');
    expect(downstreams.callsFor('statements/bad.ofx')).toHaveLength(1);
  });

  it('ends a call that hangs past the HTTP timeout as a TIMEOUT failure of the attempt, and retries it', async () => {
    downstreams.script('processor:statements/slow-http.ofx', { kind: 'hang' });
    const { id } = await api.start('user-slow-http', 'statements/slow-http.ofx');
    const done = await api.waitForState(id, ['completed', 'failed']);
    expect(done.state).toBe('completed');
    const calls = downstreams.callsFor('statements/slow-http.ofx');
    expect(calls).toHaveLength(2);
    expect(calls[0]!.aborted).toBe(true);
    // The client gave up at its own timeout, well before the step timeout (not a tie the client won).
    expect(calls[0]!.endedAt! - calls[0]!.at).toBeLessThan((HTTP_TIMEOUT_MS + STEP_TIMEOUT_MS) / 2);
    const types = (await api.history(id)).map((e) => e.type);
    expect(types).not.toContain('step_timed_out');
    const failed = (await api.history(id)).find((e) => e.type === 'step_failed')!;
    expect(failed.detail).toMatchObject({ attempt: 1, will_retry: true, error: { kind: 'transient', code: 'TIMEOUT' } });
  });

  it('abandons a step that runs past the step timeout, aborting its call, and retries it', async () => {
    downstreams.script('processor:statements/slow-step.ofx', { kind: 'hang' });
    // This workflow's step timeout is below the HTTP timeout: the machine's timer must be what ends the attempt.
    const res = await api.request('POST', '/workflow/start', { user_id: 'user-slow-step', document_path: 'statements/slow-step.ofx', retry_policy: { timeout_ms: 200 } });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const done = await api.waitForState(id, ['completed', 'failed']);
    expect(done.state).toBe('completed');
    const calls = downstreams.callsFor('statements/slow-step.ofx');
    expect(calls).toHaveLength(2);
    expect(calls[0]!.aborted).toBe(true);
    const history = await api.history(id);
    expect(history.filter((e) => e.type === 'step_timed_out')).toHaveLength(1);
    expect(history.filter((e) => e.type === 'step_failed')).toEqual([]);
  });

  it('fails at once, naming the field, when the analyzer answers what its contract forbids (expenses positive)', async () => {
    downstreams.script('analyzer:user-drift', {
      kind: 'breaks-contract',
      body: { transactions: [], summary: { income: '2500.00', expenses: '54.47', net: '2445.53', by_category: {}, by_month: {} } },
    });
    const { id } = await api.start('user-drift', 'statements/drift.ofx');
    const failed = await api.waitForState(id, ['failed', 'completed']);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatchObject({ step: 'analyzing', attempt: 1, kind: 'permanent', code: 'SCHEMA_VIOLATION' });
    expect(failed.error!.message).toContain('summary.expenses');
    expect(downstreams.callsFor('user-drift', 'analyzer')).toHaveLength(1);
  });

  it('cancels a workflow whose step is running, aborting the downstream call', async () => {
    downstreams.script('processor:statements/cancel-me.ofx', { kind: 'hang' });
    const { id } = await api.start('user-cancel', 'statements/cancel-me.ofx');
    await waitFor(() => downstreams.callsFor('statements/cancel-me.ofx').length === 1, 'the extraction call');
    const res = await api.request('POST', `/workflow/${id}/cancel`, { reason: 'wrong file' });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('cancelled');
    await waitFor(() => downstreams.callsFor('statements/cancel-me.ofx')[0]!.aborted, 'the call to be aborted', 5000);
    const again = await api.request('POST', `/workflow/${id}/cancel`, {});
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    const history = await api.history(id);
    expect(history.at(-1)).toMatchObject({ type: 'cancelled', to_state: 'cancelled', detail: { reason: 'wrong file' } });
    expect((await api.get(id)).state).toBe('cancelled');
  });

  it('redrives a failed workflow from the failed step, keeping the extraction', async () => {
    downstreams.script('analyzer:user-redrive', { kind: 'status', status: 400, body: { detail: 'transactions[0].amount is not a decimal' } });
    const { id } = await api.start('user-redrive', 'statements/redrive.ofx');
    const failed = await api.waitForState(id, ['failed', 'completed']);
    expect(failed.error).toMatchObject({ step: 'analyzing', kind: 'permanent' });

    const res = await api.request('POST', `/workflow/${id}/retry`);
    expect(res.status).toBe(200);
    const done = await api.waitForState(id, ['completed', 'failed']);
    expect(done.state).toBe('completed');
    expect(downstreams.callsFor('statements/redrive.ofx', 'processor')).toHaveLength(1);
    expect(downstreams.callsFor('user-redrive', 'analyzer').map((c) => c.idempotencyKey)).toEqual([`${id}:analyzing:1`, `${id}:analyzing:1`]);
    expect((await api.history(id)).map((e) => e.type)).toContain('redriven');
    expect((await api.request('POST', `/workflow/${id}/retry`)).status).toBe(409);
  });

  it('returns the same workflow for a repeated start with the same Idempotency-Key', async () => {
    const body = { user_id: 'user-idem', document_path: 'statements/idem.ofx' };
    const first = await api.request('POST', '/workflow/start', body, { 'Idempotency-Key': 'upload-42' });
    const second = await api.request('POST', '/workflow/start', body, { 'Idempotency-Key': 'upload-42' });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.id).toBe(first.body.id);
    const other = await api.request('POST', '/workflow/start', { ...body, document_path: 'statements/other.ofx' }, { 'Idempotency-Key': 'upload-42' });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ type: '/problems/idempotency-key-reused', errors: [{ field: 'Idempotency-Key' }], workflow_id: first.body.id });
  });

  it('answers bad input with problem+json naming the field, and unknown ids with 404', async () => {
    const missing = await api.request('POST', '/workflow/start', { user_id: 'u' });
    expect(missing.status).toBe(400);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['document_path']);
    const extra = await api.request('POST', '/workflow/start', { user_id: 'u', document_path: 'a', colour: 'red' });
    expect(extra.body.errors.map((e: { field: string }) => e.field)).toEqual(['colour']);
    const policy = await api.request('POST', '/workflow/start', { user_id: 'u', document_path: 'a', retry_policy: { max_attempts: 0 } });
    expect(policy.body.errors.map((e: { field: string }) => e.field)).toEqual(['retry_policy.max_attempts']);
    const json = await api.request('POST', '/workflow/start', '{"user_id": ');
    expect(json.status).toBe(400);
    expect((await api.request('GET', '/workflow/not-a-uuid')).body).toMatchObject({ status: 400, errors: [{ field: 'id' }] });
    expect((await api.request('GET', '/workflow/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('serves Swagger UI and an OpenAPI document listing every route', async () => {
    expect((await fetch(`${orchestrator.url}/docs`)).status).toBe(200);
    const spec = (await api.request('GET', '/docs-json')).body;
    expect(Object.keys(spec.paths).sort()).toEqual(
      expect.arrayContaining(['/workflow/start', '/workflow/{id}', '/workflow/{id}/cancel', '/workflow/{id}/retry', '/workflow/{id}/history', '/workflow']),
    );
    // user_id is optional for a signed-in user (their own) and required of a service key (README: Security).
    expect(spec.components.schemas.StartWorkflowDto.required).toEqual(['document_path']);
    expect(Object.keys(spec.components.schemas.StartWorkflowDto.properties)).toContain('user_id');
  });
});
