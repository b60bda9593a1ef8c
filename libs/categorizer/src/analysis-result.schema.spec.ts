import { analysisResultSchema, cashflowTotalsSchema } from './analysis-result.schema.js';
import type { AnalysisTransactionInput } from './categorizer.types.js';
import { analyzeTransactions } from './transaction-analyzer.js';

const tx = (id: string, date: string, amount: string, label: string, currency = 'EUR'): AnalysisTransactionInput => ({ id, date, amount, currency, label });

const valid = {
  transactions: [{ id: 'tx-1', category: 'groceries', confidence: 0.9 }],
  summary: {
    income: '2500.00',
    expenses: '-54.47',
    net: '2445.53',
    by_category: { salary: '2500.00', groceries: '-54.47' },
    by_month: { '2024-03': { income: '2500.00', expenses: '-54.47', net: '2445.53' } },
  },
};
const summary = (over: Record<string, unknown>) => ({ ...valid, summary: { ...valid.summary, ...over } });

describe('analysisResultSchema', () => {
  it.each([
    ['income and expenses over months', [tx('1', '2024-01-28', '2450.00', 'VIR SEPA RECU /DE ACME SAS /MOTIF SALAIRE'), tx('2', '2024-02-12', '-6.60', 'CB CARREFOUR 12/02'), tx('3', '2024-02-14', '-13.49', 'CB NETFLIX.COM 14/03')]],
    ['expenses only', [tx('1', '2024-02-12', '-6.60', 'CB CARREFOUR 12/02')]],
    ['several currencies', [tx('1', '2024-02-12', '-6.60', 'CB CARREFOUR 12/02'), tx('2', '2024-02-13', '10.5', 'REFUND', 'USD'), tx('3', '2024-02-14', '-1.005', 'FEE', 'USD')]],
    ['no transactions', []],
  ])('accepts what the categorizer answers for %s', (_what, transactions) => {
    const answer = JSON.parse(JSON.stringify(analyzeTransactions({ user_id: 'u', transactions })));
    expect(analysisResultSchema.safeParse(answer).error?.issues).toBeUndefined();
  });

  it('accepts the documented contract, and fields beyond it', () => {
    expect(analysisResultSchema.safeParse(valid).success).toBe(true);
    expect(analysisResultSchema.safeParse({ ...summary({ currency: 'EUR' }), recurring: [] }).success).toBe(true);
    expect(analysisResultSchema.safeParse(summary({ income: '0', expenses: '0.00', net: '0.00', by_category: {}, by_month: {} })).success).toBe(true);
  });

  it.each([
    ['expenses reported positive', summary({ expenses: '54.47', net: '2554.47' }), ['summary', 'expenses']],
    ['income reported negative', summary({ income: '-1.00', expenses: '0.00', net: '-1.00' }), ['summary', 'income']],
    ['a net that is not income + expenses', summary({ net: '2445.54' }), ['summary', 'net']],
    ['a net computed as income - expenses', summary({ net: '2554.47' }), ['summary', 'net']],
    ['a total sent as a JSON number', summary({ income: 2500 }), ['summary', 'income']],
    ['a category total that is not a decimal', summary({ by_category: { groceries: '-54.47 EUR' } }), ['summary', 'by_category', 'groceries']],
    ['a month given as one figure', summary({ by_month: { '2024-03': '2445.53' } }), ['summary', 'by_month', '2024-03']],
    ['a month key that is not YYYY-MM', summary({ by_month: { March: valid.summary.by_month['2024-03'] } }), ['summary', 'by_month', 'March']],
    ['a month whose expenses are positive', summary({ by_month: { '2024-03': { income: '0.00', expenses: '1.00', net: '1.00' } } }), ['summary', 'by_month', '2024-03', 'expenses']],
    ['a month whose net does not add up', summary({ by_month: { '2024-03': { income: '1.00', expenses: '-1.00', net: '2.00' } } }), ['summary', 'by_month', '2024-03', 'net']],
    ['a confidence above 1', { ...valid, transactions: [{ id: 'tx-1', category: 'groceries', confidence: 1.5 }] }, ['transactions', 0, 'confidence']],
    ['a confidence below 0', { ...valid, transactions: [{ id: 'tx-1', category: 'groceries', confidence: -0.1 }] }, ['transactions', 0, 'confidence']],
    ['a transaction without category', { ...valid, transactions: [{ id: 'tx-1', category: '', confidence: 0.5 }] }, ['transactions', 0, 'category']],
    ['a transaction without id', { ...valid, transactions: [{ id: '', category: 'other', confidence: 0.5 }] }, ['transactions', 0, 'id']],
    ['no summary', { transactions: [] }, ['summary']],
  ])('refuses %s, naming the field', (_what, answer, field) => {
    const result = analysisResultSchema.safeParse(answer);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path)).toContainEqual(field);
  });

  it('checks the totals exactly, not as floats', () => {
    expect(cashflowTotalsSchema.safeParse({ income: '0.1', expenses: '-0.3', net: '-0.2' }).success).toBe(true);
    expect(cashflowTotalsSchema.safeParse({ income: '0.1', expenses: '-0.3', net: '-0.19999999999999998' }).success).toBe(false);
  });
});
