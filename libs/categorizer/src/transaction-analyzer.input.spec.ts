import { CategorizerError } from './categorizer.error.js';
import { analyzeTransactions } from './transaction-analyzer.js';

function errorOf(input: unknown): CategorizerError {
  try {
    analyzeTransactions(input as never);
  } catch (error) {
    if (error instanceof CategorizerError) return error;
    throw error;
  }
  throw new Error('expected a CategorizerError');
}

const good = { id: 't1', date: '2024-03-12', amount: '-6.60', currency: 'EUR', label: 'CB CARREFOUR 12/03' };
const withTx = (over: Record<string, unknown>) => ({ user_id: 'u1', transactions: [{ ...good, ...over }] });

describe(`${analyzeTransactions.name}: invalid input`, () => {
  it.each([
    [null, '$', 'must be an object with user_id and transactions'],
    ['t1,2024-03-12,-6.60', '$', 'must be an object with user_id and transactions'],
    [{ user_id: '', transactions: [] }, 'user_id', 'must be a non-empty string'],
    [{ user_id: 'u1', transactions: {} }, 'transactions', 'must be a list'],
    [{ user_id: 'u1', transactions: [null] }, 'transactions[0]', 'must be an object'],
    [{ user_id: 'u1', transactions: ['t1'] }, 'transactions[0]', 'must be an object'],
    [withTx({ id: undefined }), 'transactions[0].id', 'must be a non-empty string'],
    [withTx({ id: '' }), 'transactions[0].id', 'must be a non-empty string'],
    [{ user_id: 'u1', transactions: [good, good] }, 'transactions[1].id', 'duplicates transactions[0].id "t1"'],
    [withTx({ date: ['2024-03-12'] }), 'transactions[0].date', 'must be an ISO date YYYY-MM-DD'],
    [withTx({ date: '2024-03-12 10:00' }), 'transactions[0].date', 'must be an ISO date YYYY-MM-DD'],
    [withTx({ date: '2024-03-12/2024-03-13' }), 'transactions[0].date', 'must be an ISO date YYYY-MM-DD'],
    [withTx({ amount: -6.6 }), 'transactions[0].amount', 'must be a decimal string such as "-6.60", not a JSON number'],
    [withTx({ amount: '-6,60' }), 'transactions[0].amount', 'must be a decimal string such as "-6.60"'],
    [withTx({ currency: ['EUR'] }), 'transactions[0].currency', 'must be an ISO 4217 code such as "EUR"'],
    [withTx({ label: 42 }), 'transactions[0].label', 'must be a string'],
    [withTx({ mcc: '58a2' }), 'transactions[0].mcc', 'must be a merchant category code (up to 4 digits)'],
    [withTx({ mcc: 'MCC5812' }), 'transactions[0].mcc', 'must be a merchant category code (up to 4 digits)'],
    [withTx({ mcc: '58123' }), 'transactions[0].mcc', 'must be a merchant category code (up to 4 digits)'],
    [withTx({ mcc: 58123 }), 'transactions[0].mcc', 'must be a merchant category code (up to 4 digits)'],
    [withTx({ mcc: -5812 }), 'transactions[0].mcc', 'must be a merchant category code (up to 4 digits)'],
    [withTx({ mcc: 58.12 }), 'transactions[0].mcc', 'must be a merchant category code (up to 4 digits)'],
  ])('refuses %j naming %s', (input, field, detail) => {
    expect(errorOf(input)).toMatchObject({ code: 'INVALID_INPUT', field, message: `${field}: ${detail}` });
  });

  it('accepts a merchant category code given as a string of up to 4 digits', () => {
    const result = analyzeTransactions(withTx({ label: 'XJQ 4412', mcc: '5812' }));
    expect(result.transactions[0]).toMatchObject({ category: 'restaurants', rule: 'mcc:5812' });
    expect(analyzeTransactions(withTx({ label: 'XJQ 4412', mcc: '742' })).transactions[0]?.rule).toBe('mcc:0742');
  });

  it.each([0, 9999])('accepts the numeric merchant category code %j', (mcc) => {
    expect(analyzeTransactions(withTx({ mcc })).transactions).toHaveLength(1);
  });
});
