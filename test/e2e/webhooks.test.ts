import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { parseWebhookSecret, verifyWebhook } from '../../apps/orchestrator/src/notifications/webhook-signature.js';
import { OrchestratorApi } from '../support/api-client.js';
import { startService, tempDataDir, type ServiceProcess } from '../support/orchestrator-process.js';
import { ScriptedDownstreams } from '../support/scripted-downstreams.js';
import { waitFor } from '../support/wait-for.js';

interface Received {
  id: string;
  valid: boolean;
  type: string;
  data: any;
  answered: number;
}

describe('signed webhooks (a receiver on loopback; downstream stand-ins)', () => {
  const downstreams = new ScriptedDownstreams();
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const received: Received[] = [];
  let failCompletedOnce = true;
  let receiver: Server;
  let orchestrator: ServiceProcess;
  let api: OrchestratorApi;

  beforeAll(async () => {
    await downstreams.start();
    const key = parseWebhookSecret(secret);
    // The handler's promise is caught: a body it cannot read answers 500 instead of an unhandled rejection.
    receiver = createServer((req, res) => void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      const message = JSON.parse(body);
      const answered = message.type === 'workflow.completed' && failCompletedOnce ? 500 : 204;
      if (answered === 500) failCompletedOnce = false;
      received.push({
        id: req.headers['webhook-id'] as string,
        valid: verifyWebhook(key, req.headers as Record<string, string>, body),
        type: message.type,
        data: message.data,
        answered,
      });
      res.writeHead(answered).end();
    })().catch(() => res.writeHead(500).end()));
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    orchestrator = await startService('orchestrator', {
      DATA_DIR: await tempDataDir(),
      DOCUMENT_PROCESSOR_URL: downstreams.processorUrl,
      TRANSACTION_ANALYZER_URL: downstreams.analyzerUrl,
      WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`,
      WEBHOOK_SECRET: secret,
      POLL_INTERVAL_MS: '200',
      RETRY_INITIAL_DELAY_MS: '200',
      RETRY_JITTER: '0',
    });
    api = new OrchestratorApi(orchestrator.url);
  });

  afterAll(async () => {
    await orchestrator?.stop();
    await downstreams.stop();
    await new Promise((r) => receiver.close(r));
  });

  it('announces each step in order, signed, and retries a delivery the receiver refused', async () => {
    downstreams.script('processor:hooks/a.ofx', { kind: 'status', status: 503 });
    const { id } = await api.start('user-hooks', 'hooks/a.ofx');
    await waitFor(() => received.filter((r) => r.data.workflow_id === id && r.type === 'workflow.completed' && r.answered === 204).length === 1, 'the completed webhook to be delivered', 20_000);

    const mine = received.filter((r) => r.data.workflow_id === id);
    expect(mine.every((r) => r.valid)).toBe(true);
    const delivered = mine.filter((r) => r.answered === 204).map((r) => r.type);
    expect(delivered).toEqual([
      'workflow.created', 'workflow.started', 'workflow.step_failed', 'workflow.retry_started',
      'workflow.step_succeeded', 'workflow.step_succeeded', 'workflow.completed',
    ]);
    const completed = mine.filter((r) => r.type === 'workflow.completed');
    expect(completed.map((r) => r.answered)).toEqual([500, 204]);
    expect(completed[0]!.id).toBe(completed[1]!.id);
    expect(mine.find((r) => r.type === 'workflow.step_failed')!.data).toMatchObject({ state: 'extracting', to_state: 'extracting.waiting', user_id: 'user-hooks' });

    const log = (await api.request('GET', `/workflow/${id}/webhooks`)).body.deliveries;
    expect(log).toHaveLength(7);
    expect(log.every((d: { status: string }) => d.status === 'delivered')).toBe(true);
    expect(log.at(-1)).toMatchObject({ attempts: 2, last_status: 204 });
    expect(log.at(-1).attempt_log.map((a: { http_status: number }) => a.http_status)).toEqual([500, 204]);
  });
});
