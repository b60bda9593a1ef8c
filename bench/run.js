// npm run bench: what orchestration costs, against a bare loop and pg-boss. See bench/RESULTS.md.
//   node bench/run.js [--n 2000] [--concurrency 64] [--store postgres|embedded] [--quick]
//                     [--latencies 0,20] [--parked 10000] [--seeded 100000] [--contenders ours,bare,pgboss]
//                     [--pool-size N] [--pgboss-workers 2] [--pgboss-batch 32] [--cpu-prof] [--no-heap] [--no-seeded]
//                     [--sql-profile] [--sql-override FILE] [--keep-db]   (diagnostics: see bench/ANALYSIS.md)
//   node bench/run.js --only parse   (the parse phase alone: updates its part of RESULTS.json and RESULTS.md)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NodeChild, REPO_ROOT } from './lib/child.js';
import { postgresReachable, serverInfo } from './lib/pg-admin.js';
import { parsePhase } from './lib/parse-phase.js';
import { Phases } from './lib/phases.js';
import { renderMarkdown } from './lib/report.js';

const { values: a } = parseArgs({
  options: {
    n: { type: 'string' },
    concurrency: { type: 'string', default: '64' },
    store: { type: 'string' },
    quick: { type: 'boolean', default: false },
    latencies: { type: 'string', default: '0,20' },
    parked: { type: 'string' },
    seeded: { type: 'string' },
    contenders: { type: 'string', default: 'bare,pgboss,ours' },
    'pool-size': { type: 'string' },
    'pgboss-workers': { type: 'string', default: '2' },
    'pgboss-batch': { type: 'string', default: '32' },
    'cpu-prof': { type: 'boolean', default: false },
    'sql-profile': { type: 'boolean', default: false },
    'keep-db': { type: 'boolean', default: false },
    'sql-override': { type: 'string' },
    'no-heap': { type: 'boolean', default: false },
    'no-seeded': { type: 'boolean', default: false },
    out: { type: 'string' },
    only: { type: 'string' },
  },
});

