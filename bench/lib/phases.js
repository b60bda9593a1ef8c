// One measured cell per call: a contender at a statement size, a concurrency and a store, started on a fresh
// database (or data dir), warmed up, measured alone, torn down. See bench/METHOD.md.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { NodeChild, REPO_ROOT, startOrchestrator } from './child.js';
import { dbWatcher, drive, httpWatcher, ipcWatcher, openObserver } from './load.js';
import { cpuWindow, DbCpuTracker, figures, NO_DB_CPU } from './measure.js';
import { alterDatabase, createDatabase, databaseStats, dbUrl, dropDatabase, functionStats } from './pg-admin.js';
import { readTemplate, seedFinished } from './seed.js';
import { round } from './stats.js';
import { currentLsn, keepWal, prepareWalInspect, walBetween } from './wal.js';

const now = () => performance.timeOrigin + performance.now();
const WORKERS = { bare: 'bare-worker.js', pgboss: 'pgboss-worker.js', dbos: 'dbos-worker.js' };

// ours runs as a service principal (API key), as a back end calling it would; the product's per-principal
// limits are off, as no peer has them (bench/METHOD.md, "Settings").
const API_KEY = randomBytes(24).toString('base64url');
export const OURS_LIMITS = { RATE_LIMIT_PER_MINUTE: '0' };
const OURS_AUTH_ENV = { API_KEYS: `bench:${createHash('sha256').update(API_KEY).digest('hex')}` };
const OURS_HEADERS = { 'x-api-key': API_KEY };

const sum = (rows, key) => rows.reduce((s, r) => s + (r?.[key] ?? 0), 0);
const written = (rows) => sum(rows, 'tup_inserted') + sum(rows, 'tup_updated') + sum(rows, 'tup_deleted');

/** ours: what a finished workflow keeps in its row (the snapshot and results, as text and as stored). */
async function storedSizes(connectionString) {
  const client = new pg.Client({ connectionString, application_name: 'cf-bench-sizes' });
  await client.connect();
  try {
    const { rows: [r] } = await client.query(
      `select avg(octet_length(snapshot::text))::float8 as snapshot, avg(pg_column_size(snapshot))::float8 as snapshot_stored,
              avg(octet_length(results::text))::float8 as results, avg(pg_column_size(results))::float8 as results_stored
         from workflows where state = 'completed'`);
    return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : Math.round(v)]));
  } finally {
    await client.end();
  }
}

