// "bare": the three steps in a plain async function per workflow, started by the same HTTP ingress as the
// peers, with no orchestration state at all (the floor: nothing survives a crash).
import { randomUUID } from 'node:crypto';
import { reportCompletion, serveStarts } from './ingress.js';
import { httpSteps, transactionStore } from './pipeline.js';

const { PROCESSOR_URL, ANALYZER_URL, BENCH_DB_URL, BENCH_POOL_SIZE } = process.env;

const steps = httpSteps(PROCESSOR_URL, ANALYZER_URL);
const db = transactionStore(BENCH_DB_URL, Number(BENCH_POOL_SIZE ?? 10));
await db.setup();

async function pipeline(wid, userId, documentPath) {
  try {
    const extraction = await steps.extract(userId, documentPath, `${wid}:extractDocument:1`);
    const analysis = await steps.analyze(userId, extraction.transactions, `${wid}:analyzeTransactions:1`);
    await db.store(wid, userId, extraction, analysis);
    reportCompletion(wid);
  } catch (error) {
    reportCompletion(wid, 'failed', error);
  }
}

const port = await serveStarts(async ({ userId, documentPath }) => {
  const wid = randomUUID();
  void pipeline(wid, userId, documentPath);
  return { id: wid };
});

process.on('message', async (msg) => {
  if (msg.t === 'exit') {
    await db.close();
    process.exit(0);
  }
});
process.on('SIGTERM', () => db.close().finally(() => process.exit(0)));
process.send({ t: 'ready', url: `http://127.0.0.1:${port}`, settings: { poolSize: Number(BENCH_POOL_SIZE ?? 10) } });