if (a.only !== undefined) {
  if (a.only !== 'parse') {
    console.error('--only: the only phase that runs alone is "parse"');
    process.exit(2);
  }
  // The parse phase needs no database or stand-ins: it refreshes its own part of the recorded results.
  const parse = parsePhase(console.log);
  const resultsPath = resolve(REPO_ROOT, 'bench/RESULTS.json');
  const report = JSON.parse(readFileSync(resultsPath, 'utf8'));
  report.parse = parse;
  writeFileSync(resultsPath, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(resolve(REPO_ROOT, 'bench/RESULTS.md'), renderMarkdown(report));
  console.log(`wrote the parse phase into bench/RESULTS.json and bench/RESULTS.md in ${parse.durationSeconds} s`);
  process.exit(0);
}

const started = Date.now();
const BUDGET_MS = 9.5 * 60_000; // the whole bench stops itself well inside 10 minutes
const log = (msg) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${msg}`);

const quick = a.quick;
const n = Number(a.n ?? (quick ? 300 : 2000));
const concurrency = Number(a.concurrency);
const opts = {
  n,
  concurrency,
  warmup: Math.min(200, Math.max(20, Math.round(n / 10))),
  poolSize: a['pool-size'] ? Number(a['pool-size']) : undefined,
  pgbossWorkers: Number(a['pgboss-workers']),
  pgbossBatch: Number(a['pgboss-batch']),
  sqlProfile: a['sql-profile'],
  keepDb: a['keep-db'],
  sqlOverride: a['sql-override'] ? resolve(a['sql-override']) : undefined,
};
const parked = Number(a.parked ?? (quick ? 1000 : 10000));
const seeded = Number(a.seeded ?? (quick ? 10000 : 100000));
const latencies = a.latencies.split(',').map(Number);
const contenders = a.contenders.split(',');
if (![n, concurrency, parked, seeded].every((x) => Number.isInteger(x) && x >= 0) || n < 1 || concurrency < 1) {
  console.error('--n, --concurrency, --parked, --seeded must be positive integers');
  process.exit(2);
}

const pgVersion = await postgresReachable();
const store = a.store ?? (pgVersion ? 'postgres' : 'embedded');
if (store === 'postgres' && !pgVersion) {
  console.error('--store postgres: no PostgreSQL answers (set BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432)');
  process.exit(2);
}

const tag = `cf_bench_${Date.now().toString(36)}${process.pid.toString(36)}`;
const resultsDir = resolve(REPO_ROOT, 'bench/results');
const logDir = join(resultsDir, 'logs', tag);
mkdirSync(logDir, { recursive: true });
const command = `npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`;
log(`${command}: store=${store} n=${n} concurrency=${concurrency} latencies=${latencies} parked=${parked} seeded=${seeded} (logs: ${logDir})`);

const downstreams = new NodeChild('downstreams', resolve(REPO_ROOT, 'bench/lib/downstreams.js'), { logDir });
const ready = await downstreams.message('ready', 30_000);
const phases = new Phases({ tag, downstreams: { child: downstreams, processorUrl: ready.processorUrl, analyzerUrl: ready.analyzerUrl }, logDir, store, opts, log });

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    interrupted = true;
    log(`${signal}: cleaning up`);
    await phases.cleanup().catch(() => undefined);
    downstreams.send({ t: 'exit' });
    process.exit(130);
  });
}

const runs = [];
const skipped = [];
const overBudget = () => Date.now() - started > BUDGET_MS;

async function phase(name, fn) {
  if (interrupted) return;
  if (overBudget()) {
    skipped.push(`${name}: time budget spent`);
    log(`skip ${name}: time budget spent`);
    return;
  }
  log(`${name}...`);
  try {
    const result = await fn();
    runs.push(result);
    const line = result.throughput !== undefined
      ? `${result.throughput} wf/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, ${result.statementsPerWorkflow} stmts/wf, ${result.commitsPerWorkflow} commits/wf, cpu ${result.cpuMsPerWorkflow.total} ms/wf, gap B p99 ${result.gapsMs.extractToAnalyze.p99} ms, errors ${result.errors}`
      : `${result.heapBytesPerWaiting} heap bytes per waiting workflow (${result.parkedConfirmed} parked in ${result.parkSeconds} s)`;
    log(`  ${name}: ${line}`);
  } catch (error) {
    skipped.push(`${name}: ${error.message}`);
    log(`  ${name} FAILED: ${error.stack ?? error}`);
  }
}

const has = (c) => contenders.includes(c);
try {
  const contendersAt = async (latencyMs) => {
    if (has('bare')) await phase(`bare, ${latencyMs} ms downstreams`, () => phases.worker({ contender: 'bare', latencyMs }));
    if (has('pgboss')) {
      if (store === 'postgres') await phase(`pg-boss, ${latencyMs} ms downstreams`, () => phases.worker({ contender: 'pgboss', latencyMs }));
      else skipped.push('pg-boss: needs a PostgreSQL server (--store postgres)');
    }
    if (has('ours')) {
      const first = latencyMs === latencies[0];
      await phase(`ours, ${latencyMs} ms downstreams`, () => phases.ours({ latencyMs, keepTemplate: first, cpuProf: a['cpu-prof'] && first }));
      if (first && seeded > 0 && !a['no-seeded']) {
        if (store === 'postgres') {
          await phase(`ours, ${latencyMs} ms downstreams, ${seeded} finished workflows in the tables`, () => phases.ours({ latencyMs, label: `ours_l${latencyMs}_seeded`, seed: seeded }));
        } else skipped.push('seeded run: only on --store postgres (the bench seeds with SQL from outside the process)');
      }
    }
  };
  await contendersAt(latencies[0]);
  // The hand-off cost itself, without queueing: one workflow at a time.
  const serial = { n: quick ? 50 : 200, concurrency: 1, warmup: 20 };
  if (has('bare')) await phase('bare, one at a time', () => phases.worker({ contender: 'bare', latencyMs: latencies[0], label: `bare_l${latencies[0]}_c1`, load: serial }));
  if (has('ours')) await phase('ours, one at a time', () => phases.ours({ latencyMs: latencies[0], label: `ours_l${latencies[0]}_c1`, load: serial }));
  if (has('ours') && parked > 0 && !a['no-heap']) await phase(`ours, ${parked} workflows parked in a retry wait`, () => phases.heap({ parked }));
  for (const latencyMs of latencies.slice(1)) await contendersAt(latencyMs);
} finally {
  await phases.cleanup();
  await phases.removeTempDirs();
  downstreams.send({ t: 'exit' });
}

let parse = null;
if (!interrupted && !overBudget()) {
  log('parse phase...');
  parse = parsePhase(log);
} else skipped.push('parse: time budget spent');

const report = {
  date: new Date().toISOString(),
  command,
  durationSeconds: Math.round((Date.now() - started) / 1000),
  machine: { cores: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  postgres: store === 'postgres' ? await serverInfo() : null,
  options: { store, ...opts, latencies, parked, seeded, contenders },
  runs,
  skipped,
  parse,
};

mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(report, null, 2));
const markdown = renderMarkdown(report);
const official = !quick && !a.out;
const mdPath = a.out ? resolve(a.out) : official ? resolve(REPO_ROOT, 'bench/RESULTS.md') : join(resultsDir, 'quick.md');
writeFileSync(mdPath, markdown);
if (official) writeFileSync(resolve(REPO_ROOT, 'bench/RESULTS.json'), JSON.stringify(report, null, 2) + '\n');
log(`wrote ${mdPath}${official ? ' and bench/RESULTS.json' : ''} (and bench/results/latest.json) in ${report.durationSeconds} s`);
process.exit(skipped.some((s) => !s.startsWith('pg-boss: needs') && !s.startsWith('seeded run: only')) ? 1 : 0);
