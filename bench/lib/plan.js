// Which cells a run measures, in order of importance (the time budget drops the last ones first), and how many
// workflows each load gets. Each entry: { name, kind: 'cell' | 'heap', args }; a cell starts a contender once and
// measures its loads in turn. Load groups (`--only`): throughput (concurrency 64, PostgreSQL), serial
// (concurrency 1, PostgreSQL), pglite (both concurrencies on PGlite), heap, seeded.

// At most this many measured workflows per load, by store, concurrency and statement size (sizes not listed take
// the next larger one's), and at most MAX_SECONDS of starting them: a slow contender gets fewer workflows, not
// more time. Chosen so that the default run fits in 10 minutes on 2 cores (bench/METHOD.md).
const N = {
  postgres: { 64: { 5: 3000, 100: 1000, 1000: 200 }, 1: { 5: 200, 100: 100, 1000: 40 } },
  pglite: { 64: { 5: 1000, 100: 300, 1000: 60 }, 1: { 5: 100, 100: 50, 1000: 20 } },
};
const MAX_SECONDS = { 64: 6, 1: 2 };
export const HEAP_MAX_SECONDS = 20;

function defaultN(store, concurrency, size, quick) {
  const table = N[store][concurrency === 1 ? 1 : 64];
  const sizes = Object.keys(table).map(Number).sort((a, b) => a - b);
  const at = sizes.find((s) => s >= size) ?? sizes.at(-1);
  const base = table[at];
  return quick ? Math.max(concurrency === 1 ? 5 : 20, Math.round(base / 10)) : base;
}

export function buildPlan(o) {
  const plan = [];
  const has = (c) => o.contenders.includes(c);
  const wants = (g) => !o.only || o.only.includes(g);
  const load = (group, store, concurrency, size) => {
    const n = o.n ?? defaultN(store, concurrency, size, o.quick);
    // Enough to warm the JIT and the pools and to fill the pipeline, small beside n.
    const warmup = concurrency === 1 ? Math.min(10, Math.max(3, Math.round(n / 5))) : Math.min(200, Math.max(Math.min(concurrency, 16), Math.round(n / 5)));
    const maxSeconds = o.maxSeconds ?? (MAX_SECONDS[concurrency === 1 ? 1 : 64] / (o.quick ? 2.5 : 1));
    // One at a time, at least 10 workflows (3 with --quick) whatever they take, so the hand-off has a spread.
    const minN = concurrency === 1 ? Math.min(n, o.quick ? 3 : 10) : 0;
    return { group, concurrency, n, warmup, maxSeconds, minN };
  };
  const cell = (contender, store, size, loads, extra = {}) => {
    if (!loads.length) return;
    const latencyMs = extra.latencyMs ?? o.latencies[0];
    const label = extra.label ?? `${contender}_${store === 'pglite' ? 'pgl' : 'pg'}_s${size}${latencyMs ? `_l${latencyMs}` : ''}`;
    const concurrencies = loads.map((l) => l.concurrency).join(' then ');
    plan.push({
      kind: 'cell',
      name: `${contender}, ${store}, ${size} transactions, concurrency ${concurrencies}${latencyMs ? `, ${latencyMs} ms downstreams` : ''}${extra.seed ? `, ${extra.seed} finished workflows in the tables` : ''}`,
      args: { contender, store, size, loads, latencyMs, label, ...extra },
    });
  };
  const contenders = ['bare', 'pgboss', 'dbos', 'ours'].filter(has);
  const postgres = o.stores.includes('postgres');
  const pglite = o.stores.includes('pglite');

  if (postgres) {
    for (const [li, latencyMs] of o.latencies.entries()) {
      for (const size of o.sizes) {
        for (const c of contenders) {
          // One start per contender and size: concurrency 64 (throughput), then 1 (the hand-off alone).
          const loads = [...(wants('throughput') ? [load('throughput', 'postgres', o.concurrency, size)] : []), ...(wants('serial') && li === 0 ? [load('serial', 'postgres', 1, size)] : [])];
          cell(c, 'postgres', size, loads, { latencyMs, keepTemplate: c === 'ours' && size === o.sizes[0] && li === 0, cpuProf: o.cpuProf && c === 'ours' });
        }
      }
    }
  }
  if (has('ours') && o.parked > 0 && wants('heap')) {
    plan.push({ kind: 'heap', name: `ours, ${o.parked} workflows parked in a retry wait`, args: { parked: o.parked, store: postgres ? 'postgres' : 'pglite', concurrency: o.concurrency, maxSeconds: o.maxSeconds ?? HEAP_MAX_SECONDS / (o.quick ? 4 : 1) } });
  }
  if (pglite && wants('pglite')) {
    for (const size of o.sizes) {
      for (const c of contenders.filter((x) => x === 'ours' || x === 'bare')) cell(c, 'pglite', size, [load('pglite', 'pglite', o.concurrency, size), load('pglite', 'pglite', 1, size)]);
    }
  }
  if (postgres && has('ours') && o.seeded > 0 && wants('seeded')) {
    const size = o.sizes[0];
    cell('ours', 'postgres', size, [load('seeded', 'postgres', o.concurrency, size)], { seed: o.seeded, label: `ours_pg_s${size}_seeded` });
  }
  return plan;
}
