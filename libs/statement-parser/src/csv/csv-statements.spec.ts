import type { AccountInfo, ParseWarning } from '../statement.types.js';
import type { CsvRow } from './csv-rows.js';
import { groupStatements } from './csv-statements.js';

/*
 * Rows grouped into statements, with their period and balances: the parser's specs have one file per balance style,
 * where an opening balance taken from the wrong end of a newest-first file can still reconcile.
 */

interface RowSpec {
  date: string;
  amount: string;
  balance?: string;
  account?: string;
  accountName?: string;
  currency?: string;
  line?: number;
}

function row({ date, amount, balance, account, accountName, currency = 'EUR', line = 2 }: RowSpec): CsvRow {
  return {
    account,
    accountName,
    transaction: { id: `tx-${line}`, date, amount, currency, label: `row ${line}`, raw: {} },
    balance,
    line,
  };
}

const FALLBACK: AccountInfo = { id: '****1234', name: 'COMPTE CHEQUES' };

function group(rows: CsvRow[], accountLevel = false, currency: string | null = 'EUR') {
  const warnings: ParseWarning[] = [];
  const statements = groupStatements(rows, FALLBACK, currency, accountLevel, warnings);
  return { statements, warnings };
}

describe(groupStatements.name, () => {
  it('puts rows without an account into one statement of the fallback account, in file order', () => {
    const rows = [row({ date: '2024-01-05', amount: '-1.00', line: 2 }), row({ date: '2024-01-02', amount: '2.00', line: 3 }), row({ date: '2024-01-09', amount: '3.00', line: 4 })];
    const { statements, warnings } = group(rows);
    expect(statements).toStrictEqual([
      { account: { id: '****1234', name: 'COMPTE CHEQUES' }, currency: 'EUR', period: { start: '2024-01-02', end: '2024-01-09' }, transactions: rows.map((r) => r.transaction) },
    ]);
    expect(warnings).toEqual([]);
  });

  it('takes the currency of the first row over the file currency', () => {
    const { statements } = group([row({ date: '2024-01-05', amount: '-1.00', currency: 'USD' })], false, 'EUR');
    expect(statements[0]!.currency).toBe('USD');
  });

  it('gives one empty statement of the fallback account when no row was kept', () => {
    expect(group([], false, 'GBP').statements).toStrictEqual([{ account: { id: '****1234', name: 'COMPTE CHEQUES' }, currency: 'GBP', period: { start: null, end: null }, transactions: [] }]);
    expect(group([], false, null).statements[0]!.currency).toBeNull();
  });

  it('makes one statement per account, in the order the accounts first appear, named from any of its rows', () => {
    const a1 = row({ date: '2024-01-03', amount: '-1.00', account: '00040123456', line: 2 });
    const b1 = row({ date: '2024-01-04', amount: '500.00', account: '00040987654', line: 3 });
    const a2 = row({ date: '2024-01-05', amount: '2.00', account: '00040123456', accountName: 'BoursoBank', line: 4 });
    const none = row({ date: '2024-01-06', amount: '3.00', line: 5 });
    const { statements } = group([a1, b1, a2, none]);
    expect(statements.map((s) => [s.account, s.period, s.transactions.map((t) => t.id)])).toEqual([
      [{ id: '00040123456', name: 'BoursoBank' }, { start: '2024-01-03', end: '2024-01-05' }, ['tx-2', 'tx-4']],
      [{ id: '00040987654' }, { start: '2024-01-04', end: '2024-01-04' }, ['tx-3']],
      [{ id: '****1234', name: 'COMPTE CHEQUES' }, { start: '2024-01-06', end: '2024-01-06' }, ['tx-5']],
    ]);
    expect(statements[1]!.account).toStrictEqual({ id: '00040987654' });
  });

  describe('balances', () => {
    it('reads a running balance as opening before the first row and closing after the last', () => {
      const { statements, warnings } = group([
        row({ date: '2024-01-02', amount: '-10.00', balance: '90.00', line: 2 }),
        row({ date: '2024-01-05', amount: '50.00', balance: '140.00', line: 3 }),
      ]);
      expect(statements[0]).toMatchObject({ opening_balance: { amount: '100.00', date: '2024-01-02' }, closing_balance: { amount: '140.00', date: '2024-01-05' } });
      expect(warnings).toEqual([]);
    });

    it('reads a newest-first running balance from its oldest row', () => {
      const { statements, warnings } = group([
        row({ date: '2024-01-05', amount: '50.00', balance: '140.00', line: 2 }),
        row({ date: '2024-01-02', amount: '-10.00', balance: '90.00', line: 3 }),
      ]);
      expect(statements[0]).toMatchObject({ opening_balance: { amount: '100.00', date: '2024-01-02' }, closing_balance: { amount: '140.00', date: '2024-01-05' } });
      expect(statements[0]!.transactions.map((t) => t.id)).toEqual(['tx-2', 'tx-3']);
      expect(warnings).toEqual([]);
    });

    it('keeps the file order for rows of one day', () => {
      const { statements } = group([
        row({ date: '2024-01-02', amount: '5.00', balance: '105.00', line: 2 }),
        row({ date: '2024-01-02', amount: '-10.00', balance: '95.00', line: 3 }),
      ]);
      expect(statements[0]).toMatchObject({ opening_balance: { amount: '100.00', date: '2024-01-02' }, closing_balance: { amount: '95.00', date: '2024-01-02' } });
    });

    it('reads the balance of a single row as the balance after it', () => {
      const { statements } = group([row({ date: '2024-01-02', amount: '-10.00', balance: '90.00' })]);
      expect(statements[0]).toMatchObject({ opening_balance: { amount: '100.00', date: '2024-01-02' }, closing_balance: { amount: '90.00', date: '2024-01-02' } });
    });

    it('reads a balance repeated on every row as the closing balance only', () => {
      const { statements } = group([
        row({ date: '2024-01-02', amount: '-10.00', balance: '1532.10', line: 2 }),
        row({ date: '2024-01-05', amount: '50.00', balance: '1532.1', line: 3 }),
      ]);
      expect(statements[0]!.closing_balance).toStrictEqual({ amount: '1532.10' });
      expect(statements[0]).not.toHaveProperty('opening_balance');
    });

    it('reads an account-level balance column as the closing balance, from the first row', () => {
      const { statements, warnings } = group([
        row({ date: '2024-01-05', amount: '50.00', balance: '1532.10', line: 2 }),
        row({ date: '2024-01-02', amount: '-10.00', balance: '1000.00', line: 3 }),
      ], true);
      expect(statements[0]!.closing_balance).toStrictEqual({ amount: '1532.10' });
      expect(statements[0]).not.toHaveProperty('opening_balance');
      expect(warnings).toEqual([]);
    });

    it('states no balance when a row has none', () => {
      const { statements } = group([
        row({ date: '2024-01-02', amount: '-10.00', balance: '90.00', line: 2 }),
        row({ date: '2024-01-05', amount: '50.00', line: 3 }),
      ]);
      expect(statements[0]).not.toHaveProperty('opening_balance');
      expect(statements[0]).not.toHaveProperty('closing_balance');
    });

    it('reports balances that do not follow the amounts, naming the account and its first row', () => {
      const warnings: ParseWarning[] = [{ code: 'ROW_SKIPPED', message: 'earlier', line: 1 }];
      groupStatements(
        [
          row({ date: '2024-01-02', amount: '-10.00', balance: '90.00', account: 'FR761234', line: 5 }),
          row({ date: '2024-01-05', amount: '50.00', balance: '150.00', account: 'FR761234', line: 6 }),
        ],
        FALLBACK,
        'EUR',
        false,
        warnings,
      );
      expect(warnings).toEqual([
        { code: 'ROW_SKIPPED', message: 'earlier', line: 1 },
        {
          code: 'BALANCE_MISMATCH',
          message: 'statement for account FR761234: opening balance 100.00 + entries 40.00 = 140.00, but the closing balance is 150.00 (difference 10.00)',
          line: 5,
        },
      ]);
    });
  });
});
