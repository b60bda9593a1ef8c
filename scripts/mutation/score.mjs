#!/usr/bin/env node
// `node scripts/mutation/score.mjs <lib>`: the mutation score of <lib> from its last report, or, after partial runs
// (STRYKER_PART), from the sum of its parts' reports (reports/mutation/<lib>/<part>/mutation.json), with each part's
// own figure. A file in two parts counts from the newer report. Stryker's formula: detected (killed + timed out)
// over killed + timed out + survived + no coverage; compile and runtime errors are not valid mutants.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [lib] = process.argv.slice(2);
if (!lib) {
  console.error('usage: node scripts/mutation/score.mjs <lib>');
  process.exit(2);
}
const root = join('reports/mutation', lib);
const reports = [join(root, 'mutation.json'), ...(existsSync(root) ? readdirSync(root).map((part) => join(root, part, 'mutation.json')) : [])]
  .filter((file) => existsSync(file))
  .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
if (!reports.length) {
  console.error(`no report under ${root}: run \`npm run test:mutation -- ${lib}\` first`);
  process.exit(1);
}

const tally = (mutants) => {
  const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
  for (const { status } of mutants) count[status] = (count[status] ?? 0) + 1;
  const detected = count.Killed + count.Timeout;
  const valid = detected + count.Survived + count.NoCoverage;
  return { ...count, detected, valid, score: valid ? (100 * detected) / valid : NaN };
};
const line = (name, t) =>
  `${name.padEnd(28)} ${t.score.toFixed(2).padStart(6)} %  ${String(t.detected).padStart(5)} detected (${t.Killed} killed, ${t.Timeout} timed out), ${t.Survived} survived, ${t.NoCoverage} no coverage, ${t.CompileError + t.RuntimeError} errors`;

const byFile = new Map();
for (const file of reports) {
  const { files } = JSON.parse(readFileSync(file, 'utf8'));
  const own = Object.values(files).flatMap(({ mutants }) => mutants);
  console.log(line(file.slice(root.length + 1).replace(/\/?mutation\.json$/, '') || '(whole lib)', tally(own)));
  for (const [name, { mutants }] of Object.entries(files)) byFile.set(name, mutants);
}
console.log(line(`${lib} (${byFile.size} files)`, tally([...byFile.values()].flat())));
