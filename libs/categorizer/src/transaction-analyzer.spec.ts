import { CategorizerError } from './categorizer.error.js';
import type { AnalysisTransactionInput } from './categorizer.types.js';
import { analyzeTransactions } from './transaction-analyzer.js';

const tx = (id: string, date: string, amount: string, label: string, currency = 'EUR'): AnalysisTransactionInput => ({ id, date, amount, currency, label });

function errorOf(run: () => unknown): CategorizerError {
  try {
    run();
  } catch (error) {
    if (error instanceof CategorizerError) return error;
    throw error;
  }
  throw new Error('expected a CategorizerError');
}

describe(analyzeTransactions.name, () => {
  const transactions = [
    tx('1', '2024-01-05', '-780.00', 'VIR SEPA EMIS /MOTIF LOYER JANVIER /BEN SCI DES LILAS'),
    tx('2', '2024-01-28', '2450.00', 'VIR SEPA RECU /DE ACME SAS /MOTIF SALAIRE JANVIER'),
    tx('3', '2024-02-05', '-780.00', 'VIR SEPA EMIS /MOTIF LOYER FEVRIER /BEN SCI DES LILAS'),
    tx('4', '2024-02-12', '-6.60', 'CB CARREFOUR 12/02'),
    tx('5', '2024-02-28', '2450.00', 'VIR SEPA RECU /DE ACME SAS /MOTIF SALAIRE FEVRIER'),
    tx('6', '2024-03-05', '-780.00', 'VIR SEPA EMIS /MOTIF LOYER MARS /BEN SCI DES LILAS'),
    tx('7', '2024-03-14', '-13.49', 'CB NETFLIX.COM 14/03'),
  ];

  it('serves the Transaction Analyzer contract', () => {
    const result = analyzeTransactions({ user_id: 'u1', transactions });
    expect(result.transactions.map(({ id, category }) => [id, category])).toEqual([
      ['1', 'housing'],
      ['2', 'salary'],
      ['3', 'housing'],
      ['4', 'groceries'],
      ['5', 'salary'],
      ['6', 'housing'],
      ['7', 'subscriptions'],
    ]);
    for (const t of result.transactions) {
      expect(t.confidence).toBeGreaterThanOrEqual(0);
      expect(t.confidence).toBeLessThanOrEqual(1);
      expect(t.rule).not.toBe('');
    }
    expect(result.summary).toMatchObject({
      currency: 'EUR',
      income: '4900.00',
      expenses: '-2360.09',
      net: '2539.91',
      by_category: { groceries: '-6.60', housing: '-2340.00', salary: '4900.00', subscriptions: '-13.49' },
      by_month: {
        '2024-01': { income: '2450.00', expenses: '-780.00', net: '1670.00' },
        '2024-02': { income: '2450.00', expenses: '-786.60', net: '1663.40' },
        '2024-03': { income: '0.00', expenses: '-793.49', net: '-793.49' },
      },
    });
  });

  it('marks the recurring rent', () => {
    const result = analyzeTransactions({ user_id: 'u1', transactions });
    expect(result.recurring).toEqual([
      expect.objectContaining({ counterparty: 'SCI DES LILAS', interval: 'monthly', transaction_ids: ['1', '3', '6'], next_expected_date: '2024-04-05' }),
    ]);
    const rent = result.transactions.find((t) => t.id === '1')!;
    expect(rent).toMatchObject({ recurring: true, recurring_series_id: result.recurring[0]!.id });
    expect(result.transactions.find((t) => t.id === '4')).toMatchObject({ recurring: false });
    expect(analyzeTransactions({ user_id: 'u1', transactions }, { recurring: false }).recurring).toEqual([]);
  });

  it('applies user rule sets before the built-in rules', () => {
    const ruleSets = [{ rules: [{ id: 'groceries-are-leisure', category: 'leisure', match: { counterparty: 'CARREFOUR' } }] }];
    const result = analyzeTransactions({ user_id: 'u1', transactions }, { ruleSets });
    expect(result.transactions.find((t) => t.id === '4')).toMatchObject({ category: 'leisure', rule: 'user:groceries-are-leisure' });
  });

  it('names the bad rule set and field', () => {
    const ruleSets = [{ rules: [] }, { rules: [{ id: 'x', category: 'leisure', match: { regex: '[' } }] }];
    expect(errorOf(() => analyzeTransactions({ user_id: 'u1', transactions }, { ruleSets }))).toMatchObject({
      code: 'INVALID_RULE_SET',
      field: 'ruleSets[1].rules[0].match.regex',
    });
  });

  it('summarises several currencies apart, or refuses them when asked', () => {
    const mixed = [tx('a', '2024-03-01', '-10.00', 'CB TESCO', 'GBP'), tx('b', '2024-03-01', '-5.00', 'CB LIDL'), tx('c', '2024-03-02', '-2.50', 'CB LIDL')];
    const result = analyzeTransactions({ user_id: 'u1', transactions: mixed });
    expect(result.summary).toMatchObject({ currency: 'EUR', expenses: '-7.50', currencies: ['EUR', 'GBP'] });
    expect(result.summary.by_currency.GBP).toMatchObject({ expenses: '-10.00', by_category: { groceries: '-10.00' } });
    expect(analyzeTransactions({ user_id: 'u1', transactions: mixed }, { currency: 'gbp' }).summary.currency).toBe('GBP');
    expect(errorOf(() => analyzeTransactions({ user_id: 'u1', transactions: mixed }, { multiCurrency: 'refuse' })).code).toBe('MIXED_CURRENCIES');
  });

  it('accepts a date-time and an MCC', () => {
    const result = analyzeTransactions({
      user_id: 'u1',
      transactions: [{ id: 'm', date: '2024-03-01T10:00:00+01:00', amount: '-12.00', currency: 'eur', label: 'XJQ 4412', mcc: 5812 }],
    });
    expect(result.transactions[0]).toMatchObject({ category: 'restaurants', rule: 'mcc:5812' });
    expect(result.summary.by_month).toHaveProperty('2024-03');
  });

  it.each([
    [{ transactions: [] }, 'user_id'],
    [{ user_id: 'u1' }, 'transactions'],
    [{ user_id: 'u1', transactions: [{ ...tx('1', '2024-01-01', '1', 'X'), amount: 1.5 }] }, 'transactions[0].amount'],
    [{ user_id: 'u1', transactions: [tx('1', '2024-01-01', '1,50', 'X')] }, 'transactions[0].amount'],
    [{ user_id: 'u1', transactions: [tx('1', '2024-02-30', '1', 'X')] }, 'transactions[0].date'],
    [{ user_id: 'u1', transactions: [tx('1', '2024-01-01', '1', 'X', 'EURO')] }, 'transactions[0].currency'],
    [{ user_id: 'u1', transactions: [tx('1', '2024-01-01', '1', 'X'), tx('1', '2024-01-02', '2', 'Y')] }, 'transactions[1].id'],
    [{ user_id: 'u1', transactions: [{ ...tx('1', '2024-01-01', '1', 'X'), label: null }] }, 'transactions[0].label'],
  ])('refuses invalid input %j naming %s', (input, field) => {
    expect(errorOf(() => analyzeTransactions(input as never))).toMatchObject({ code: 'INVALID_INPUT', field, kind: 'permanent' });
  });

  it('handles an empty statement', () => {
    const result = analyzeTransactions({ user_id: 'u1', transactions: [] });
    expect(result).toMatchObject({ transactions: [], recurring: [], summary: { currency: null, income: '0.00', net: '0.00' } });
  });
});
