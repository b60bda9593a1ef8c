// "bare": the three steps in a plain async loop, `concurrency` lanes, no orchestration state (the floor).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { httpSteps, transactionStore } from './pipeline.js';

const now = () => performance.timeOrigin + performance.now();
const { PROCESSOR_URL, ANALYZER_URL, BENCH_DB_URL, BENCH_POOL_SIZE } = process.env;

const steps = httpSteps(PROCESSOR_URL, ANALYZER_URL);
const db = transactionStore(BENCH_DB_URL, Number(BENCH_POOL_SIZE ?? 10));
await db.setup();

async function run({ n, concurrency, keyPrefix }) {
  const results = [];
  let next = 0;
  let errors = 0;
  let lastError = null;
  async function lane() {
    while (next < n) {
      const i = next++;
      const key = `${keyPrefix}-${i}`;
      const wid = randomUUID();
      const t0 = now();
      try {
        const extraction = await steps.extract(key, `bench/${key}.csv`, `${wid}:extractDocument:1`);
        const analysis = await steps.analyze(key, extraction.transactions, `${wid}:analyzeTransactions:1`);
        await db.store(wid, key, extraction, analysis);
        results.push([key, t0, now()]);
      } catch (error) {
        errors++;
        lastError = String(error);
      }
    }
  }
  const tStart = now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { results, errors, lastError, tStart, tEnd: now() };
}

process.on('message', async (msg) => {
  if (msg.t === 'run') process.send({ t: 'done', ...(await run(msg)) });
  if (msg.t === 'exit') {
    await db.close();
    process.exit(0);
  }
});
process.on('SIGTERM', () => db.close().finally(() => process.exit(0)));
process.send({ t: 'ready' });
