#!/usr/bin/env node
// `node scripts/mutation/survivors.mjs <lib> [file-substring]`: the mutants the last run of <lib> left alive (survived
// or not covered), by file and line, with what the mutant changed: the list to write the missing tests from.
import { readFileSync } from 'node:fs';

const [lib, only] = process.argv.slice(2);
if (!lib) {
  console.error('usage: node scripts/mutation/survivors.mjs <lib> [file-substring]');
  process.exit(2);
}
const report = JSON.parse(readFileSync(`reports/mutation/${lib}/mutation.json`, 'utf8'));
let total = 0;
for (const [file, { source, mutants }] of Object.entries(report.files)) {
  if (only && !file.includes(only)) continue;
  const alive = mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage');
  if (!alive.length) continue;
  const lines = source.split('\n');
  console.log(`\n## ${file} (${alive.length})`);
  for (const m of alive.sort((a, b) => a.location.start.line - b.location.start.line)) {
    const { line, column } = m.location.start;
    console.log(`${m.status === 'NoCoverage' ? 'NOCOV' : 'ALIVE'} ${line}:${column} ${m.mutatorName} -> ${JSON.stringify(m.replacement)}`);
    console.log(`      | ${lines[line - 1].trim().slice(0, 160)}`);
  }
  total += alive.length;
}
console.log(`\n${total} mutants alive`);
