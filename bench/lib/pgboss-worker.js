// "pg-boss": the same three steps chained as pg-boss jobs (extract -> analyze -> store) on the same Postgres,
// started by the HTTP ingress with boss.send(). Each handler takes a batch, runs its step for every job of it
// concurrently, enqueues the next step for the whole batch with one insert() (the step's output travels in the
// next job's data, as pg-boss is used) and wakes that queue's workers with notifyWorker() instead of waiting for
// their next poll. Settings (bench/ANALYSIS.md): PGBOSS_WORKERS workers per queue, each fetching up to
// PGBOSS_BATCH jobs, polling every 0.5 s (the minimum pg-boss 10 allows) when not woken.
import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import { reportCompletion, serveStarts } from './ingress.js';
import { httpSteps, transactionStore } from './pipeline.js';

const { PROCESSOR_URL, ANALYZER_URL, BENCH_DB_URL, BENCH_POOL_SIZE, PGBOSS_WORKERS, PGBOSS_BATCH } = process.env;
const WORKERS = Number(PGBOSS_WORKERS ?? 2);
const BATCH = Number(PGBOSS_BATCH ?? 32);
const POOL = Number(BENCH_POOL_SIZE ?? 10);
const Q = { extract: 'bench-extract', analyze: 'bench-analyze', store: 'bench-store' };

const steps = httpSteps(PROCESSOR_URL, ANALYZER_URL);
const db = transactionStore(BENCH_DB_URL, POOL);
await db.setup();

const boss = new PgBoss({ connectionString: BENCH_DB_URL, max: POOL, application_name: 'cf-bench-pgboss', schedule: false });
boss.on('error', (error) => console.error('pg-boss:', error?.message ?? error));
await boss.start();
for (const name of Object.values(Q)) await boss.createQueue(name);

const workerIds = { extract: [], analyze: [], store: [] };
const wake = (step) => workerIds[step].forEach((id) => boss.notifyWorker(id));

// A step that throws fails its whole batch (pg-boss retries the jobs); a workflow that fails is reported.
const settle = async (jobs, fn) => (await Promise.allSettled(jobs.map(fn))).flatMap((r, i) => {
  if (r.status === 'fulfilled') return [r.value];
  reportCompletion(jobs[i].data.wid, 'failed', r.reason);
  return [];
});

const handlers = {
  async extract(jobs) {
    const next = await settle(jobs, async ({ data }) => ({
      ...data,
      extraction: await steps.extract(data.userId, data.documentPath, `${data.wid}:extractDocument:1`),
    }));
    if (next.length) await boss.insert(next.map((data) => ({ name: Q.analyze, data })));
    wake('analyze');
  },
  async analyze(jobs) {
    const next = await settle(jobs, async ({ data }) => ({
      ...data,
      analysis: await steps.analyze(data.userId, data.extraction.transactions, `${data.wid}:analyzeTransactions:1`),
    }));
    if (next.length) await boss.insert(next.map((data) => ({ name: Q.store, data })));
    wake('store');
  },
  async store(jobs) {
    await settle(jobs, async ({ data }) => {
      await db.store(data.wid, data.userId, data.extraction, data.analysis);
      reportCompletion(data.wid);
    });
  },
};

for (const step of Object.keys(Q)) {
  for (let w = 0; w < WORKERS; w++) {
    workerIds[step].push(await boss.work(Q[step], { batchSize: BATCH, pollingIntervalSeconds: 0.5 }, handlers[step]));
  }
}

const port = await serveStarts(async ({ userId, documentPath }) => {
  const wid = randomUUID();
  await boss.send(Q.extract, { wid, userId, documentPath });
  wake('extract');
  return { id: wid };
});

async function shutdown() {
  await boss.stop({ graceful: false, close: true, timeout: 2000 }).catch(() => undefined);
  await db.close().catch(() => undefined);
  process.exit(0);
}
process.on('message', (msg) => msg.t === 'exit' && void shutdown());
process.on('SIGTERM', shutdown);
process.on('disconnect', shutdown);
process.send({ t: 'ready', url: `http://127.0.0.1:${port}`, settings: { workersPerQueue: WORKERS, batchSize: BATCH, pollingIntervalSeconds: 0.5, max: POOL } });
