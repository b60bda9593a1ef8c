import { CategorizerError } from './categorizer.error.js';
import { summarizeCashflow, type SummaryItem } from './cashflow-summary.js';

const item = (date: string, amount: string, category: string, currency = 'EUR'): SummaryItem => ({ date, amount, category, currency });

describe(summarizeCashflow.name, () => {
  it('sums exactly where binary floats would not', () => {
    const summary = summarizeCashflow([item('2024-03-01', '0.1', 'refund'), item('2024-03-02', '0.2', 'refund'), item('2024-03-03', '-0.3', 'groceries')]);
    expect(summary).toMatchObject({ income: '0.30', expenses: '-0.30', net: '0.00', by_category: { groceries: '-0.30', refund: '0.30' } });
  });

  it('keeps the precision of the inputs and signs expenses negative', () => {
    const summary = summarizeCashflow([
      item('2024-03-01', '2450.00', 'salary'),
      item('2024-03-02', '-6.60', 'restaurants'),
      item('2024-03-20', '-1234.567', 'housing'),
      item('2024-04-01', '-0.005', 'bank_fees'),
    ]);
    expect(summary).toMatchObject({ currency: 'EUR', transaction_count: 4, income: '2450.000', expenses: '-1241.172', net: '1208.828' });
    expect(summary.by_month).toEqual({
      '2024-03': { income: '2450.000', expenses: '-1241.167', net: '1208.833' },
      '2024-04': { income: '0.000', expenses: '-0.005', net: '-0.005' },
    });
    expect(Object.keys(summary.by_category)).toEqual(['bank_fees', 'housing', 'restaurants', 'salary']);
  });

  it('adds 1,000 cents to exactly 10.00', () => {
    const items = Array.from({ length: 1000 }, (_, i) => item('2024-03-01', '0.01', `c${i % 3}`));
    expect(summarizeCashflow(items).income).toBe('10.00');
  });

  it('summarises each currency apart and puts the main one at the top level', () => {
    const summary = summarizeCashflow([
      item('2024-03-01', '-10.00', 'groceries', 'EUR'),
      item('2024-03-02', '-20.00', 'groceries', 'GBP'),
      item('2024-03-03', '-5.00', 'groceries', 'GBP'),
    ]);
    expect(summary.currencies).toEqual(['EUR', 'GBP']);
    expect(summary).toMatchObject({ currency: 'GBP', expenses: '-25.00', transaction_count: 2 });
    expect(summary.by_currency.EUR).toMatchObject({ currency: 'EUR', expenses: '-10.00', transaction_count: 1 });
    expect(summary.by_currency.GBP?.expenses).toBe('-25.00');
  });

  it('uses the requested currency for the top level', () => {
    const summary = summarizeCashflow([item('2024-03-01', '-10.00', 'x', 'EUR'), item('2024-03-02', '-20.00', 'x', 'GBP')], { currency: 'EUR' });
    expect(summary).toMatchObject({ currency: 'EUR', expenses: '-10.00' });
  });

  it('refuses mixed currencies when asked to', () => {
    expect(() => summarizeCashflow([item('2024-03-01', '1', 'x', 'EUR'), item('2024-03-01', '1', 'x', 'USD')], { multiCurrency: 'refuse' })).toThrow(
      expect.objectContaining({ code: 'MIXED_CURRENCIES', message: expect.stringContaining('EUR, USD') }) as unknown as CategorizerError,
    );
  });

  it('summarises nothing as zeros', () => {
    expect(summarizeCashflow([])).toEqual({
      currency: null,
      transaction_count: 0,
      income: '0.00',
      expenses: '0.00',
      net: '0.00',
      by_category: {},
      by_month: {},
      currencies: [],
      by_currency: {},
    });
  });
});
