import { decimalsEqual, subtractDecimal, sumDecimals } from './decimal.js';
import type { ParsedStatementPart, ParseWarning } from './statement.types.js';

/**
 * Checks opening + sum(transactions) = closing. A mismatch is a finding, never a failure: banks
 * publish statements whose balances include entries they do not list.
 */
export function checkBalances(part: ParsedStatementPart, statementName: string, where: Pick<ParseWarning, 'line' | 'element'> = {}): ParseWarning | null {
  if (!part.opening_balance || !part.closing_balance) return null;
  const movement = sumDecimals(part.transactions.map((t) => t.amount));
  const expected = sumDecimals([part.opening_balance.amount, movement]);
  if (decimalsEqual(expected, part.closing_balance.amount)) return null;
  return {
    code: 'BALANCE_MISMATCH',
    message:
      `statement ${statementName}: opening balance ${part.opening_balance.amount} + entries ${movement} = ${expected}, ` +
      `but the closing balance is ${part.closing_balance.amount} (difference ${subtractDecimal(part.closing_balance.amount, expected)})`,
    ...where,
  };
}
