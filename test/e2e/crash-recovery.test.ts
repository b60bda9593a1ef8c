import { OrchestratorApi } from '../support/api-client.js';
import { startService, tempDataDir, type ServiceProcess } from '../support/orchestrator-process.js';
import { ScriptedDownstreams } from '../support/scripted-downstreams.js';
import { waitFor } from '../support/wait-for.js';

describe('orchestrator killed with SIGKILL and restarted on the same data (fault-injecting downstream stand-ins)', () => {
  const downstreams = new ScriptedDownstreams();
  let env: Record<string, string>;
  let orchestrator: ServiceProcess | undefined;

  beforeAll(async () => {
    await downstreams.start();
    env = {
      DATA_DIR: await tempDataDir(),
      DOCUMENT_PROCESSOR_URL: downstreams.processorUrl,
      TRANSACTION_ANALYZER_URL: downstreams.analyzerUrl,
      LEASE_MS: '1500',
      POLL_INTERVAL_MS: '200',
      RETRY_JITTER: '0',
      RETRY_INITIAL_DELAY_MS: '300',
      STEP_TIMEOUT_MS: '60000',
    };
  });

  afterEach(async () => {
    await orchestrator?.stop();
    orchestrator = undefined;
  });

  afterAll(async () => {
    await downstreams.stop();
  });

  it('runs again a step that was in flight at the crash, and stores its results once', async () => {
    orchestrator = await startService('orchestrator', env);
    const api = new OrchestratorApi(orchestrator.url);
    downstreams.script('processor:crash/in-flight.ofx', { kind: 'hang' });
    const { id } = await api.start('user-crash-1', 'crash/in-flight.ofx');
    await waitFor(() => downstreams.callsFor('crash/in-flight.ofx').length === 1, 'the extraction call');

    await orchestrator.kill();
    orchestrator = await startService('orchestrator', { ...env, PORT: String(orchestrator.port) });

    const done = await api.waitForState(id, ['completed', 'failed'], 60_000);
    expect(done.state).toBe('completed');
    const calls = downstreams.callsFor('crash/in-flight.ofx', 'processor');
    // The same attempt is replayed with the same idempotency key, so the downstream can deduplicate it.
    expect(calls.map((c) => c.idempotencyKey)).toEqual([`${id}:extracting:1`, `${id}:extracting:1`]);
    const stored = await api.transactions(id);
    expect(stored).toHaveLength(3);
    expect(new Set(stored.map((t) => t.id)).size).toBe(3);
    const history = await api.history(id);
    expect(history.filter((e) => e.type === 'step_succeeded').map((e) => e.detail.step)).toEqual(['extracting', 'analyzing', 'storing']);
  });

  it('wakes a workflow that was waiting for a retry at its due time: not before, and not never', async () => {
    orchestrator = await startService('orchestrator', env);
    const api = new OrchestratorApi(orchestrator.url);
    downstreams.script('processor:crash/waiting.ofx', { kind: 'status', status: 503, retryAfter: '5' });
    const { id } = await api.start('user-crash-2', 'crash/waiting.ofx');
    const waiting = await waitFor(async () => {
      const wf = await api.get(id);
      return wf.progress.phase === 'waiting' ? wf : undefined;
    }, 'the retry wait');
    const dueAt = Date.parse(waiting.progress.next_retry_at!);
    expect(dueAt - Date.now()).toBeGreaterThan(3000);

    await orchestrator.kill();
    orchestrator = await startService('orchestrator', { ...env, PORT: String(orchestrator.port) });

    const done = await api.waitForState(id, ['completed', 'failed'], 60_000);
    expect(done.state).toBe('completed');
    const calls = downstreams.callsFor('crash/waiting.ofx', 'processor');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at).toBeGreaterThanOrEqual(dueAt - 50);
    expect(calls[1]!.idempotencyKey).toBe(`${id}:extracting:2`);
    expect(await api.transactions(id)).toHaveLength(3);
  });
});
