// The parse phase: time to parse a generated statement of 20,000 and of 200,000 rows, per format, with the built
// @cashflow/statement-parser. Each measure runs in a fresh child process (its own heap, no JIT or GC carried over
// from the previous one), once as a warm-up on 2,000 rows, then on the measured size. Linear parsers keep the
// ratio near 10.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const SIZES = [20_000, 200_000];
const FORMATS = ['csv', 'camt', 'ofx', 'qif', 'mt940'];
const SELF = fileURLToPath(import.meta.url);

/** In the child: generate, warm up, parse once, print the figures as JSON. */
async function measureHere(format, rows) {
  const { GENERATORS } = await import('./statement-generators.js');
  const { parseStatement } = await import('@cashflow/statement-parser');
  const options = { defaultCurrency: 'EUR', maxRows: Number.MAX_SAFE_INTEGER, maxBytes: Number.MAX_SAFE_INTEGER };
  parseStatement(GENERATORS[format](2000), options);
  const bytes = GENERATORS[format](rows);
  globalThis.gc?.();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const doc = parseStatement(bytes, options);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const transactions = doc.statements.reduce((n, s) => n + s.transactions.length, 0);
  if (transactions !== rows) throw new Error(`${format}: ${transactions} transactions parsed from ${rows} rows`);
  process.stdout.write(JSON.stringify({ format, rows, bytes: bytes.length, ms: Math.round(ms), cpuMs: Math.round((used.user + used.system) / 1000), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), warnings: doc.warnings.length }));
}

function measure(format, rows) {
  const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', SELF, format, String(rows)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out);
}

/** Runs every format at both sizes; `log` reports progress. */
export function parsePhase(log = () => undefined) {
  const started = Date.now();
  const formats = FORMATS.map((format) => {
    const [small, large] = SIZES.map((rows) => {
      const r = measure(format, rows);
      log(`  parse ${format} ${rows.toLocaleString('en')} rows (${(r.bytes / 2 ** 20).toFixed(1)} MiB): ${r.ms} ms, peak RSS ${r.peakRssMiB} MiB`);
      return r;
    });
    const ratio = (key) => Math.round((large[key] / small[key]) * 10) / 10;
    return { format, small, large, ratio: ratio('ms'), cpuRatio: ratio('cpuMs') };
  });
  // The 5-minute load average at the end, over the cores: how much else ran on the machine meanwhile.
  return { date: new Date().toISOString(), sizes: SIZES, durationSeconds: Math.round((Date.now() - started) / 1000), cores: cpus().length, loadAverage5m: Math.round(loadavg()[1] * 10) / 10, formats };
}

export function renderParseMarkdown(parse) {
  const out = ['## Parse time per format (20,000 and 200,000 rows)', ''];
  out.push(`Measured ${parse.date} by \`node bench/run.js --only parse\` (a run of its own; a full run keeps the last figures), in ${parse.durationSeconds} s: each figure is one parse of a generated statement (\`bench/lib/statement-generators.js\`, balances that reconcile) in a fresh process after a 2,000-row warm-up, with the row and size limits lifted. A linear parser keeps the ratio near 10.`, '');
  out.push('| format | 20,000 rows: MiB, wall ms (CPU ms) | 200,000 rows: MiB, wall ms (CPU ms) | ratio, wall (CPU) | peak RSS at 200,000 (MiB) |', '|---|---|---|---:|---:|');
  for (const f of parse.formats) {
    const cell = (r) => `${(r.bytes / 2 ** 20).toFixed(1)} MiB, ${r.ms.toLocaleString('en')} (${r.cpuMs.toLocaleString('en')})`;
    out.push(`| ${f.format} | ${cell(f.small)} | ${cell(f.large)} | ${f.ratio} (${f.cpuRatio ?? '-'}) | ${f.large.peakRssMiB.toLocaleString('en')} |`);
  }
  out.push('', `CPU time counts the garbage collector's threads too, so on a shared machine it moves less than wall time. Load average (5 min) at the end of the phase: ${parse.loadAverage5m ?? '?'} on ${parse.cores ?? '?'} cores${(parse.loadAverage5m ?? 0) > (parse.cores ?? 1) ? ', so other work shared the machine and the figures are noisy' : ''}.`);
  out.push('');
  return out.join('\n');
}

if (process.argv[1] === SELF && process.argv[2]) await measureHere(process.argv[2], Number(process.argv[3]));
