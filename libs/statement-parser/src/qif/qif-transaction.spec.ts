import { StatementParseError } from '../statement-parse.error.js';
import type { ParseWarning, StatementTransaction } from '../statement.types.js';
import type { QifField } from './qif-records.js';
import { readQifTransaction, type QifRecordContext } from './qif-transaction.js';
import { parseFailure } from '../testing/parse-failure.js';

/*
 * One QIF record read into a transaction, field by field, with the whole answer compared: the parser's specs read
 * whole files, where a field read into the wrong key or a split folded into its neighbour still passes.
 */

/** `D1/2/20` lines, numbered from `first`, as readQifItems hands them over. */
function fields(lines: string[], first = 10): QifField[] {
  return lines.map((text, i) => ({ code: text[0]!, value: text.slice(1), line: first + i }));
}

function context(overrides: Partial<QifRecordContext> = {}): QifRecordContext {
  return { section: 'Bank', accountId: 'CHK', index: 0, currency: 'USD', dateOrder: 'MDY', decimalSeparator: '.', warnings: [], ...overrides };
}

function read(lines: string[], overrides: Partial<QifRecordContext> = {}): StatementTransaction {
  return readQifTransaction(fields(lines), 10, context(overrides));
}

function refusal(lines: string[], overrides: Partial<QifRecordContext> = {}): StatementParseError {
  return parseFailure(() => read(lines, overrides));
}

/** The source fields a QIF record keeps (always an object for QIF, never the raw text). */
const rawOf = (tx: StatementTransaction): Record<string, unknown> => tx.raw as Record<string, unknown>;

const withoutId = ({ id, ...rest }: StatementTransaction): Omit<StatementTransaction, 'id'> => {
  expect(id).toMatch(/^qif-[0-9a-f]{16}$/);
  return rest;
};

