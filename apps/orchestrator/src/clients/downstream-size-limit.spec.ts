import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpDocumentProcessorClient, HttpTransactionAnalyzerClient } from './http-step.clients.js';

// A downstream stand-in answering a valid-looking JSON document of any size.
function serveBytes(size: number): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ padding: 'x'.repeat(size) }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('DOWNSTREAM_MAX_BYTES', () => {
  let server: Server;
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('makes an answer over the limit a permanent error that names the limit', async () => {
    server = await serveBytes(5_000);
    const client = new HttpDocumentProcessorClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, timeoutMs: 5_000, replicaId: 'test', maxBytes: 1_000,
    });
    await expect(client.process({ document_path: 'a.csv', user_id: 'u' }, { idempotencyKey: 'k' })).rejects.toEqual({
      kind: 'permanent',
      code: 'DOWNSTREAM_RESPONSE_TOO_LARGE',
      message: 'document processor: the answer is larger than DOWNSTREAM_MAX_BYTES (1000 bytes)',
    });
  });

  it('refuses to send a request over the limit, permanently', async () => {
    server = await serveBytes(10);
    const client = new HttpTransactionAnalyzerClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, timeoutMs: 5_000, replicaId: 'test', maxBytes: 1_000,
    });
    const transactions = Array.from({ length: 50 }, (_, i) => ({ id: `t${i}`, date: '2024-01-01', amount: '1.00', currency: 'EUR', label: 'x'.repeat(20), raw: {} }));
    await expect(client.analyze({ user_id: 'u', transactions }, { idempotencyKey: 'k' })).rejects.toMatchObject({
      kind: 'permanent', code: 'DOWNSTREAM_REQUEST_TOO_LARGE',
    });
  });
});
