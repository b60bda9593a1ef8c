// Bench-only preload (`node --import ./bench/lib/probe.js ...`): counts the SQL statements a process sends
// (every node-postgres Client.query call, or PGlite query/exec when BENCH_PROBE_PGLITE=1) and answers the
// bench over the IPC channel with that count, process.cpuUsage() and process.memoryUsage() (after a full GC
// when the process runs with --expose-gc). Nothing in the product changes; without the bench it is not loaded.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const counts = { statements: 0 };

try {
  const pg = require('pg');
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function countedQuery(...args) {
    counts.statements++;
    return original.apply(this, args);
  };
} catch {
  // No node-postgres in this process's dependency tree: nothing to count there.
}

if (process.env.BENCH_PROBE_PGLITE === '1') {
  const { PGlite } = await import('@electric-sql/pglite');
  for (const method of ['query', 'exec']) {
    const original = PGlite.prototype[method];
    PGlite.prototype[method] = function counted(...args) {
      counts.statements++;
      return original.apply(this, args);
    };
  }
}

function fullGc() {
  if (typeof globalThis.gc !== 'function') return false;
  for (let i = 0; i < 3; i++) globalThis.gc();
  return true;
}

if (process.send) {
  process.on('message', (msg) => {
    if (!msg || msg.t !== 'probe') return;
    const collected = msg.gc ? fullGc() : false;
    process.send({
      t: 'probe',
      statements: counts.statements,
      cpu: process.cpuUsage(),
      mem: process.memoryUsage(),
      gc: collected,
      at: performance.timeOrigin + performance.now(),
    });
  });
  // The channel must not keep the process alive through a graceful shutdown.
  process.channel?.unref();
}

export const probeCounts = counts;
