import { CategorizerError } from './categorizer.error.js';
import { summarizeCashflow, type SummaryItem } from './cashflow-summary.js';

const item = (date: string, amount: string, currency = 'EUR'): SummaryItem => ({ date, amount, category: 'groceries', currency });

describe(`${summarizeCashflow.name}: currencies`, () => {
  it('summarises a single currency even when mixed currencies are refused', () => {
    const summary = summarizeCashflow([item('2024-03-01', '-10.00'), item('2024-03-02', '-5.50')], { multiCurrency: 'refuse' });
    expect(summary).toMatchObject({ currency: 'EUR', expenses: '-15.50', currencies: ['EUR'] });
  });

  it('says which currencies are mixed and what to do', () => {
    let error: unknown;
    try {
      summarizeCashflow([item('2024-03-01', '-1.00', 'USD'), item('2024-03-01', '-1.00', 'EUR')], { multiCurrency: 'refuse' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CategorizerError);
    expect(error).toMatchObject({
      code: 'MIXED_CURRENCIES',
      field: 'transactions',
      message: 'transactions: transactions mix currencies (EUR, USD); send one currency per request',
    });
  });

  it('gives zeros at the top level for a requested currency with no transactions', () => {
    const summary = summarizeCashflow([item('2024-03-01', '-10.00')], { currency: 'USD' });
    expect(summary).toMatchObject({ currency: 'USD', transaction_count: 0, income: '0.00', expenses: '0.00', net: '0.00', by_category: {}, by_month: {} });
    expect(summary.by_currency.EUR?.expenses).toBe('-10.00');
  });
});
