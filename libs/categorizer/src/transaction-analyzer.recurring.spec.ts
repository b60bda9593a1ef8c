import { analyzeTransactions } from './transaction-analyzer.js';

const rent = (id: string, date: string) => ({ id, date, amount: '-780.00', currency: 'EUR', label: 'VIR SEPA EMIS /MOTIF LOYER /BEN SCI DES LILAS' });

describe(`${analyzeTransactions.name}: recurring payments`, () => {
  it('dates a series by the date part of date-times', () => {
    const transactions = [rent('1', '2024-01-05T09:30:00+01:00'), rent('2', '2024-02-05T09:30:00+01:00'), rent('3', '2024-03-05T09:30:00+01:00')];
    const [series] = analyzeTransactions({ user_id: 'u1', transactions }).recurring;
    expect(series).toMatchObject({ first_date: '2024-01-05', last_date: '2024-03-05', next_expected_date: '2024-04-05' });
  });

  it('gives no series id to a transaction outside every series', () => {
    const transactions = [rent('1', '2024-01-05'), rent('2', '2024-02-05'), rent('3', '2024-03-05'), { ...rent('4', '2024-03-12'), amount: '-6.60', label: 'CB CARREFOUR 12/03' }];
    const result = analyzeTransactions({ user_id: 'u1', transactions });
    const seriesId = result.recurring[0]?.id;
    expect(result.transactions.map((t) => t.recurring_series_id)).toEqual([seriesId, seriesId, seriesId, undefined]);
    expect(result.transactions[3]).not.toHaveProperty('recurring_series_id');
  });
});
