import { checkBalances } from '../balance-check.js';
import { decimalsEqual, subtractDecimal } from '../decimal.js';
import type { AccountInfo, ParsedStatementPart, ParseWarning } from '../statement.types.js';
import type { CsvRow } from './csv-rows.js';

/**
 * A balance column is either a running balance (Revolut: balance after each row) or the account's
 * current balance repeated on every row (Boursorama `accountbalance`); only the first reconciles.
 */
function balances(rows: CsvRow[], accountLevel: boolean): Pick<ParsedStatementPart, 'opening_balance' | 'closing_balance'> {
  if (rows.length === 0 || rows.some((r) => r.balance === undefined)) return {};
  const values = rows.map((r) => r.balance!);
  if (accountLevel || (rows.length > 1 && values.every((v) => decimalsEqual(v, values[0]!)))) return { closing_balance: { amount: values[0]! } };
  const descending = rows[0]!.transaction.date > rows[rows.length - 1]!.transaction.date;
  const chronological = descending ? [...rows].reverse() : rows;
  const first = chronological[0]!;
  const last = chronological[chronological.length - 1]!;
  return {
    opening_balance: { amount: subtractDecimal(first.balance!, first.transaction.amount), date: first.transaction.date },
    closing_balance: { amount: last.balance!, date: last.transaction.date },
  };
}

/** One statement per account column value (Boursorama exports several accounts in one file). */
export function groupStatements(
  rows: CsvRow[],
  fallbackAccount: AccountInfo,
  currency: string | null,
  accountLevelBalance: boolean,
  warnings: ParseWarning[],
): ParsedStatementPart[] {
  const groups = new Map<string, CsvRow[]>();
  for (const row of rows) {
    const key = row.account ?? '';
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  if (groups.size === 0) groups.set('', []);
  return [...groups.entries()].map(([key, group]) => {
    const dates = group.map((r) => r.transaction.date).sort();
    const name = group.find((r) => r.accountName)?.accountName;
    const account: AccountInfo = key ? { id: key, ...(name ? { name } : {}) } : fallbackAccount;
    const part: ParsedStatementPart = {
      account,
      currency: group[0]?.transaction.currency ?? currency,
      period: { start: dates[0] ?? null, end: dates[dates.length - 1] ?? null },
      ...balances(group, accountLevelBalance),
      transactions: group.map((r) => r.transaction),
    };
    const mismatch = checkBalances(part, `for account ${account.id}`, group[0] ? { line: group[0].line } : {});
    if (mismatch) warnings.push(mismatch);
    return part;
  });
}
