// "pg-boss": the same three steps chained as pg-boss jobs (extract -> analyze -> store) on the same Postgres.
// Each handler takes a batch, runs its step for every job of it concurrently, enqueues the next step for the
// whole batch with one insert() and wakes that queue's workers with notifyWorker() instead of waiting for
// their next poll. Settings (see bench/RESULTS.md): PGBOSS_WORKERS workers per queue, each fetching up to
// PGBOSS_BATCH jobs, polling every 0.5 s (the minimum pg-boss 10 allows) when not woken.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import PgBoss from 'pg-boss';
import { httpSteps, transactionStore } from './pipeline.js';

const now = () => performance.timeOrigin + performance.now();
const { PROCESSOR_URL, ANALYZER_URL, BENCH_DB_URL, BENCH_POOL_SIZE, PGBOSS_WORKERS, PGBOSS_BATCH } = process.env;
const WORKERS = Number(PGBOSS_WORKERS ?? 2);
const BATCH = Number(PGBOSS_BATCH ?? 32);
const Q = { extract: 'bench-extract', analyze: 'bench-analyze', store: 'bench-store' };

const steps = httpSteps(PROCESSOR_URL, ANALYZER_URL);
const db = transactionStore(BENCH_DB_URL, Number(BENCH_POOL_SIZE ?? 10));
await db.setup();

const boss = new PgBoss({ connectionString: BENCH_DB_URL, max: Number(BENCH_POOL_SIZE ?? 10), application_name: 'cf-bench-pgboss', schedule: false });
let bossErrors = 0;
let lastBossError = null;
boss.on('error', (error) => {
  bossErrors++;
  lastBossError = String(error?.message ?? error);
});
await boss.start();
for (const name of Object.values(Q)) await boss.createQueue(name);

const workerIds = { extract: [], analyze: [], store: [] };
const wake = (step) => workerIds[step].forEach((id) => boss.notifyWorker(id));

let run = null; // the run in progress: { n, sent, results, keyPrefix, resolve }

async function sendExtracts(count) {
  if (!run || count <= 0) return;
  const jobs = [];
  for (let k = 0; k < count && run.sent < run.n; k++) {
    const key = `${run.keyPrefix}-${run.sent++}`;
    jobs.push({ name: Q.extract, data: { key, wid: randomUUID(), t0: now() } });
  }
  if (!jobs.length) return;
  await boss.insert(jobs);
  wake('extract');
}

const handlers = {
  async extract(jobs) {
    const next = await Promise.all(jobs.map(async ({ data }) => ({
      ...data,
      extraction: await steps.extract(data.key, `bench/${data.key}.csv`, `${data.wid}:extractDocument:1`),
    })));
    await boss.insert(next.map((data) => ({ name: Q.analyze, data })));
    wake('analyze');
  },
  async analyze(jobs) {
    const next = await Promise.all(jobs.map(async ({ data }) => ({
      ...data,
      analysis: await steps.analyze(data.key, data.extraction.transactions, `${data.wid}:analyzeTransactions:1`),
    })));
    await boss.insert(next.map((data) => ({ name: Q.store, data })));
    wake('store');
  },
  async store(jobs) {
    await Promise.all(jobs.map(async ({ data }) => {
      await db.store(data.wid, data.key, data.extraction, data.analysis);
      if (run) run.results.push([data.key, data.t0, now()]);
    }));
    if (!run) return;
    if (run.results.length >= run.n) {
      const finished = run;
      run = null;
      finished.resolve();
      return;
    }
    await sendExtracts(jobs.length);
  },
};

for (const step of Object.keys(Q)) {
  for (let w = 0; w < WORKERS; w++) {
    workerIds[step].push(await boss.work(Q[step], { batchSize: BATCH, pollingIntervalSeconds: 0.5 }, handlers[step]));
  }
}

process.on('message', async (msg) => {
  if (msg.t === 'run') {
    const tStart = now();
    const results = [];
    await new Promise((resolve) => {
      run = { n: msg.n, sent: 0, results, keyPrefix: msg.keyPrefix, resolve };
      void sendExtracts(Math.min(msg.concurrency, msg.n));
    });
    process.send({ t: 'done', results, errors: bossErrors, lastError: lastBossError, tStart, tEnd: now() });
  }
  if (msg.t === 'exit') await shutdown();
});

async function shutdown() {
  await boss.stop({ graceful: false, close: true, timeout: 2000 }).catch(() => undefined);
  await db.close().catch(() => undefined);
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('disconnect', shutdown);
process.send({ t: 'ready', settings: { workersPerQueue: WORKERS, batchSize: BATCH, pollingIntervalSeconds: 0.5, max: Number(BENCH_POOL_SIZE ?? 10) } });
