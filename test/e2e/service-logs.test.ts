import { readFile } from 'node:fs/promises';
import { startService, tempDataDir, type ServiceProcess } from '../support/orchestrator-process.js';
import { waitFor } from '../support/wait-for.js';

// What a log shipper reads from a container: every line one JSON object, no terminal colour codes.
describe('service logs outside development', () => {
  const started: ServiceProcess[] = [];
  afterAll(() => Promise.all(started.map((s) => s.stop())));

  it.each([
    ['document-processor', async () => ({ ENVIRONMENT: 'production', DOCUMENTS_DIR: await tempDataDir('cf-docs-') })],
    ['transaction-analyzer', async () => ({ ENVIRONMENT: 'production' })],
    ['orchestrator', async () => ({ ENVIRONMENT: 'staging', DATA_DIR: await tempDataDir() })],
  ] as const)('%s writes one JSON object per line, uncoloured', async (app, env) => {
    const service = await startService(app, { LOG_LEVEL: 'log', ...(await env()) });
    started.push(service);
    const text = await waitFor(async () => {
      const log = await readFile(service.logFile, 'utf8');
      return log.includes('listening on') && log;
    }, `${app}'s start-up lines`);
    const lines = text.split('\n').filter(Boolean);
    expect(text).not.toContain('\u001b[');
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(lines.map((line) => JSON.parse(line) as { message?: string }).some((entry) => entry.message?.startsWith('listening on'))).toBe(true);
  });
});
