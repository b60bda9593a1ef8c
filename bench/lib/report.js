// bench/RESULTS.md from a run's JSON: the tables, the targets of issue 12, how each figure is measured
// (bench/METHOD.md), then bench/ANALYSIS.md.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './child.js';
import { renderParseMarkdown } from './parse-phase.js';

const NAMES = { ours: 'ours (orchestrator)', bare: 'bare loop', pgboss: 'pg-boss', dbos: 'DBOS' };
const ORDER = ['ours', 'dbos', 'pgboss', 'bare'];
const f = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : Number(x).toFixed(d));
const kb = (bytes) => (bytes === null || bytes === undefined ? 'n/a' : bytes >= 10_240 ? `${f(bytes / 1024, 0)} KiB` : `${f(bytes, 0)} B`);
const wal = (r) => r.walBytesPerWorkflow?.own ?? r.walBytesPerWorkflow?.lsnDelta ?? null;
const isCell = (r) => r.throughput !== undefined;

function find(report, { contender, store = 'postgres', size, concurrency = report.options.concurrency }) {
  return report.runs.find((r) => isCell(r) && r.contender === contender && r.store === store && r.size === size &&
    r.concurrency === concurrency && !r.seeded && (r.downstreamLatencyMs ?? 0) === report.options.latencies[0]);
}

export function targets(report) {
  const rows = [];
  const row = (target, measured, met) => rows.push({ target, measured, met });
  const { sizes } = report.options;
  for (const size of sizes) {
    const ours = find(report, { contender: 'ours', size });
    for (const peer of ['dbos', 'pgboss']) {
      const p = find(report, { contender: peer, size });
      if (ours && p) row(`${size} transactions: ours >= ${NAMES[peer]} in workflows/s`, `${f(ours.throughput / p.throughput, 2)}x (${ours.throughput} vs ${p.throughput} wf/s)`, ours.throughput >= p.throughput);
    }
  }
  for (const [size, share] of [[5, 0.6], [1000, 0.8]]) {
    const ours = find(report, { contender: 'ours', size });
    const bare = find(report, { contender: 'bare', size });
    if (ours && bare) row(`${size} transactions: ours >= ${share} x bare`, `${f(ours.throughput / bare.throughput, 2)} x (${ours.throughput} vs ${bare.throughput} wf/s)`, ours.throughput >= share * bare.throughput);
  }
  for (const size of sizes.filter((s) => s !== 5 && s !== 1000)) {
    const ours = find(report, { contender: 'ours', size });
    const bare = find(report, { contender: 'bare', size });
    if (ours && bare) row(`(info) ${size} transactions: ours / bare`, `${f(ours.throughput / bare.throughput, 2)} x`, null);
  }
  for (const size of sizes) {
    const ours = find(report, { contender: 'ours', size, store: 'pglite' });
    const bare = find(report, { contender: 'bare', size, store: 'pglite' });
    if (ours && bare) row(`(info) PGlite, ${size} transactions: ours / bare`, `${f(ours.throughput / bare.throughput, 2)} x (${ours.throughput} vs ${bare.throughput} wf/s)`, null);
  }
  const big = Math.max(...sizes);
  const oursBig = find(report, { contender: 'ours', size: big });
  const bareBig = find(report, { contender: 'bare', size: big });
  if (oursBig && bareBig && wal(oursBig) !== null && wal(bareBig) !== null) {
    row(`WAL bytes per workflow at ${big} transactions <= 2 x bare's`, `${f(wal(oursBig) / wal(bareBig), 2)} x (${kb(wal(oursBig))} vs ${kb(wal(bareBig))})`, wal(oursBig) <= 2 * wal(bareBig));
  }
  const small = Math.min(...sizes);
  const oursSmall = find(report, { contender: 'ours', size: small });
  if (oursSmall?.storedBytes?.snapshot && oursBig?.storedBytes?.snapshot && big !== small) {
    const ratio = oursBig.storedBytes.snapshot / oursSmall.storedBytes.snapshot;
    row(`snapshot bytes independent of statement size (${big} vs ${small} transactions, within 10 %)`, `${kb(oursBig.storedBytes.snapshot)} vs ${kb(oursSmall.storedBytes.snapshot)} (${f(ratio, 2)} x)`, ratio <= 1.1);
  }
  const heap = report.runs.find((r) => r.heapBytesPerWaiting !== undefined);
  if (heap) row('heap per waiting workflow <= 10 KB', `${f(heap.heapBytesPerWaiting / 1024, 2)} KB (${heap.parkedConfirmed} parked)`, heap.heapBytesPerWaiting <= 10 * 1024);
  for (const size of sizes) {
    const ours = find(report, { contender: 'ours', size, concurrency: 1 });
    const bare = find(report, { contender: 'bare', size, concurrency: 1 });
    if (ours) {
      const g = ours.gapsMs.extractToAnalyze;
      row(`${size} transactions: p99 hand-off (extract answered -> analyze called) <= 5 ms at concurrency 1`, `${f(g.p99, 2)} ms (p50 ${f(g.p50, 2)}; bare p99 ${f(bare?.gapsMs.extractToAnalyze.p99, 2)} ms)`, g.p99 <= 5);
    }
  }
  const seeded = report.runs.find((r) => isCell(r) && r.seeded > 0);
  const empty = seeded && find(report, { contender: 'ours', size: seeded.size });
  if (seeded && empty) row(`(issue 5) ${seeded.seeded.toLocaleString('en')} finished workflows in the tables >= 90 % of empty`, `${f((100 * seeded.throughput) / empty.throughput, 0)} % (${seeded.throughput} vs ${empty.throughput} wf/s)`, seeded.throughput >= 0.9 * empty.throughput);
  return rows;
}