describe(readQifTransaction.name, () => {
  it('reads a plain bank record into every field it names', () => {
    expect(withoutId(read(['D6/ 1/94', 'T-1,000.00', 'N1005', 'PBank Of Mortgage ', 'MMonthly payment', 'LHousing:Mortgage/Home', 'CX']))).toEqual({
      date: '1994-06-01',
      amount: '-1000.00',
      currency: 'USD',
      label: 'Bank Of Mortgage - Monthly payment',
      payee: 'Bank Of Mortgage',
      memo: 'Monthly payment',
      category: 'Housing:Mortgage',
      reference: '1005',
      raw: {
        date: '6/ 1/94',
        amount: '-1,000.00',
        number: '1005',
        payee: 'Bank Of Mortgage',
        memo: 'Monthly payment',
        category: 'Housing:Mortgage/Home',
        category_path: ['Housing', 'Mortgage'],
        class: 'Home',
        cleared: 'X',
        line: 10,
      },
    });
  });

  it('names every known field code in raw and keeps an unknown code under its letter', () => {
    const tx = read(['D1/2/20', 'T-1.00', 'U-1.00', 'YACME', 'I12.5', 'Q3', 'O0.99', 'F1', 'KF', 'XINV-7', 'Zodd']);
    expect(tx.raw).toEqual({
      date: '1/2/20', amount: '-1.00', amount_u: '-1.00', security: 'ACME', price: '12.5', quantity: '3', commission: '0.99',
      reimbursable: '1', flag: 'F', invoice: 'INV-7', Z: 'odd', line: 10,
    });
  });

  it('takes the first of T and U as the amount, whichever comes first', () => {
    expect(read(['D1/2/20', 'U-2.00', 'T-3.00']).amount).toBe('-2.00');
    expect(read(['D1/2/20', 'T-3.00', 'U-2.00']).amount).toBe('-3.00');
    expect(read(['D1/2/20', 'T-3.00', 'T-4.00']).amount).toBe('-3.00');
  });

  it('reads comma decimals when the file writes them', () => {
    expect(read(['D24.06.2024', 'T-1.234,56'], { decimalSeparator: ',', dateOrder: 'DMY' })).toMatchObject({ date: '2024-06-24', amount: '-1234.56' });
  });

  it('reads the date in the order the file uses', () => {
    expect(read(['D03/04/2024', 'T1.00'], { dateOrder: 'MDY' }).date).toBe('2024-03-04');
    expect(read(['D03/04/2024', 'T1.00'], { dateOrder: 'DMY' }).date).toBe('2024-04-03');
  });

  it('keeps address lines, trimmed and in order, and leaves no address key when there is none', () => {
    expect(read(['D1/2/20', 'T1.00', 'A 1010 Rodeo Dr. ', 'AWaco, Tx', 'A']).raw).toEqual({ date: '1/2/20', amount: '1.00', address: ['1010 Rodeo Dr.', 'Waco, Tx', ''], line: 10 });
    expect(read(['D1/2/20', 'T1.00']).raw).not.toHaveProperty('address');
  });

  describe('splits', () => {
    it('reads each S/E/$ group as one split, with its category parts', () => {
      const tx = read(['D1/2/20', 'T-100.00', 'S[Savings]', 'Emove', '$-60.00', 'SFood:Groceries/Trip', '$-40.00']);
      expect(rawOf(tx).splits).toEqual([
        { category: '[Savings]', memo: 'move', amount: '-60.00', category_path: [], transfer_account: 'Savings' },
        { category: 'Food:Groceries/Trip', amount: '-40.00', category_path: ['Food', 'Groceries'], class: 'Trip' },
      ]);
      expect(tx.amount).toBe('-100.00');
      expect(tx.raw).not.toHaveProperty('S');
      expect(tx.raw).not.toHaveProperty('E');
      expect(tx.raw).not.toHaveProperty('$');
    });

    it('starts a new split at a memo or an amount that its split already has', () => {
      expect(rawOf(read(['D1/2/20', 'T-6.00', 'SA', 'Eone', '$-1.00', 'Etwo', '$-2.00', '$-3.00'])).splits).toEqual([
        { category: 'A', memo: 'one', amount: '-1.00', category_path: ['A'] },
        { category: '', memo: 'two', amount: '-2.00', category_path: [] },
        { category: '', amount: '-3.00', category_path: [] },
      ]);
    });

    it('opens a split with an empty category at a memo or amount that no S field came before', () => {
      expect(rawOf(read(['D1/2/20', 'T-3.00', 'Efirst', '$-1.00', '$-2.00'])).splits).toEqual([
        { category: '', memo: 'first', amount: '-1.00', category_path: [] },
        { category: '', amount: '-2.00', category_path: [] },
      ]);
    });

    it('reads a percentage into the split it follows and ignores one that follows no split', () => {
      const tx = read(['D1/2/20', 'T-10.00', '%5', 'SFees', '% 25% ', '$-2.50', 'SRest', '$-7.50']);
      expect(rawOf(tx).splits).toEqual([
        { category: 'Fees', percent: '25%', amount: '-2.50', category_path: ['Fees'] },
        { category: 'Rest', amount: '-7.50', category_path: ['Rest'] },
      ]);
      expect(tx.raw).not.toHaveProperty('%');
    });

    it('accepts a split with a percentage and no amount', () => {
      expect(rawOf(read(['D1/2/20', 'T-10.00', 'SFees', '%100'])).splits).toEqual([{ category: 'Fees', percent: '100', category_path: ['Fees'] }]);
    });

    it('takes the sum of the splits as the amount when the record has no T field', () => {
      const ctx = context();
      expect(readQifTransaction(fields(['D1/2/20', 'SA', '$-1.25', 'SB', '$-2.50']), 10, ctx).amount).toBe('-3.75');
      expect(ctx.warnings).toEqual([]);
    });

    it('warns, naming both sums, when the splits do not add up to the total', () => {
      const warnings: ParseWarning[] = [];
      const tx = readQifTransaction(fields(['D1/2/20', 'T-10.00', 'SA', '$-1.25', 'SB', '$-2.50']), 7, context({ warnings }));
      expect(tx.amount).toBe('-10.00');
      expect(warnings).toEqual([{ code: 'SPLIT_MISMATCH', message: 'QIF record at line 7: splits sum to -3.75 but the total is -10.00', line: 7 }]);
    });

    it('does not warn when the splits equal the total written with other digits', () => {
      const warnings: ParseWarning[] = [];
      readQifTransaction(fields(['D1/2/20', 'T-10', 'SA', '$-7.5', 'SB', '$-2.50']), 7, context({ warnings }));
      expect(warnings).toEqual([]);
    });

    it('refuses a split with neither amount nor percentage, naming its number, category and line', () => {
      const error = refusal(['D1/2/20', 'T-3.00', 'SA', '$-3.00', 'SRent', 'Ememo']);
      expect(error.code).toBe('MALFORMED_DOCUMENT');
      expect(error.message).toBe('QIF: split 2 ("Rent") of the record starting at line 10 has no amount ($ field) (line 14)');
      expect(error.location).toEqual({ line: 14, element: 'S' });
    });
  });

  describe('investment records', () => {
    const invest = { section: 'Invst' };

    it('labels an action by its type and security and reads N as the type, not a reference', () => {
      const tx = read(['D1/2/20', 'NBuy', 'YACME Corp', 'I10', 'Q2', 'T20.00'], invest);
      expect(withoutId(tx)).toEqual({
        date: '2020-01-02', amount: '20.00', currency: 'USD', label: 'Buy ACME Corp', type: 'Buy',
        raw: { date: '1/2/20', number: 'Buy', security: 'ACME Corp', price: '10', quantity: '2', amount: '20.00', line: 10 },
      });
    });

    it('moves no cash when an action has no T field', () => {
      expect(read(['D1/2/20', 'NShrsIn', 'YACME', 'Q5'], { section: 'invst' })).toMatchObject({ amount: '0.00', label: 'ShrsIn ACME' });
    });

    it('labels by the type alone, or the security alone, when only one is written', () => {
      expect(read(['D1/2/20', 'NDiv', 'T1.00'], invest).label).toBe('Div');
      expect(read(['D1/2/20', 'YACME', 'T1.00'], invest)).toMatchObject({ label: 'ACME' });
      expect(read(['D1/2/20', 'YACME', 'T1.00'], invest)).not.toHaveProperty('type');
    });

    it('prefers the payee as the label when one is written', () => {
      expect(read(['D1/2/20', 'NDiv', 'PBroker', 'YACME', 'T1.00'], invest).label).toBe('Broker');
    });

    it('reads $ as the amount transferred, never as a split', () => {
      const tx = read(['D1/2/20', 'NBuyX', 'T-20.00', 'L[Cash]', '$-20.00', 'SIgnored', 'Eignored too'], invest);
      expect(tx.raw).toEqual({ date: '1/2/20', number: 'BuyX', amount: '-20.00', category: '[Cash]', category_path: [], transfer_account: 'Cash', transfer_amount: '-20.00', line: 10 });
      expect(tx).not.toHaveProperty('reference');
    });

    it('refuses a transferred amount that is not one', () => {
      expect(refusal(['D1/2/20', 'T-1.00', '$abc'], invest).message).toBe('QIF: "abc" in field $ is not an amount (line 12)');
    });
  });

  describe('labels', () => {
    it('falls back to the category, then to an empty label', () => {
      expect(read(['D1/2/20', 'T1.00', 'LSalary/Work']).label).toBe('Salary');
      expect(read(['D1/2/20', 'T1.00']).label).toBe('');
    });

    it('uses the memo alone when there is no payee', () => {
      expect(read(['D1/2/20', 'T1.00', 'MCash top-up', 'LTransfer'])).toMatchObject({ label: 'Cash top-up', memo: 'Cash top-up' });
    });

    it('leaves out payee, memo, category and reference written empty', () => {
      const tx = read(['D1/2/20', 'T1.00', 'P ', 'M', 'L', 'N ']);
      expect(withoutId(tx)).toEqual({ date: '2020-01-02', amount: '1.00', currency: 'USD', label: '', raw: { date: '1/2/20', amount: '1.00', payee: '', memo: '', category: '', category_path: [], number: '', line: 10 } });
    });

    it('splits a category path on colons, dropping empty parts, and a transfer keeps its account', () => {
      expect(read(['D1/2/20', 'T1.00', 'LFood::Take away:']).raw).toMatchObject({ category_path: ['Food', 'Take away'] });
      expect(read(['D1/2/20', 'T1.00', 'L[Joint Account]/Holiday']).raw).toMatchObject({ category_path: [], transfer_account: 'Joint Account', class: 'Holiday' });
      expect(read(['D1/2/20', 'T1.00', 'LFood']).raw).not.toHaveProperty('class');
      expect(read(['D1/2/20', 'T1.00', 'LFood']).raw).not.toHaveProperty('transfer_account');
    });
  });

  describe('ids', () => {
    const base = ['D1/2/20', 'T-1.00', 'PShop', 'Mnote'];
    const idOf = (lines: string[], overrides: Partial<QifRecordContext> = {}) => read(lines, overrides).id;

    it('is the same for the same record in the same place', () => {
      expect(idOf(base)).toBe(idOf([...base]));
      expect(idOf(base)).toBe(idOf([...base, 'CX', 'N12', 'LFood']));
    });

    it.each<[string, string[], Partial<QifRecordContext>]>([
      ['account', base, { accountId: 'SAV' }],
      ['section', base, { section: 'CCard' }],
      ['position', base, { index: 1 }],
      ['date', ['D1/3/20', 'T-1.00', 'PShop', 'Mnote'], {}],
      ['amount', ['D1/2/20', 'T-1.01', 'PShop', 'Mnote'], {}],
      ['payee', ['D1/2/20', 'T-1.00', 'PShop2', 'Mnote'], {}],
      ['memo', ['D1/2/20', 'T-1.00', 'PShop', 'Mnote2'], {}],
    ])('changes with the %s', (_what, lines, overrides) => {
      expect(idOf(lines, overrides)).not.toBe(idOf(base));
    });
  });

  describe('refusals', () => {
    it('refuses a record without a date, at its first field', () => {
      const error = refusal(['T-1.00', 'PShop']);
      expect(error.message).toBe('QIF: the record starting at line 10 has no date (D field) (line 10)');
      expect(error.location).toEqual({ line: 10, element: 'T' });
    });

    it('refuses a date it cannot read, at the date field', () => {
      const error = refusal(['PShop', 'D31/31/20', 'T-1.00']);
      expect(error.message).toBe('QIF: "31/31/20" is not a date (line 11)');
      expect(error.location).toEqual({ line: 11, element: 'D' });
    });

    it('refuses a bank record without an amount', () => {
      const error = refusal(['PShop', 'D1/2/20']);
      expect(error.message).toBe('QIF: the record starting at line 10 has no amount (T field) (line 10)');
      expect(error.location).toEqual({ line: 10, element: 'P' });
    });

    it.each([['T', ['D1/2/20', 'T1.00x']], ['U', ['D1/2/20', 'U--1']], ['$', ['D1/2/20', 'SA', '$ten']]])('refuses a %s field that is not an amount', (code, lines) => {
      const error = refusal(lines);
      expect(error.message).toMatch(new RegExp(`^QIF: ".*" in field \\${code} is not an amount \\(line \\d+\\)$`));
      expect(error.location.element).toBe(code);
    });
  });
});