export class Phases {
  constructor({ tag, downstreams, logDir, opts, log }) {
    Object.assign(this, { tag, downstreams, logDir, opts, log });
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

  async dataDir() {
    const dir = await mkdtemp(join(tmpdir(), 'cf-bench-data-'));
    (this.tempDirs ??= []).push(dir);
    return dir;
  }

  /**
   * PGlite: a fresh data dir is a copy of one made once per run and migrated by a first start of ours (initdb in
   * WebAssembly and the migrations take tens of seconds on a busy 2-core machine; a copy opens in a few).
   * The bare loop uses the same copy and replaces the transactions table with its own (bench/lib/pipeline.js).
   */
  async pgliteDataDir() {
    if (!this.pgliteTemplate) {
      const dir = await this.dataDir();
      this.log('  making the PGlite template data dir (first start of ours on it)...');
      const o = await startOrchestrator({ env: this.orchestratorEnv({ DATA_DIR: dir }), logDir: this.logDir, name: 'pglite-template', readyTimeoutMs: 180_000 });
      await o.stop();
      this.pgliteTemplate = dir;
    }
    const copy = await this.dataDir();
    await cp(this.pgliteTemplate, copy, { recursive: true });
    return copy;
  }

  async removeTempDirs() {
    for (const dir of this.tempDirs ?? []) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }

  orchestratorEnv(extra) {
    return {
      DOCUMENT_PROCESSOR_URL: this.downstreams.processorUrl,
      TRANSACTION_ANALYZER_URL: this.downstreams.analyzerUrl,
      ...OURS_LIMITS,
      ...OURS_AUTH_ENV,
      ...(this.opts.poolSize ? { DATABASE_POOL_SIZE: String(this.opts.poolSize) } : {}),
      ...extra,
    };
  }

  async configureDownstreams(config) {
    return this.downstreams.child.request({ t: 'config', mode: 'ok', notify: false, ...config });
  }

  async drainDownstreams() {
    return (await this.downstreams.child.request({ t: 'drain' })).records;
  }

  /**
   * Starts the contender on its store; returns { url, headers, pids, probe(), stop(), watcher(until), dbs, observer }.
   * ours: the built orchestrator (fresh database or data dir). The peers: their worker behind bench/lib/ingress.js.
   */
  async start({ contender, store, label, seed = 0, cpuProf = false, execArgv = [] }) {
    const pglite = store === 'pglite';
    const dbs = [];
    if (!pglite) {
      dbs.push(await this.freshDb(label));
      // DBOS keeps its state in a system database of its own, beside the application's (its default layout).
      if (contender === 'dbos') dbs.push(await this.freshDb(`${label}_sys`));
      if (this.opts.sqlProfile) await alterDatabase(dbs[0], `set track_functions = 'all'`);
      await prepareWalInspect(dbs[0]);
    }
    if (contender === 'ours') {
      const env = this.orchestratorEnv(pglite ? { DATA_DIR: await this.pgliteDataDir() } : { DATABASE_URL: dbUrl(dbs[0]), DATA_DIR: await this.dataDir() });
      let seedInfo = null;
      if (seed > 0) {
        // Migrate with a first start, seed while nothing runs, then measure on a fresh process.
        const migrate = await startOrchestrator({ env, logDir: this.logDir, name: `${label}-migrate` });
        await migrate.stop();
        if (!this.template) throw new Error('no template workflow to seed from (run ours on an empty database first)');
        this.log(`  seeding ${seed} finished workflows...`);
        seedInfo = await seedFinished(dbUrl(dbs[0]), this.template, seed);
        this.log(`  seeded in ${(seedInfo.seededMs / 1000).toFixed(1)} s (+ vacuum analyze: ${(seedInfo.totalMs / 1000).toFixed(1)} s), database ${(seedInfo.bytes / 2 ** 20).toFixed(0)} MiB`);
      }
      const args = [...execArgv];
      if (cpuProf) args.push('--cpu-prof', '--cpu-prof-dir', resolve(REPO_ROOT, 'bench/results/profiles'), '--cpu-prof-name', `${label}.cpuprofile`);
      const orchestrator = await startOrchestrator({ env: { ...env, ...(pglite ? { BENCH_PROBE_PGLITE: '1' } : {}) }, logDir: this.logDir, name: label, execArgv: args });
      const observer = pglite ? null : await openObserver(dbUrl(dbs[0]));
      if (observer && this.opts.sqlOverride) {
        // --sql-override FILE: A/B a change to the SQL functions on this database only, after the migrations ran.
        await observer.client.query(readFileSync(this.opts.sqlOverride, 'utf8'));
        observer.queries++;
      }
      return {
        url: orchestrator.url,
        headers: OURS_HEADERS,
        dbs,
        observer,
        seedInfo,
        process: orchestrator,
        settings: { poolSize: this.opts.poolSize ?? 10, pollIntervalMs: 1000, ...OURS_LIMITS, auth: 'API key (service principal)', observerPollMs: pglite ? null : 5 },
        watcher: (until) => (observer ? dbWatcher(observer, until) : httpWatcher({ url: orchestrator.url, headers: OURS_HEADERS, downstreams: this.downstreams.child, until })),
        stop: async () => {
          await observer?.client.end().catch(() => undefined);
          await orchestrator.stop();
        },
      };
    }
    const worker = new NodeChild(label, resolve(REPO_ROOT, 'bench/lib', WORKERS[contender]), {
      logDir: this.logDir,
      execArgv,
      env: {
        PROCESSOR_URL: this.downstreams.processorUrl,
        ANALYZER_URL: this.downstreams.analyzerUrl,
        BENCH_DB_URL: pglite ? `pglite:${join(await this.pgliteDataDir(), 'pglite')}` : dbUrl(dbs[0]),
        ...(dbs[1] ? { BENCH_SYS_DB_URL: dbUrl(dbs[1]) } : {}),
        BENCH_POOL_SIZE: String(this.opts.poolSize ?? 10),
        PGBOSS_WORKERS: String(this.opts.pgbossWorkers),
        PGBOSS_BATCH: String(this.opts.pgbossBatch),
        DBOS_SERIALIZER: this.opts.dbosSerializer,
        ...(pglite ? { BENCH_PROBE_PGLITE: '1' } : {}),
      },
    });
    const ready = await worker.message('ready', 90_000);
    return {
      url: ready.url,
      headers: {},
      dbs,
      observer: null,
      process: worker,
      settings: { poolSize: this.opts.poolSize ?? 10, ...(ready.settings ?? {}) },
      watcher: () => ipcWatcher(worker),
      stop: async () => {
        worker.send({ t: 'exit' });
        await worker.stop();
      },
    };
  }

  /**
   * One cell: a contender at a statement size on a store, started once, then each load of `loads`
   * ({ concurrency, n, warmup }) warmed up and measured in turn. Returns one result per load.
   */
  async cell({ contender, store, size, loads, latencyMs = 0, label, seed = 0, keepTemplate = false, cpuProf = false }) {
    const pglite = store === 'pglite';
    const config = await this.configureDownstreams({ latencyMs, size, notify: contender === 'ours' && pglite });
    await sleep(500); // let the previous cell's backends go
    const c = await this.start({ contender, store, label, seed, cpuProf });
    const stats = async () => (c.dbs.length ? Promise.all(c.dbs.map((d) => databaseStats(d))) : null);
    const results = [];
    const walKeeper = pglite ? null : await keepWal(`${label}_${this.tag}`.slice(0, 63));
    try {
      for (const { concurrency, n: most, warmup, group, maxSeconds, minN } of loads) {
        const tag = `${label}-c${concurrency}`;
        const run = (count, prefix, seconds, least = 0) => drive({ url: c.url, headers: c.headers, n: count, concurrency, keyPrefix: prefix, users: this.opts.users, watcher: c.watcher(), maxSeconds: seconds, minN: least });
        const warm = await run(warmup, `${tag}-warm`, maxSeconds / 4);
        // A broken set-up completes nothing; a contender too slow for some starts is measured, and said so.
        if (warm.errors === warm.results.length) throw new Error(`warm-up failed: ${warm.lastError}`);
        await sleep(300);
        await this.drainDownstreams();
        const stats0 = await stats();
        const q0 = c.observer?.queries ?? 0;
        const tracker = c.dbs.length ? new DbCpuTracker(c.dbs, new Set(c.observer ? [c.observer.pid] : [])) : null;
        await tracker?.start();
        const p0 = await c.process.probe();
        const lsn0 = pglite ? null : await currentLsn();
        const window = cpuWindow([this.downstreams.child.pid]);
        const measured = await run(most, `${tag}-m`, maxSeconds, minN);
        const win = window();
        const n = measured.results.length;
        const lsn1 = pglite ? null : await currentLsn();
        const p1 = await c.process.probe();
        const dbCpu = tracker ? await tracker.stop() : NO_DB_CPU;
        const records = await this.drainDownstreams();
        let commitsPerWorkflow = null;
        let rowsPerWorkflow = null;
        if (stats0) {
          await sleep(300);
          const stats1 = await stats();
          // The measured window (and the contender's own background work in it), less the observer's own
          // autocommit selects. Approximate (backends flush these counters up to 10 s late): the WAL's count,
          // read below, replaces them when pg_walinspect is there.
          const observerQueries = (c.observer?.queries ?? 0) - q0;
          commitsPerWorkflow = round((sum(stats1, 'xact_commit') - sum(stats0, 'xact_commit') - observerQueries) / n, 2);
          rowsPerWorkflow = round((written(stats1) - written(stats0)) / n, 2);
        }
        const appCpuMs = (p1.cpu.user + p1.cpu.system - p0.cpu.user - p0.cpu.system) / 1000;
        const wal = pglite ? null : await walBetween(c.dbs, lsn0, lsn1);
        results.push({
          contender,
          label: tag,
          group,
          store,
          size,
          concurrency,
          downstreamLatencyMs: latencyMs,
          downstreamBytes: config.bytes,
          seeded: seed,
          seedInfo: c.seedInfo ?? null,
          settings: c.settings,
          load: { n, most, warmup: warm.results.length, warmupErrors: warm.errors, warmupLastError: warm.lastError, maxSeconds },
          ...figures({
            results: measured.results, n, downstreamRecords: records, appCpuMs, db: dbCpu, statements: p1.statements - p0.statements,
            window: win, commitsPerWorkflow, rowsPerWorkflow, wal, errors: measured.errors, lastError: measured.lastError,
          }),
          // Backends flush their statistics up to 10 s late after a burst (PostgreSQL 15's PGSTAT_IDLE_INTERVAL):
          // the WAL's own count of write commits and rows is exact for the window; pg_stat_database's is kept beside.
          pgStatPerWorkflow: { commits: commitsPerWorkflow, rowsWritten: rowsPerWorkflow },
          ...(wal?.commits !== null && wal?.commits !== undefined ? { commitsPerWorkflow: round(wal.commits / n, 2), rowsWrittenPerWorkflow: round(wal.rows / n, 2) } : {}),
          appCpuSplitMsPerWorkflow: { user: round((p1.cpu.user - p0.cpu.user) / 1000 / n, 3), system: round((p1.cpu.system - p0.cpu.system) / 1000 / n, 3) },
          rssMb: round(p1.mem.rss / 2 ** 20, 1),
          logFile: c.process.logFile,
        });
      }
      await c.stop();
      if (keepTemplate && !pglite) this.template = await readTemplate(dbUrl(c.dbs[0]));
      const stored = contender === 'ours' && !pglite ? await storedSizes(dbUrl(c.dbs[0])) : null;
      const sqlFunctions = this.opts.sqlProfile && c.dbs.length ? await functionStats(c.dbs[0], loads.reduce((t, l) => t + l.warmup + l.n, 0)) : undefined;
      for (const r of results) Object.assign(r, { storedBytes: stored, sqlFunctions });
      return results;
    } finally {
      await walKeeper?.release();
      await c.stop();
      for (const d of c.dbs) await this.dropDb(d);
    }
  }

  /** Heap per waiting workflow: park `parked` workflows in a retry wait, compare heapUsed after full GCs. */
  async heap({ parked, store, concurrency, maxSeconds = Infinity }) {
    const label = `ours_${store}_parked`;
    await this.configureDownstreams({ latencyMs: 0, mode: 'park', size: 5 });
    const c = await this.start({ contender: 'ours', store, label, execArgv: ['--expose-gc'] });
    const park = (count, prefix, maxSeconds) => drive({ url: c.url, headers: c.headers, n: count, concurrency, keyPrefix: prefix, users: this.opts.users, watcher: c.watcher('parked'), maxSeconds, timeoutMs: 400_000 });
    try {
      const warm = Math.min(200, Math.ceil(parked / 10));
      const w = await park(warm, 'park-warm', maxSeconds / 4);
      if (w.errors) throw new Error(`parking warm-up failed: ${w.lastError}`);
      await sleep(1000);
      const h0 = await c.process.probe(true);
      const t0 = now();
      const run = await park(parked, 'park-m', maxSeconds);
      const parkSeconds = (now() - t0) / 1000;
      const count = run.results.filter((r) => r[3] === 'parked').length;
      await sleep(2000); // let the last requests and timers settle
      const h1 = await c.process.probe(true);
      let waiting = null;
      if (c.observer) {
        const { rows } = await c.observer.client.query(`select count(distinct workflow_id)::int as c from workflow_timers where due_at > now() + interval '30 minutes'`);
        waiting = rows[0].c;
      }
      await this.drainDownstreams();
      return {
        contender: 'ours',
        label,
        store,
        parked,
        parkedConfirmed: count, // parked in the measured step, each seen waiting for its retry
        waitingInAll: waiting, // with the warm-up's
        parkSeconds: round(parkSeconds, 1),
        gcExposed: h1.gc,
        heapUsedBefore: h0.mem.heapUsed,
        heapUsedAfter: h1.mem.heapUsed,
        heapBytesPerWaiting: round((h1.mem.heapUsed - h0.mem.heapUsed) / count, 0),
        rssBytesPerWaiting: round((h1.mem.rss - h0.mem.rss) / count, 0),
        externalBytesPerWaiting: round((h1.mem.external - h0.mem.external) / count, 0),
        errors: run.errors,
        lastError: run.lastError,
      };
    } finally {
      await c.stop();
      await this.configureDownstreams({ latencyMs: 0, mode: 'ok' });
      for (const d of c.dbs) await this.dropDb(d);
    }
  }
}
