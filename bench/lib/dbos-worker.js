// "DBOS": the same three steps as one DBOS Transact workflow, each step a DBOS.runStep (its output checkpointed in
// DBOS's system database, as DBOS does), started by the HTTP ingress with DBOS.startWorkflow under the workflow
// id the ingress chose (DBOS's idempotency key); the answer goes out once DBOS has recorded the start.
// Configuration, after DBOS's configuration reference: its own system database (BENCH_SYS_DB_URL, on the same
// server), systemDatabasePoolSize as the others' pools, logLevel 'warn' (as ours), workflows started directly
// (no queue: DBOS queues add flow control the others do not have), and a plain-JSON serializer
// (DBOS_SERIALIZER=json, the default here: every value is JSON already; 'superjson' is DBOS's own default).
import { DBOS } from '@dbos-inc/dbos-sdk';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './child.js';
import { reportCompletion, serveStarts } from './ingress.js';
import { httpSteps, transactionStore } from './pipeline.js';

const { PROCESSOR_URL, ANALYZER_URL, BENCH_DB_URL, BENCH_SYS_DB_URL, BENCH_POOL_SIZE, DBOS_SERIALIZER = 'json' } = process.env;
const POOL = Number(BENCH_POOL_SIZE ?? 10);
// The package's exports do not include its package.json: read it from where npm put it.
const VERSION = JSON.parse(readFileSync(resolve(REPO_ROOT, 'node_modules/@dbos-inc/dbos-sdk/package.json'), 'utf8')).version;

const steps = httpSteps(PROCESSOR_URL, ANALYZER_URL);
const db = transactionStore(BENCH_DB_URL, POOL);
await db.setup();

const JSON_SERIALIZER = { name: () => 'bench_json', stringify: (v) => JSON.stringify(v), parse: (t) => (t === null || t === undefined ? null : JSON.parse(t)) };

DBOS.setConfig({
  name: 'cf-bench',
  systemDatabaseUrl: BENCH_SYS_DB_URL,
  systemDatabasePoolSize: POOL,
  logLevel: 'warn',
  ...(DBOS_SERIALIZER === 'json' ? { serializer: JSON_SERIALIZER } : {}),
});

const cashflow = DBOS.registerWorkflow(async (wid, userId, documentPath) => {
  const extraction = await DBOS.runStep(() => steps.extract(userId, documentPath, `${wid}:extractDocument:1`), { name: 'extractDocument' });
  const analysis = await DBOS.runStep(() => steps.analyze(userId, extraction.transactions, `${wid}:analyzeTransactions:1`), { name: 'analyzeTransactions' });
  const stored = await DBOS.runStep(() => db.store(wid, userId, extraction, analysis), { name: 'storeResults' });
  return { stored };
}, { name: 'cashflow' });

await DBOS.launch();

const port = await serveStarts(async ({ userId, documentPath }) => {
  const wid = randomUUID();
  const handle = await DBOS.startWorkflow(cashflow, { workflowID: wid })(wid, userId, documentPath);
  // The workflow promise settles after DBOS recorded the outcome: the completing commit, as for ours.
  handle.getResult().then(() => reportCompletion(wid), (error) => reportCompletion(wid, 'failed', error));
  return { id: wid };
});

async function shutdown() {
  await DBOS.shutdown().catch(() => undefined);
  await db.close().catch(() => undefined);
  process.exit(0);
}
process.on('message', (msg) => msg.t === 'exit' && void shutdown());
process.on('SIGTERM', shutdown);
process.on('disconnect', shutdown);
process.send({ t: 'ready', url: `http://127.0.0.1:${port}`, settings: { systemDatabasePoolSize: POOL, appPoolSize: POOL, serializer: DBOS_SERIALIZER, logLevel: 'warn', start: 'DBOS.startWorkflow (no queue)', version: VERSION } });
