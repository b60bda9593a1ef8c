import { evaluateLabels, type LabelledExample } from './label-evaluation.js';

const example = (label: string, category: string, split: LabelledExample['split'] = 'dev'): LabelledExample => ({
  label,
  amount: '-42.10',
  category,
  split,
});

describe(evaluateLabels.name, () => {
  const report = evaluateLabels([
    example('CB CARREFOUR 14/03', 'travel'),
    example('CB CARREFOUR 12/03', 'groceries'),
    example('CB LIDL 13/03', 'groceries'),
    example('CB MONOPRIX 15/03', 'groceries'),
  ]);

  it('reports accuracy as the share of examples categorised as expected', () => {
    expect(report.overall).toEqual({ correct: 3, total: 4, accuracy: 0.75 });
    expect(report.bySplit.dev).toEqual({ correct: 3, total: 4, accuracy: 0.75 });
  });

  it('reports an accuracy of 0, not NaN, for a split without examples', () => {
    expect(report.bySplit.holdout).toEqual({ correct: 0, total: 0, accuracy: 0 });
  });

  it('lists only the examples it got wrong as misses', () => {
    expect(report.misses.map((m) => [m.label, m.predicted])).toEqual([['CB CARREFOUR 14/03', 'groceries']]);
  });

  it('lists categories in alphabetical order', () => {
    expect(Object.keys(report.byCategory)).toEqual(['groceries', 'travel']);
    expect(report.byCategory.groceries).toEqual({ correct: 3, total: 3, accuracy: 1 });
  });
});
