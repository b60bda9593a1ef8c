// One measured phase per contender: start what it needs on a fresh database, warm up, measure, tear down.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { NodeChild, REPO_ROOT, startOrchestrator } from './child.js';
import { driveOurs, openObserver } from './drive-ours.js';
import { alterDatabase, backendPids, createDatabase, databaseStats, dbUrl, dropDatabase, functionStats } from './pg-admin.js';
import { machineCpuMs, postgresServerPids, processCpuMs } from './proc.js';
import { readTemplate, seedFinished } from './seed.js';
import { round, summary } from './stats.js';

const now = () => performance.timeOrigin + performance.now();

/** Tracks the CPU of a database's backends (sampled every 500 ms, so short-lived ones are caught too). */
class DbCpuTracker {
  constructor(dbName, exclude) {
    this.dbName = dbName;
    this.exclude = exclude;
    this.base = new Map();
    this.last = new Map();
    this.serverPids = postgresServerPids();
  }
  async sample(into) {
    for (const pid of await backendPids(this.dbName)) {
      if (this.exclude.has(pid)) continue;
      const ms = processCpuMs(pid);
      if (ms !== null) into.set(pid, ms);
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

/** Machine-wide and per-process CPU over a window, to tell what the bench used from what others did. */
function cpuWindow(pids) {
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

function gaps(records, ends) {
  // records: [service, key, arrived, finished]; ends: Map key -> [t0, tEnd]
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

function figures({ results, n, downstreamRecords, appCpuMs, db, statements, window, commitsPerWorkflow, rowsPerWorkflow, errors, lastError }) {
  const ok = results.filter((r) => r[3] === undefined || r[3] === 'completed');
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

export class Phases {
  constructor({ tag, downstreams, logDir, store, opts, log }) {
    Object.assign(this, { tag, downstreams, logDir, store, opts, log });
    this.databases = new Set();
    this.template = null;
  }

  async freshDb(suffix) {
    const name = `${this.tag}_${suffix}`;
    await createDatabase(name);
    this.databases.add(name);
    return name;
  }

  async dropDb(name) {
    if (this.opts.keepDb) return this.log(`  kept database ${name} (--keep-db): drop it yourself`);
    await dropDatabase(name).catch((error) => this.log(`  could not drop ${name}: ${error.message}`));
    this.databases.delete(name);
  }

  async cleanup() {
    if (this.opts.keepDb) return;
    for (const name of [...this.databases]) await this.dropDb(name);
  }

  orchestratorEnv(extra) {
    return {
      DOCUMENT_PROCESSOR_URL: this.downstreams.processorUrl,
      TRANSACTION_ANALYZER_URL: this.downstreams.analyzerUrl,
      ...(this.opts.poolSize ? { DATABASE_POOL_SIZE: String(this.opts.poolSize) } : {}),
      ...extra,
    };
  }

  async dataDir() {
    const dir = await mkdtemp(join(tmpdir(), 'cf-bench-data-'));
    (this.tempDirs ??= []).push(dir);
    return dir;
  }

  async drainDownstreams() {
    return (await this.downstreams.child.request({ t: 'drain' })).records;
  }

  async configureDownstreams(latencyMs, mode = 'ok') {
    await this.downstreams.child.request({ t: 'config', latencyMs, mode });
  }

  /** ours: the built orchestrator process, on Postgres (fresh database) or embedded (fresh data dir). */
  async ours({ latencyMs, label = `ours_l${latencyMs}`, seed = 0, keepTemplate = false, cpuProf = false, load = {} }) {
    const { n, concurrency, warmup } = { ...this.opts, ...load };
    await this.configureDownstreams(latencyMs);
    const embedded = this.store === 'embedded';
    let db = null;
    let env;
    let seedInfo = null;
    if (embedded) {
      env = this.orchestratorEnv({ DATA_DIR: await this.dataDir() });
    } else {
      db = await this.freshDb(label);
      if (this.opts.sqlProfile) await alterDatabase(db, `set track_functions = 'all'`);
      env = this.orchestratorEnv({ DATABASE_URL: dbUrl(db), DATA_DIR: await this.dataDir() });
    }
    if (seed > 0) {
      // Migrate with a first start, seed while nothing runs, then measure on a fresh process.
      const migrate = await startOrchestrator({ env, logDir: this.logDir, name: `${label}-migrate` });
      await migrate.stop();
      if (!this.template) throw new Error('no template workflow to seed from (run ours on an empty database first)');
      this.log(`  seeding ${seed} finished workflows...`);
      seedInfo = await seedFinished(dbUrl(db), this.template, seed);
      this.log(`  seeded in ${(seedInfo.seededMs / 1000).toFixed(1)} s (+ vacuum analyze: ${(seedInfo.totalMs / 1000).toFixed(1)} s), database ${(seedInfo.bytes / 2 ** 20).toFixed(0)} MiB`);
    }
    await sleep(1200);
    const stats0 = db ? await databaseStats(db) : null;
    const execArgv = [];
    if (cpuProf) execArgv.push('--cpu-prof', '--cpu-prof-dir', resolve(REPO_ROOT, 'bench/results/profiles'), '--cpu-prof-name', `${label}.cpuprofile`);
    const orchestrator = await startOrchestrator({
      env: { ...env, ...(embedded ? { BENCH_PROBE_PGLITE: '1' } : {}) },
      logDir: this.logDir,
      name: label,
      execArgv,
    });
    const observer = db ? await openObserver(dbUrl(db)) : null;
    if (observer && this.opts.sqlOverride) {
      // --sql-override FILE: A/B a change to the SQL functions on this database only, after the migrations ran.
      await observer.client.query(readFileSync(this.opts.sqlOverride, 'utf8'));
      observer.queries++;
    }
    const drive = (count, keyPrefix) => (observer
      ? driveOurs({ url: orchestrator.url, observer, n: count, concurrency, keyPrefix })
      : driveOursOverHttp({ url: orchestrator.url, n: count, concurrency, keyPrefix }));
    try {
      const warm = await drive(warmup, `${label}-warm`);
      if (warm.errors) throw new Error(`warm-up failed: ${warm.lastError}`);
      await this.drainDownstreams();
      const tracker = db ? new DbCpuTracker(db, new Set([observer.pid])) : null;
      await tracker?.start();
      const p0 = await orchestrator.probe();
      const window = cpuWindow([this.downstreams.child.pid]);
      const run = await drive(n, `${label}-m`);
      const p1 = await orchestrator.probe();
      const win = window();
      const dbCpu = tracker ? await tracker.stop() : { backendsMs: 0, serverMs: 0, backends: 0 };
      const records = await this.drainDownstreams();
      if (keepTemplate && db) this.template = await readTemplate(dbUrl(db));
      const observerQueries = observer?.queries ?? 0;
      await observer?.client.end();
      await orchestrator.stop();
      let commitsPerWorkflow = null;
      let rowsPerWorkflow = null;
      if (db) {
        await sleep(300);
        const stats1 = await databaseStats(db);
        // Every workflow of this database's life since stats0 (warm-up included), less the observer's own
        // autocommit selects; startup (migrations check, idle claim polls) is in, and is a few dozen at most.
        const total = warmup + n;
        commitsPerWorkflow = round((stats1.xact_commit - stats0.xact_commit - observerQueries) / total, 2);
        rowsPerWorkflow = round((stats1.tup_inserted + stats1.tup_updated + stats1.tup_deleted - stats0.tup_inserted - stats0.tup_updated - stats0.tup_deleted) / total, 2);
      }
      const sqlFunctions = db && this.opts.sqlProfile ? await functionStats(db, warmup + n) : undefined;
      const appCpuMs = (p1.cpu.user + p1.cpu.system - p0.cpu.user - p0.cpu.system) / 1000;
      return {
        sqlFunctions,
        contender: 'ours',
        label,
        downstreamLatencyMs: latencyMs,
        concurrency,
        store: this.store,
        seeded: seed,
        seedInfo,
        settings: { poolSize: this.opts.poolSize ?? 10, pollIntervalMs: 1000, observerPollMs: 5 },
        ...figures({
          results: run.results, n, downstreamRecords: records, appCpuMs, db: dbCpu, statements: p1.statements - p0.statements,
          window: win, commitsPerWorkflow, rowsPerWorkflow, errors: run.errors, lastError: run.lastError,
        }),
        appCpuSplitMsPerWorkflow: { user: round((p1.cpu.user - p0.cpu.user) / 1000 / n, 3), system: round((p1.cpu.system - p0.cpu.system) / 1000 / n, 3) },
        rssMb: round(p1.mem.rss / 2 ** 20, 1),
        logFile: orchestrator.logFile,
      };
    } finally {
      if (observer) await observer.client.end().catch(() => undefined);
      await orchestrator.stop();
      if (db) await this.dropDb(db);
    }
  }

  /** bare or pgboss: a worker process running the whole pipeline itself. */
  async worker({ contender, latencyMs, label = `${contender}_l${latencyMs}`, load = {} }) {
    const { n, concurrency, warmup } = { ...this.opts, ...load };
    await this.configureDownstreams(latencyMs);
    const embedded = this.store === 'embedded';
    const db = embedded ? null : await this.freshDb(label);
    const script = resolve(REPO_ROOT, `bench/lib/${contender === 'bare' ? 'bare' : 'pgboss'}-worker.js`);
    await sleep(1200);
    const stats0 = db ? await databaseStats(db) : null;
    const worker = new NodeChild(label, script, {
      logDir: this.logDir,
      env: {
        PROCESSOR_URL: this.downstreams.processorUrl,
        ANALYZER_URL: this.downstreams.analyzerUrl,
        BENCH_DB_URL: db ? dbUrl(db) : `pglite:${await this.dataDir()}`,
        BENCH_POOL_SIZE: String(this.opts.poolSize ?? 10),
        PGBOSS_WORKERS: String(this.opts.pgbossWorkers),
        PGBOSS_BATCH: String(this.opts.pgbossBatch),
        ...(embedded ? { BENCH_PROBE_PGLITE: '1' } : {}),
      },
    });
    try {
      const ready = await worker.message('ready', 60_000);
      const timeout = 300_000;
      const warm = await worker.request({ t: 'run', n: warmup, concurrency, keyPrefix: `${label}-warm` }, 'done', timeout);
      if (warm.results.length < warmup) throw new Error(`warm-up failed: ${warm.lastError}`);
      await this.drainDownstreams();
      const tracker = db ? new DbCpuTracker(db, new Set()) : null;
      await tracker?.start();
      const p0 = await worker.probe();
      const window = cpuWindow([this.downstreams.child.pid]);
      const run = await worker.request({ t: 'run', n, concurrency, keyPrefix: `${label}-m` }, 'done', timeout);
      const p1 = await worker.probe();
      const win = window();
      const dbCpu = tracker ? await tracker.stop() : { backendsMs: 0, serverMs: 0, backends: 0 };
      const records = await this.drainDownstreams();
      worker.send({ t: 'exit' });
      await worker.stop();
      let commitsPerWorkflow = null;
      let rowsPerWorkflow = null;
      if (db) {
        await sleep(300);
        const stats1 = await databaseStats(db);
        const total = warmup + n;
        commitsPerWorkflow = round((stats1.xact_commit - stats0.xact_commit) / total, 2);
        rowsPerWorkflow = round((stats1.tup_inserted + stats1.tup_updated + stats1.tup_deleted - stats0.tup_inserted - stats0.tup_updated - stats0.tup_deleted) / total, 2);
      }
      const appCpuMs = (p1.cpu.user + p1.cpu.system - p0.cpu.user - p0.cpu.system) / 1000;
      return {
        contender,
        label,
        downstreamLatencyMs: latencyMs,
        concurrency,
        store: this.store,
        settings: { poolSize: this.opts.poolSize ?? 10, ...(ready.settings ?? {}) },
        ...figures({
          results: run.results, n, downstreamRecords: records, appCpuMs, db: dbCpu, statements: p1.statements - p0.statements,
          window: win, commitsPerWorkflow, rowsPerWorkflow, errors: run.errors, lastError: run.lastError,
        }),
        appCpuSplitMsPerWorkflow: { user: round((p1.cpu.user - p0.cpu.user) / 1000 / n, 3), system: round((p1.cpu.system - p0.cpu.system) / 1000 / n, 3) },
        rssMb: round(p1.mem.rss / 2 ** 20, 1),
        logFile: worker.logFile,
      };
    } finally {
      await worker.stop();
      if (db) await this.dropDb(db);
    }
  }

  /** Heap per waiting workflow: park `parked` workflows in a retry wait, compare heapUsed after full GCs. */
  async heap({ parked }) {
    const label = 'ours_parked';
    await this.configureDownstreams(0, 'park');
    const embedded = this.store === 'embedded';
    const db = embedded ? null : await this.freshDb(label);
    const env = this.orchestratorEnv({ ...(db ? { DATABASE_URL: dbUrl(db) } : {}), DATA_DIR: await this.dataDir() });
    const orchestrator = await startOrchestrator({ env, logDir: this.logDir, name: label, execArgv: ['--expose-gc'] });
    const observer = db ? await openObserver(dbUrl(db)) : null;
    const { concurrency } = this.opts;
    const park = (count, keyPrefix) => (observer
      ? driveOurs({ url: orchestrator.url, observer, n: count, concurrency, keyPrefix, until: 'parked', timeoutMs: 400_000 })
      : driveOursOverHttp({ url: orchestrator.url, n: count, concurrency, keyPrefix, until: 'parked' }));
    try {
      const warm = Math.min(500, Math.ceil(parked / 10));
      const w = await park(warm, 'park-warm');
      if (w.errors) throw new Error(`parking warm-up failed: ${w.lastError}`);
      await sleep(1000);
      const h0 = await orchestrator.probe(true);
      const t0 = now();
      const run = await park(parked, 'park-m');
      const parkSeconds = (now() - t0) / 1000;
      await sleep(2000); // let the last requests and timers settle
      const h1 = await orchestrator.probe(true);
      let waiting = null;
      if (observer) {
        const { rows } = await observer.client.query(`select count(*)::int as c from workflow_timers where due_at > now() + interval '30 minutes'`);
        waiting = rows[0].c;
      }
      await this.drainDownstreams();
      return {
        contender: 'ours',
        label,
        store: this.store,
        parked,
        parkedConfirmed: waiting ?? run.results.length,
        parkSeconds: round(parkSeconds, 1),
        gcExposed: h1.gc,
        heapUsedBefore: h0.mem.heapUsed,
        heapUsedAfter: h1.mem.heapUsed,
        heapBytesPerWaiting: round((h1.mem.heapUsed - h0.mem.heapUsed) / parked, 0),
        rssBytesPerWaiting: round((h1.mem.rss - h0.mem.rss) / parked, 0),
        externalBytesPerWaiting: round((h1.mem.external - h0.mem.external) / parked, 0),
        errors: run.errors,
        lastError: run.lastError,
      };
    } finally {
      if (observer) await observer.client.end().catch(() => undefined);
      await orchestrator.stop();
      await this.configureDownstreams(0, 'ok');
      if (db) await this.dropDb(db);
    }
  }

  async removeTempDirs() {
    for (const dir of this.tempDirs ?? []) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Embedded store: the database is inside the orchestrator, so completion is seen over its API (GET per id). */
async function driveOursOverHttp({ url, n, concurrency, keyPrefix, until = 'completed', timeoutMs = 300_000 }) {
  const results = [];
  let next = 0;
  let errors = 0;
  let lastError = null;
  const deadline = Date.now() + timeoutMs;
  const tStart = now();
  async function lane() {
    while (next < n && Date.now() < deadline) {
      const key = `${keyPrefix}-${next++}`;
      const t0 = now();
      const res = await fetch(`${url}/workflow/start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user_id: key, document_path: `bench/${key}.csv` }) });
      if (res.status !== 201) {
        errors++;
        lastError = `start answered ${res.status}`;
        continue;
      }
      const { id } = await res.json();
      for (;;) {
        await sleep(5);
        const wf = await (await fetch(`${url}/workflow/${id}`)).json();
        const parked = until === 'parked' && wf.next_retry_at;
        if (['completed', 'failed', 'cancelled'].includes(wf.state) || parked) {
          const tEnd = until === 'parked' ? now() : Date.parse(wf.updated_at);
          results.push([key, t0, tEnd, parked ? undefined : wf.state]);
          break;
        }
        if (Date.now() > deadline) break;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { results, errors, lastError, tStart, tEnd: now() };
}

export { pg };
