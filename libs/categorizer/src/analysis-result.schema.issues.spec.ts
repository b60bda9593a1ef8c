import { analysisResultSchema } from './analysis-result.schema.js';

const totals = { income: '2500.00', expenses: '-54.47', net: '2445.53' };
const answer = (summary: Record<string, unknown>) => ({
  transactions: [{ id: 'tx-1', category: 'groceries', confidence: 0.9 }],
  summary: { ...totals, by_category: { salary: '2500.00', groceries: '-54.47' }, by_month: { '2024-03': totals }, ...summary },
});
const issuesOf = (value: unknown) => analysisResultSchema.safeParse(value).error?.issues.map(({ code, path, message }) => ({ code, path, message }));

describe('analysisResultSchema: the issues it reports', () => {
  it('names a figure written with a thousands separator', () => {
    expect(issuesOf(answer({ by_category: { salary: '2,500.00', groceries: '-54.47' } }))).toEqual([
      { code: 'invalid_format', path: ['summary', 'by_category', 'salary'], message: 'must be a decimal string (no float, no thousands separator)' },
    ]);
  });

  it('reports a total that is not a decimal once, without checking the sum', () => {
    expect(issuesOf(answer({ income: '2,500.00' }))).toEqual([
      { code: 'invalid_format', path: ['summary', 'income'], message: 'must be a decimal string (no float, no thousands separator)' },
    ]);
  });

  it('says which sign income and expenses must have', () => {
    expect(issuesOf(answer({ income: '-1.00', expenses: '0.00', net: '-1.00' }))).toEqual([
      { code: 'custom', path: ['summary', 'income'], message: 'income must be >= 0' },
    ]);
    expect(issuesOf(answer({ income: '0.00', expenses: '54.47', net: '54.47' }))).toEqual([
      { code: 'custom', path: ['summary', 'expenses'], message: 'expenses must be <= 0 (debits are negative)' },
    ]);
  });

  it('shows the figures of a net that does not add up', () => {
    expect(issuesOf(answer({ net: '2554.47' }))).toEqual([
      { code: 'custom', path: ['summary', 'net'], message: 'net 2554.47 is not income 2500.00 + expenses -54.47' },
    ]);
  });

  it.each(['2024-03-01', 'FY2024-03'])('refuses the month key %j', (month) => {
    const issues = analysisResultSchema.safeParse(answer({ by_month: { [month]: totals } })).error?.issues;
    expect(issues).toEqual([
      expect.objectContaining({ code: 'invalid_key', path: ['summary', 'by_month', month], issues: [expect.objectContaining({ message: 'must be a month YYYY-MM' })] }),
    ]);
  });
});
