// The statements the bench's stand-in downstreams answer with (bench/lib/statement.js) must follow the real
// Document Processor and Transaction Analyzer contracts, or the bench measures something no user sends.
import { analyzeTransactions } from '@cashflow/categorizer';
import Big from 'big.js';
// @ts-expect-error: a plain ES module of the bench, without type declarations
import { analysis, extraction } from '../../bench/lib/statement.js';

const DECIMAL = /^-?\d+\.\d{2}$/;

describe('bench statements', () => {
  it.each([5, 100, 1000])('holds %i transactions with unique ids, decimal-string amounts and balances that add up', (size) => {
    const doc = extraction(size);
    expect(doc.transactions).toHaveLength(size);
    expect(new Set(doc.transactions.map((t: { id: string }) => t.id)).size).toBe(size);
    let sum = new Big(0);
    for (const t of doc.transactions) {
      expect(t.amount).toMatch(DECIMAL);
      expect(t.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(typeof t.label).toBe('string');
      expect(t.currency).toBe('EUR');
      sum = sum.plus(t.amount);
    }
    expect(new Big(doc.opening_balance.amount).plus(sum).toFixed(2)).toBe(doc.closing_balance.amount);
    expect(doc.period).toEqual({ start: doc.transactions[0].date, end: doc.transactions.at(-1).date });
    expect(extraction(size)).toEqual(doc);
  });

  it('comes with the Transaction Analyzer\'s own analysis: every id categorised, expenses negative, net = income + expenses', async () => {
    const doc = extraction(100);
    const result = await analysis(doc, 'bench-user', analyzeTransactions);
    expect(result.transactions.map((t: { id: string }) => t.id).sort()).toEqual(doc.transactions.map((t: { id: string }) => t.id).sort());
    const { income, expenses, net } = result.summary;
    for (const value of [income, expenses, net]) expect(value).toMatch(DECIMAL);
    expect(new Big(expenses).lt(0)).toBe(true);
    expect(new Big(income).gt(0)).toBe(true);
    expect(new Big(income).plus(expenses).toFixed(2)).toBe(net);
    const debits = doc.transactions.filter((t: { amount: string }) => t.amount.startsWith('-')).reduce((s: Big, t: { amount: string }) => s.plus(t.amount), new Big(0));
    expect(debits.toFixed(2)).toBe(expenses);
  });
});