function cellTables(out, runs, title) {
  if (!runs.length) return;
  out.push(`## ${title}`, '');
  out.push('| size | contender | n | wf/s | / bare | latency p50 / p99 (ms) | SQL stmts / wf | write commits / wf | rows written / wf | WAL / wf: own (LSN delta) | CPU ms / wf: app + db backends + pg server = total | errors |');
  out.push('|---:|---|---:|---:|---:|---|---:|---:|---:|---|---|---:|');
  const sizes = [...new Set(runs.map((r) => r.size))].sort((x, y) => x - y);
  for (const size of sizes) {
    const at = runs.filter((r) => r.size === size).sort((x, y) => ORDER.indexOf(x.contender) - ORDER.indexOf(y.contender) || (x.seeded ?? 0) - (y.seeded ?? 0));
    const bare = at.find((r) => r.contender === 'bare' && !r.seeded);
    for (const r of at) {
      const c = r.cpuMsPerWorkflow;
      const w = r.walBytesPerWorkflow;
      const name = `${NAMES[r.contender]}${r.seeded ? `, ${r.seeded.toLocaleString('en')} finished in tables` : ''}`;
      out.push(`| ${size} | ${name} | ${r.workflows} | ${f(r.throughput)} | ${bare ? f(r.throughput / bare.throughput, 2) : 'n/a'} | ${f(r.latencyMs.p50)} / ${f(r.latencyMs.p99)} | ${f(r.statementsPerWorkflow, 2)} | ${f(r.commitsPerWorkflow, 2)} | ${f(r.rowsWrittenPerWorkflow, 1)} | ${w ? `${kb(w.own)} (${kb(w.lsnDelta)})` : 'n/a'} | ${f(c.app, 2)} + ${f(c.dbBackends, 2)} + ${f(c.dbServerProcesses, 2)} = ${f(c.total, 2)} | ${r.errors} |`);
    }
  }
  out.push('', 'Gaps between steps, p50 / p99 in ms (measured at the stand-ins; see "How" below):', '');
  out.push('| size | contender | start -> extract called | extract answered -> analyze called | analyze answered -> stored and completed |');
  out.push('|---:|---|---|---|---|');
  for (const size of sizes) {
    for (const r of runs.filter((x) => x.size === size).sort((x, y) => ORDER.indexOf(x.contender) - ORDER.indexOf(y.contender))) {
      const g = r.gapsMs;
      const s = (x) => `${f(x.p50, 2)} / ${f(x.p99, 2)}`;
      out.push(`| ${size} | ${NAMES[r.contender]}${r.seeded ? ', seeded' : ''} | ${s(g.startToExtract)} | ${s(g.extractToAnalyze)} | ${s(g.analyzeToDone)} |`);
    }
  }
  out.push('');
}

