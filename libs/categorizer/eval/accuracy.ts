// Prints the categorizer's accuracy on the labelled set. Run from the repo root: `npm run accuracy`
// (add `-- --split dev` or `-- --split holdout` to list the misses of one split only).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateLabels, type AccuracyFigure, type LabelledExample } from '@cashflow/categorizer';

const here = dirname(fileURLToPath(import.meta.url));
const examples = JSON.parse(readFileSync(resolve(here, '../labelled-labels.json'), 'utf8')) as LabelledExample[];
const splitArg = process.argv.indexOf('--split');
const onlySplit = splitArg === -1 ? undefined : process.argv[splitArg + 1];

const report = evaluateLabels(examples);
const pct = (f: AccuracyFigure): string => `${(f.accuracy * 100).toFixed(1)}% (${f.correct}/${f.total})`;

console.log(`Overall   ${pct(report.overall)}`);
console.log(`Dev       ${pct(report.bySplit.dev)}`);
console.log(`Held-out  ${pct(report.bySplit.holdout)}`);
console.log('\nPer expected category:');
for (const [category, figure] of Object.entries(report.byCategory)) console.log(`  ${category.padEnd(18)} ${pct(figure)}`);
const misses = report.misses.filter((m) => onlySplit === undefined || m.split === onlySplit);
console.log(`\nMisses (${misses.length}): expected -> predicted [rule] label`);
for (const m of misses) {
  console.log(`  ${m.split.padEnd(7)} ${m.category} -> ${m.predicted} [${m.rule}] ${m.amount} ${JSON.stringify(m.label)}`);
}
