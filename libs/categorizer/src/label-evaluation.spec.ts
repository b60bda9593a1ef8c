import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluateLabels, type LabelledExample } from './label-evaluation.js';

const examples = JSON.parse(readFileSync(resolve(process.cwd(), 'libs/categorizer/eval/labelled-labels.json'), 'utf8')) as LabelledExample[];

describe(evaluateLabels.name, () => {
  it('has a labelled set large and varied enough to mean something', () => {
    expect(examples.length).toBeGreaterThanOrEqual(300);
    expect(examples.filter((e) => e.split === 'holdout').length).toBeGreaterThanOrEqual(60);
    expect(new Set(examples.map((e) => e.category)).size).toBeGreaterThanOrEqual(26);
  });

  it('keeps accuracy above its floors (dev 95%, held-out 85%, overall 90%)', () => {
    const report = evaluateLabels(examples);
    expect(report.bySplit.dev.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.bySplit.holdout.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(report.overall.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('reports misses with what was predicted', () => {
    const report = evaluateLabels([{ label: 'CB CARREFOUR 12/03', amount: '-1.00', category: 'travel', split: 'dev' }]);
    expect(report.misses).toEqual([expect.objectContaining({ predicted: 'groceries', rule: 'merchant:CARREFOUR' })]);
    expect(report.byCategory.travel).toEqual({ correct: 0, total: 1, accuracy: 0 });
  });
});