export function renderMarkdown(report) {
  const out = [];
  const { machine, postgres, options } = report;
  out.push('# Benchmark results: ours against a bare loop, pg-boss and DBOS, at three statement sizes', '');
  out.push(`Generated by \`${report.command}\` on ${report.date} in ${report.durationSeconds} s. Re-run it to refresh this file and \`bench/RESULTS.json\`.`, '');
  out.push(`- Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB; Node ${machine.node}`);
  if (postgres) out.push(`- PostgreSQL: ${postgres.version.split(' on ')[0]}; shared_buffers ${postgres.shared_buffers}, synchronous_commit ${postgres.synchronous_commit}, fsync ${postgres.fsync}, autovacuum ${postgres.autovacuum}, pg_stat_statements ${postgres.pg_stat_statements_loaded ? 'loaded' : 'not loaded'}`);
  out.push(`- Statement sizes ${options.sizes.join(', ')} transactions; concurrency ${options.concurrency} and 1; stores ${options.stores.join(' and ')}; workflows spread over ${options.users.toLocaleString('en')} user ids; downstreams answering in ${options.latencies.join(' and ')} ms; pool size ${options.poolSize ?? 10} per pool`);
  out.push('- Per-user limits off for every contender: ours runs with `RATE_LIMIT_PER_MINUTE=0` (the peers have none); `SSE_MAX_STREAMS` is left at its default, as the bench opens no event stream.');
  const others = report.runs.filter((r) => r.machine).map((r) => r.machine.otherLoadMs / Math.max(1, r.seconds * 1000));
  if (others.length) out.push(`- Other load on the machine during the measured windows (busy CPU not attributable to the bench's processes, in cores): up to ${f(Math.max(...others), 2)}; per run in RESULTS.json (\`machine.otherLoadMs\`)`);
  out.push('');

  if (report.parse) out.push(renderParseMarkdown(report.parse));

  out.push('## Targets (issue 12; measured in this run, not asserted)', '');
  out.push('| target | measured | met |', '|---|---|---|');
  for (const t of targets(report)) out.push(`| ${t.target} | ${t.measured} | ${t.met === null ? '-' : t.met ? 'yes' : '**no**'} |`);
  out.push('');
  if (report.skipped.length) out.push('Skipped or failed: ' + report.skipped.map((s) => `\`${s}\``).join('; '), '');

  const cells = report.runs.filter(isCell);
  for (const latencyMs of options.latencies) {
    const at = cells.filter((r) => (r.downstreamLatencyMs ?? 0) === latencyMs);
    const l = latencyMs ? `, downstreams answering in ${latencyMs} ms` : '';
    cellTables(out, at.filter((r) => r.store === 'postgres' && r.concurrency !== 1), `PostgreSQL, concurrency ${options.concurrency}${l}`);
    cellTables(out, at.filter((r) => r.store === 'postgres' && r.concurrency === 1), `PostgreSQL, one workflow at a time (concurrency 1)${l}`);
    cellTables(out, at.filter((r) => r.store === 'pglite' && r.concurrency !== 1), `PGlite (embedded), concurrency ${options.concurrency}${l}`);
    cellTables(out, at.filter((r) => r.store === 'pglite' && r.concurrency === 1), `PGlite (embedded), concurrency 1${l}`);
  }

  const stored = cells.filter((r) => r.storedBytes);
  if (stored.length) {
    out.push('## What a finished workflow of ours keeps in its row', '');
    out.push('| size | store | concurrency | snapshot (text / stored) | results (text / stored) |', '|---:|---|---:|---|---|');
    for (const r of stored) out.push(`| ${r.size} | ${r.store} | ${r.concurrency} | ${kb(r.storedBytes.snapshot)} / ${kb(r.storedBytes.snapshot_stored)} | ${kb(r.storedBytes.results)} / ${kb(r.storedBytes.results_stored)} |`);
    out.push('');
  }
  const heap = report.runs.find((r) => r.heapBytesPerWaiting !== undefined);
  if (heap) {
    out.push('## Memory per waiting workflow', '');
    out.push(`${heap.parkedConfirmed.toLocaleString('en')} workflows parked in a retry wait (stand-ins answering 503 with \`Retry-After: 3600\`) in ${heap.parkSeconds} s${heap.waitingInAll ? ` (${heap.waitingInAll.toLocaleString('en')} waiting with the warm-up's)` : ''}: heapUsed after full GCs went from ${f(heap.heapUsedBefore / 2 ** 20, 1)} MiB to ${f(heap.heapUsedAfter / 2 ** 20, 1)} MiB, **${heap.heapBytesPerWaiting} bytes per waiting workflow** (RSS: ${heap.rssBytesPerWaiting} bytes each; external: ${heap.externalBytesPerWaiting}).`, '');
  }
  const seeded = cells.find((r) => r.seeded > 0);
  if (seeded?.seedInfo) {
    out.push('## Finished workflows already in the tables', '');
    const s = seeded.seedInfo;
    out.push(`Seeded ${s.workflows.toLocaleString('en')} workflows, ${s.events.toLocaleString('en')} history events, ${s.tasks.toLocaleString('en')} step tasks and ${s.transactions.toLocaleString('en')} transactions (${f(s.bytes / 2 ** 20, 0)} MiB) in ${f(s.seededMs / 1000, 1)} s, then VACUUM ANALYZE, CHECKPOINT and sync; throughput in the PostgreSQL table above.`, '');
  }

  out.push(readFileSync(resolve(REPO_ROOT, 'bench/METHOD.md'), 'utf8').trim(), '');
  const analysis = resolve(REPO_ROOT, 'bench/ANALYSIS.md');
  if (existsSync(analysis)) out.push(readFileSync(analysis, 'utf8').trim(), '');
  return out.join('\n');
}
