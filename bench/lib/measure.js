// What a measured window yields: CPU of the contender's database backends and of the machine, the gaps between
// steps seen at the stand-ins, and the per-workflow figures of a run.
import { backendPids } from './pg-admin.js';
import { machineCpuMs, postgresServerPids, processCpuMs } from './proc.js';
import { round, summary } from './stats.js';

/** Tracks the CPU of the backends connected to some databases (sampled every 500 ms, so short-lived ones count). */
export class DbCpuTracker {
  constructor(dbNames, exclude) {
    this.dbNames = dbNames;
    this.exclude = exclude;
    this.base = new Map();
    this.last = new Map();
    this.serverPids = postgresServerPids();
  }
  async sample(into) {
    for (const name of this.dbNames) {
      for (const pid of await backendPids(name)) {
        if (this.exclude.has(pid)) continue;
        const ms = processCpuMs(pid);
        if (ms !== null) into.set(pid, ms);
      }
    }
  }
  serverMs() {
    return this.serverPids.reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);
  }
  async start() {
    await this.sample(this.base);
    this.serverBase = this.serverMs();
    this.timer = setInterval(() => void this.sample(this.last).catch(() => undefined), 500);
  }
  async stop() {
    clearInterval(this.timer);
    await this.sample(this.last);
    let backends = 0;
    for (const [pid, ms] of this.last) backends += ms - (this.base.get(pid) ?? 0);
    return { backendsMs: backends, serverMs: this.serverMs() - this.serverBase, backends: this.last.size };
  }
}

export const NO_DB_CPU = { backendsMs: 0, serverMs: 0, backends: 0 };

/** Machine-wide and per-process CPU over a window, to tell what the bench used from what others did. */
export function cpuWindow(pids) {
  const m0 = machineCpuMs();
  const p0 = pids.map((pid) => processCpuMs(pid) ?? 0);
  const self0 = process.cpuUsage();
  return () => {
    const m1 = machineCpuMs();
    const self = process.cpuUsage(self0);
    return {
      machineBusyMs: m1.busyMs - m0.busyMs,
      machineTotalMs: m1.totalMs - m0.totalMs,
      processesMs: pids.map((pid, i) => (processCpuMs(pid) ?? 0) - p0[i]),
      benchParentMs: (self.user + self.system) / 1000,
    };
  };
}

/** records: [service, workflow id, arrived, answered] from the stand-ins; ends: Map id -> [t0, tEnd]. */
export function gaps(records, ends) {
  const proc = new Map();
  const ana = new Map();
  for (const [service, key, arrived, finished] of records) (service === 'processor' ? proc : ana).set(key, [arrived, finished]);
  const a = [];
  const b = [];
  const c = [];
  for (const [key, [t0, tEnd]] of ends) {
    const p = proc.get(key);
    const q = ana.get(key);
    if (!p || !q) continue;
    a.push(p[0] - t0);
    b.push(q[0] - p[1]);
    c.push(tEnd - q[1]);
  }
  const r = (s) => ({ n: s.n, p50: round(s.p50, 3), p95: round(s.p95, 3), p99: round(s.p99, 3), max: round(s.max, 3) });
  return { startToExtract: r(summary(a)), extractToAnalyze: r(summary(b)), analyzeToDone: r(summary(c)) };
}

const perWf = (x, n) => (x === null || x === undefined ? null : round(x / n, 0));

/** WAL of a window (bench/lib/wal.js) per workflow: the LSN delta (server-wide) and the contender's own records. */
export function walPerWorkflow(wal, n) {
  return { lsnDelta: perWf(wal.lsnDeltaBytes, n), own: perWf(wal.ownBytes, n), fullPageImages: perWf(wal.fullPageImageBytes, n), records: wal.records, inspectedShare: wal.inspectedShare ?? null, inspectMs: wal.inspectMs ?? null };
}

export function figures({ results, n, downstreamRecords, appCpuMs, db, statements, window, commitsPerWorkflow, rowsPerWorkflow, wal, errors, lastError }) {
  const ok = results.filter((r) => r[3] === 'completed');
  const t0 = Math.min(...results.map((r) => r[1]));
  const t1 = Math.max(...ok.map((r) => r[2]));
  const seconds = (t1 - t0) / 1000;
  const lat = summary(ok.map((r) => r[2] - r[1]));
  const ends = new Map(ok.map((r) => [r[0], [r[1], r[2]]]));
  const busy = window.machineBusyMs;
  const attributed = appCpuMs + db.backendsMs + db.serverMs + window.benchParentMs + (window.processesMs[0] ?? 0);
  return {
    workflows: n,
    completed: ok.length,
    errors,
    lastError,
    seconds: round(seconds, 3),
    throughput: round(ok.length / seconds, 1),
    latencyMs: { p50: round(lat.p50, 2), p95: round(lat.p95, 2), p99: round(lat.p99, 2), max: round(lat.max, 2) },
    statementsPerWorkflow: statements === null ? null : round(statements / n, 2),
    commitsPerWorkflow,
    rowsWrittenPerWorkflow: rowsPerWorkflow,
    walBytesPerWorkflow: wal ? walPerWorkflow(wal, n) : null,
    cpuMsPerWorkflow: {
      app: round(appCpuMs / n, 3),
      dbBackends: round(db.backendsMs / n, 3),
      dbServerProcesses: round(db.serverMs / n, 3),
      total: round((appCpuMs + db.backendsMs + db.serverMs) / n, 3),
    },
    gapsMs: gaps(downstreamRecords, ends),
    machine: {
      busyCores: round(busy / (seconds * 1000), 2),
      busyMs: round(busy, 0),
      benchAttributedMs: round(attributed, 0),
      otherLoadMs: round(Math.max(0, busy - attributed), 0),
      downstreamsMs: round(window.processesMs[0] ?? 0, 0),
      benchParentMs: round(window.benchParentMs, 0),
    },
  };
}
