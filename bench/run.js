// npm run bench: ours against a bare loop, pg-boss and DBOS, at three statement sizes. See bench/METHOD.md.
//   node bench/run.js [--quick] [--sizes 5,100,1000] [--n N] [--max-seconds S] [--concurrency 64] [--stores postgres,pglite]
//                     [--contenders ours,bare,pgboss,dbos] [--only throughput,serial,heap,pglite,seeded]
//                     [--latencies 0] [--users 1000] [--parked 10000] [--seeded 100000] [--no-heap] [--no-seeded]
//                     [--pool-size N] [--pgboss-workers 2] [--pgboss-batch 32] [--dbos-serializer json|superjson]
//                     [--cpu-prof] [--sql-profile] [--sql-override FILE] [--keep-db] [--out FILE]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NodeChild, REPO_ROOT } from './lib/child.js';
import { postgresReachable, serverInfo } from './lib/pg-admin.js';
import { Phases } from './lib/phases.js';
import { buildPlan } from './lib/plan.js';
import { renderMarkdown } from './lib/report.js';
import { parsePhase } from './lib/parse-phase.js';

const { values: a } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '5,100,1000' },
    n: { type: 'string' },
    'max-seconds': { type: 'string' },
    concurrency: { type: 'string', default: '64' },
    stores: { type: 'string' },
    store: { type: 'string' },
    contenders: { type: 'string', default: 'bare,pgboss,dbos,ours' },
    only: { type: 'string' },
    latencies: { type: 'string', default: '0' },
    users: { type: 'string', default: '1000' },
    parked: { type: 'string' },
    seeded: { type: 'string' },
    'no-heap': { type: 'boolean', default: false },
    'no-seeded': { type: 'boolean', default: false },
    'pool-size': { type: 'string' },
    'pgboss-workers': { type: 'string', default: '2' },
    'pgboss-batch': { type: 'string', default: '32' },
    'dbos-serializer': { type: 'string', default: 'json' },
    'cpu-prof': { type: 'boolean', default: false },
    'sql-profile': { type: 'boolean', default: false },
    'sql-override': { type: 'string' },
    'keep-db': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});

// `--only parse`: parse time of every format at 20,000 and 200,000 rows (issue 10), alone: it needs no database and
// takes minutes of its own, so the default run leaves it out and keeps the recorded section of RESULTS.json.
if (a.only === 'parse') {
  const parse = parsePhase(console.log);
  const resultsPath = resolve(REPO_ROOT, 'bench/RESULTS.json');
  const recorded = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : null;
  if (recorded?.runs) {
    recorded.parse = parse;
    writeFileSync(resultsPath, JSON.stringify(recorded, null, 2) + '\n');
    writeFileSync(resolve(REPO_ROOT, 'bench/RESULTS.md'), renderMarkdown(recorded));
  } else writeFileSync(resolve(REPO_ROOT, 'bench/PARSE.json'), JSON.stringify(parse, null, 2) + '\n');
  console.log(`parse phase done in ${parse.durationSeconds} s`);
  process.exit(0);
}

