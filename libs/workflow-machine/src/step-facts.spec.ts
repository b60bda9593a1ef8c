import { liftSnapshotFromV1 } from './machine-v1.js';
import { analysisFacts, extractionFacts } from './step-facts.js';
import type { AnalysisOutput, ExtractionOutput } from './step-contracts.js';

const tx = (id: string) => ({ id, date: '2024-06-01', amount: '-1.00', currency: 'EUR', label: id });
const extraction = (extra: Partial<ExtractionOutput> = {}): ExtractionOutput => ({
  account: { iban: 'FR76' },
  period: { start: '2024-06-01', end: '2024-06-30' },
  currency: 'EUR',
  transactions: [tx('a'), tx('b'), tx('c')],
  ...extra,
});
const analysis = (extra: Partial<AnalysisOutput> = {}): AnalysisOutput => ({
  transactions: [{ id: 'a', category: 'food', confidence: 0.9 }],
  summary: { income: '0.00', expenses: '-1.00', net: '-1.00', by_category: {}, by_month: {} },
  ...extra,
});
const ref = { output: 'extractDocument' };

describe(extractionFacts.name, () => {
  it('keeps everything but the transactions, and counts them', () => {
    expect(extractionFacts(extraction({ balances: { closing: '10.00' } }), ref)).toEqual({
      ref,
      account: { iban: 'FR76' },
      period: { start: '2024-06-01', end: '2024-06-30' },
      currency: 'EUR',
      balances: { closing: '10.00' },
      transaction_count: 3,
    });
  });

  it('keeps each statement of a multi-account file without its transactions', () => {
    const statements = [{ account: { iban: 'A' }, transactions: [tx('a'), tx('b')] }, { account: { iban: 'B' } }];
    expect(extractionFacts(extraction({ statements }), ref).statements).toEqual([
      { account: { iban: 'A' }, transaction_count: 2 },
      { account: { iban: 'B' }, transaction_count: 0 },
    ]);
  });

  it('keeps the first 20 warnings and the count when there are more', () => {
    const warnings = Array.from({ length: 25 }, (_, i) => ({ code: 'W', line: i }));
    const facts = extractionFacts(extraction({ warnings }), ref);
    expect(facts.warnings).toEqual(warnings.slice(0, 20));
    expect(facts.warning_count).toBe(25);
  });

  it('keeps 20 warnings or fewer as they are, with no count', () => {
    const warnings = Array.from({ length: 20 }, (_, i) => ({ code: 'W', line: i }));
    const facts = extractionFacts(extraction({ warnings }), ref);
    expect(facts.warnings).toEqual(warnings);
    expect('warning_count' in facts).toBe(false);
    expect('warnings' in extractionFacts(extraction(), ref)).toBe(false);
  });
});

describe(analysisFacts.name, () => {
  const aref = { output: 'analyzeTransactions' };
  it('keeps the summary and counts the categorised transactions', () => {
    expect(analysisFacts(analysis(), aref)).toEqual({ ref: aref, summary: analysis().summary, transaction_count: 1 });
  });

  it('keeps each recurring series with its size instead of its members', () => {
    const recurring = [{ label: 'rent', period: 'monthly', transaction_ids: ['a', 'b', 'c'] }, { label: 'gym' }];
    expect(analysisFacts(analysis({ recurring }), aref).recurring).toEqual([
      { label: 'rent', period: 'monthly', transaction_count: 3 },
      { label: 'gym', transaction_count: 0 },
    ]);
  });
});

describe(liftSnapshotFromV1.name, () => {
  it('turns inline outputs into facts whose reference carries the output', () => {
    const v1 = { value: { storing: 'running' }, status: 'active', context: { workflowId: 'w', extraction: extraction(), analysis: analysis() } };
    const lifted = liftSnapshotFromV1(v1) as typeof v1 & { context: Record<string, any> };
    expect(lifted.value).toEqual({ storing: 'running' });
    expect(lifted.status).toBe('active');
    expect(lifted.context.workflowId).toBe('w');
    expect(lifted.context.extraction).toEqual(extractionFacts(extraction(), { output: 'extractDocument', inline: extraction() }));
    expect(lifted.context.analysis).toEqual(analysisFacts(analysis(), { output: 'analyzeTransactions', inline: analysis() }));
  });

  it('leaves a step that has not run as null', () => {
    const lifted = liftSnapshotFromV1({ value: { extracting: 'running' }, context: { extraction: null, analysis: null } }) as { context: Record<string, unknown> };
    expect(lifted.context).toEqual({ extraction: null, analysis: null });
  });
});
