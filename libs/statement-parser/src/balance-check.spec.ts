import { checkBalances } from './balance-check.js';
import type { ParsedStatementPart, StatementTransaction } from './statement.types.js';

const tx = (amount: string): StatementTransaction => ({ id: `t${amount}`, date: '2024-03-01', amount, currency: 'EUR', label: 'x', raw: {} });
const balance = (amount: string) => ({ amount, date: '2024-03-01' });

function part(opening: string | undefined, amounts: string[], closing: string | undefined): ParsedStatementPart {
  return {
    transactions: amounts.map(tx),
    ...(opening !== undefined ? { opening_balance: balance(opening) } : {}),
    ...(closing !== undefined ? { closing_balance: balance(closing) } : {}),
  } as ParsedStatementPart;
}

describe(checkBalances.name, () => {
  it('finds nothing when opening plus the entries is the closing balance, to the cent', () => {
    expect(checkBalances(part('100.00', ['-30.10', '5.05'], '74.95'), 'S1')).toBeNull();
    expect(checkBalances(part('0.1', ['0.2'], '0.30'), 'S1')).toBeNull();
    expect(checkBalances(part('-10.00', [], '-10'), 'S1')).toBeNull();
  });

  it('cannot check without both balances', () => {
    expect(checkBalances(part(undefined, ['1.00'], '5.00'), 'S1')).toBeNull();
    expect(checkBalances(part('5.00', ['1.00'], undefined), 'S1')).toBeNull();
  });

  it('reports a mismatch with the sums and the difference, at the place it is given', () => {
    expect(checkBalances(part('100.00', ['-30.10', '5.05'], '75.00'), 'FR76-2024-03', { line: 12 })).toEqual({
      code: 'BALANCE_MISMATCH',
      message: 'statement FR76-2024-03: opening balance 100.00 + entries -25.05 = 74.95, but the closing balance is 75.00 (difference 0.05)',
      line: 12,
    });
  });

  it('reports a negative difference when the closing balance is short', () => {
    expect(checkBalances(part('10.00', ['-1.00'], '8.00'), 'S', { element: 'Stmt' })).toEqual({
      code: 'BALANCE_MISMATCH',
      message: 'statement S: opening balance 10.00 + entries -1.00 = 9.00, but the closing balance is 8.00 (difference -1.00)',
      element: 'Stmt',
    });
  });
});