const started = Date.now();
// `npm run bench` (the build, ~15 s, then this) must end inside 10 minutes: a phase starts only if it is expected
// to end by then, expected from the longest phase of that contender and size so far (else 60 s).
const BUDGET_MS = 9.25 * 60_000;
const log = (msg) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${msg}`);
const list = (s, f = (x) => x) => s.split(',').map((x) => f(x.trim())).filter((x) => x !== '');

const quick = a.quick;
const o = {
  quick,
  sizes: list(a.sizes, Number),
  n: a.n ? Number(a.n) : undefined,
  maxSeconds: a['max-seconds'] ? Number(a['max-seconds']) : undefined,
  concurrency: Number(a.concurrency),
  contenders: list(a.contenders),
  only: a.only ? list(a.only) : undefined,
  latencies: list(a.latencies, Number),
  users: Number(a.users),
  parked: a['no-heap'] ? 0 : Number(a.parked ?? (quick ? 500 : 10000)),
  seeded: a['no-seeded'] ? 0 : Number(a.seeded ?? (quick ? 5000 : 100000)),
  cpuProf: a['cpu-prof'],
};
const opts = {
  users: o.users,
  poolSize: a['pool-size'] ? Number(a['pool-size']) : undefined,
  pgbossWorkers: Number(a['pgboss-workers']),
  pgbossBatch: Number(a['pgboss-batch']),
  dbosSerializer: a['dbos-serializer'],
  sqlProfile: a['sql-profile'],
  keepDb: a['keep-db'],
  sqlOverride: a['sql-override'] ? resolve(a['sql-override']) : undefined,
};
const ints = [o.concurrency, o.users, o.parked, o.seeded, ...o.sizes, ...(o.n ? [o.n] : [])];
if (!ints.every((x) => Number.isInteger(x) && x >= 0) || o.concurrency < 1 || o.users < 1 || (o.n !== undefined && o.n < 1)) {
  console.error('--sizes, --n, --concurrency, --users, --parked, --seeded must be non-negative integers (n, concurrency, users >= 1)');
  process.exit(2);
}

const pgVersion = await postgresReachable();
o.stores = list(a.stores ?? a.store ?? (pgVersion ? 'postgres,pglite' : 'pglite')).map((s) => (s === 'embedded' ? 'pglite' : s));
if (o.stores.includes('postgres') && !pgVersion) {
  console.error('--stores postgres: no PostgreSQL answers (set BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432)');
  process.exit(2);
}

const tag = `cf_bench_${Date.now().toString(36)}${process.pid.toString(36)}`;
const resultsDir = resolve(REPO_ROOT, 'bench/results');
const logDir = join(resultsDir, 'logs', tag);
mkdirSync(logDir, { recursive: true });
const command = `npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`;
const plan = buildPlan(o);
log(`${command}: stores=${o.stores} sizes=${o.sizes} concurrency=${o.concurrency},1 contenders=${o.contenders} users=${o.users}; ${plan.length} phases (logs: ${logDir})`);

const downstreams = new NodeChild('downstreams', resolve(REPO_ROOT, 'bench/lib/downstreams.js'), { logDir });
const ready = await downstreams.message('ready', 30_000);
const phases = new Phases({ tag, downstreams: { child: downstreams, processorUrl: ready.processorUrl, analyzerUrl: ready.analyzerUrl }, logDir, opts, log });

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
const describe = (r) => (r.throughput !== undefined
  ? `${r.throughput} wf/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, ${r.statementsPerWorkflow} stmts/wf, ${r.commitsPerWorkflow} commits/wf, ${r.rowsWrittenPerWorkflow} rows/wf, WAL ${r.walBytesPerWorkflow?.own ?? r.walBytesPerWorkflow?.lsnDelta ?? 'n/a'} B/wf, cpu ${r.cpuMsPerWorkflow.total} ms/wf, hand-off p99 ${r.gapsMs.extractToAnalyze.p99} ms, ${r.seconds} s, errors ${r.errors}`
  : `${r.heapBytesPerWaiting} heap bytes per waiting workflow (${r.parkedConfirmed} parked in ${r.parkSeconds} s)`);

const failed = [];
const phaseSeconds = new Map(); // contender:size -> longest phase so far
const expectedSeconds = (step) => (phaseSeconds.get(`${step.args.contender ?? 'heap'}:${step.args.size}`) ?? 60) +
  (step.args.store === 'pglite' && !phases.pgliteTemplate ? 60 : 0) + (step.args.seed ? 60 : 0); // template, seeding

try {
  for (const step of plan) {
    if (interrupted) break;
    if (Date.now() - started + expectedSeconds(step) * 1000 > BUDGET_MS) {
      skipped.push(`${step.name}: time budget spent (expected ${expectedSeconds(step)} s)`);
      log(`skip ${step.name}: time budget spent (expected ${expectedSeconds(step)} s)`);
      continue;
    }
    const t0 = Date.now();
    log(`${step.name} (at most ${step.args.loads?.map((l) => `${l.n} in ${l.maxSeconds} s`).join(' then ') ?? step.args.parked})...`);
    try {
      const results = step.kind === 'heap' ? [{ ...(await phases.heap(step.args)), group: 'heap' }] : await phases.cell(step.args);
      const seconds = Math.round((Date.now() - t0) / 100) / 10;
      const key = `${step.args.contender ?? 'heap'}:${step.args.size}`;
      phaseSeconds.set(key, Math.max(phaseSeconds.get(key) ?? 0, Math.ceil(seconds)));
      for (const result of results) {
        result.phaseSeconds = seconds;
        runs.push(result);
        log(`  ${result.concurrency ? `c${result.concurrency}: ` : ''}${describe(result)}`);
      }
      log(`  [phase ${seconds} s]`);
    } catch (error) {
      failed.push(step.name);
      skipped.push(`${step.name}: ${error.message}`);
      log(`  ${step.name} FAILED: ${error.stack ?? error}`);
    }
  }
} finally {
  await phases.cleanup();
  await phases.removeTempDirs();
  downstreams.send({ t: 'exit' });
}

const report = {
  date: new Date().toISOString(),
  command,
  durationSeconds: Math.round((Date.now() - started) / 1000),
  machine: { cores: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  postgres: o.stores.includes('postgres') ? await serverInfo() : null,
  options: { ...o, ...opts },
  runs,
  skipped,
};

mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'latest.json'), JSON.stringify(report, null, 2));
const official = !quick && !a.out && !o.only;
// The parse phase is recorded by its own run (`--only parse`): an official run keeps its last figures.
const recordedResults = resolve(REPO_ROOT, 'bench/RESULTS.json');
if (official && existsSync(recordedResults)) report.parse = JSON.parse(readFileSync(recordedResults, 'utf8')).parse ?? null;
const markdown = renderMarkdown(report);
const mdPath = a.out ? resolve(a.out) : official ? resolve(REPO_ROOT, 'bench/RESULTS.md') : join(resultsDir, 'quick.md');
writeFileSync(mdPath, markdown);
if (official) writeFileSync(resolve(REPO_ROOT, 'bench/RESULTS.json'), JSON.stringify(report, null, 2) + '\n');
log(`wrote ${mdPath}${official ? ' and bench/RESULTS.json' : ''} (and bench/results/latest.json) in ${report.durationSeconds} s`);
// Phases left out for time are listed in the report; only a phase that failed fails the run.
process.exit(failed.length ? 1 : 0);
