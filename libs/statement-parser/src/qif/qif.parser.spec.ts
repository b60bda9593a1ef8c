import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parseStatement } from '../statement-parser.js';
import { parseQif } from './qif.parser.js';
import { parseFailure } from '../testing/parse-failure.js';

const fixture = (name: string): Buffer => readFileSync(path.resolve(process.cwd(), '../shared/fixtures/statements/qif', name));

const FIXTURES = [
  'qif2json_normal_transactions_splits_us_dates.qif',
  'qif2json_utf8_bom.qif',
  'qif2json_windows1252_no_trailing_caret.qif',
  'qif2json_investments.qif',
  'actual_qif_with_categories.qif',
  'actual_qif_account_header.qif',
];

describe(parseQif.name, () => {
  describe('fixtures that must parse', () => {
    it('reads space-padded US dates, thousands separators, splits, transfers and a multi-line address', () => {
      const doc = parseQif(fixture('qif2json_normal_transactions_splits_us_dates.qif'), { defaultCurrency: 'USD' });
      expect(doc.warnings).toEqual([]);
      expect(doc.statements).toHaveLength(1);
      const [s] = doc.statements;
      expect(s!.account).toEqual({ id: '', type: 'Bank' });
      expect(s!.currency).toBe('USD');
      expect(s!.period).toEqual({ start: '1994-06-01', end: '1994-06-03' });
      const [t0, t1, t2] = s!.transactions;
      expect(s!.transactions).toHaveLength(3);
      expect(t0).toMatchObject({ date: '1994-06-01', amount: '-1000.00', currency: 'USD', reference: '1005', payee: 'Bank Of Mortgage', label: 'Bank Of Mortgage', category: '[linda]' });
      expect(t0!.raw).toMatchObject({
        transfer_account: 'linda',
        splits: [
          { category: '[linda]', amount: '-253.64', transfer_account: 'linda' },
          { category: 'Mort Int', amount: '-746.36', category_path: ['Mort Int'] },
        ],
      });
      expect(t1).toMatchObject({ date: '1994-06-02', amount: '75.00', payee: 'Deposit', label: 'Deposit' });
      expect(t2).toMatchObject({ date: '1994-06-03', amount: '-10.00', payee: 'JoBob Biggs', memo: 'J.B. gets bucks', label: 'JoBob Biggs - J.B. gets bucks', category: 'Entertain' });
      expect(t2!.raw).toMatchObject({ address: ['1010 Rodeo Dr.', 'Waco, Tx', '80505', '', '', ''] });
      expect(new Set(s!.transactions.map((t) => t.id)).size).toBe(3);
      expect(parseQif(fixture('qif2json_normal_transactions_splits_us_dates.qif')).statements[0]!.transactions.map((t) => t.id)).toEqual(s!.transactions.map((t) => t.id));
    });

    it.each(['qif2json_utf8_bom.qif', 'qif2json_windows1252_no_trailing_caret.qif'])(
      'decodes %s to the same payee and reports the record left without a final ^',
      (name) => {
        const doc = parseQif(fixture(name), { defaultCurrency: 'GBP' });
        expect(doc.statements[0]!.transactions).toEqual([
          expect.objectContaining({ date: '2010-03-03', amount: '-379.00', currency: 'GBP', payee: 'SOME £$™€ CHARACTERS', label: 'SOME £$™€ CHARACTERS' }),
        ]);
        expect(doc.warnings).toEqual([expect.objectContaining({ code: 'UNTERMINATED_RECORD', line: 2 })]);
      },
    );

    it('reads an !Type:Invst section, keeping action, security and the amount as written', () => {
      const doc = parseQif(fixture('qif2json_investments.qif'), { defaultCurrency: 'USD' });
      const txs = doc.statements[0]!.transactions;
      expect(txs.map((t) => [t.date, t.amount, t.type, t.label])).toEqual([
        ['1993-08-25', '1000.00', 'ShrsIn', 'ShrsIn ibm4 - Opening'],
        ['1993-08-25', '100.00', 'BuyX', 'BuyX ibm4 - Est. price as of 8/25/93'],
      ]);
      expect(txs[1]!.raw).toMatchObject({ security: 'ibm4', price: '11.030', quantity: '9.066', transfer_account: 'CHECKING', transfer_amount: '100.00' });
    });

    it('reads M/D/YYYY dates and keeps the category hierarchy (the last segment is what Actual shows)', () => {
      const doc = parseQif(fixture('actual_qif_with_categories.qif'), { defaultCurrency: 'USD' });
      const txs = doc.statements[0]!.transactions;
      expect(txs.map((t) => [t.date, t.amount, t.payee, t.category, (t.raw as { category_path: string[] }).category_path.at(-1)])).toEqual([
        ['2024-06-24', '-100.58', 'Outlet', 'Usual Expenses:Shopping', 'Shopping'],
        ['2024-06-23', '-20.15', 'GroceriesYou', 'Groceries', 'Groceries'],
      ]);
    });

    it('names the account from an !Account block and reads D12/19/18 as 2018', () => {
      const doc = parseQif(fixture('actual_qif_account_header.qif'), { defaultCurrency: 'USD' });
      expect(doc.statements).toHaveLength(1);
      expect(doc.statements[0]!.account).toEqual({ id: 'Checking Main', name: 'Checking Main', type: 'Bank' });
      expect(doc.statements[0]!.transactions).toEqual([expect.objectContaining({ date: '2018-12-19', amount: '-25.00', payee: 'COUNTY WASTE' })]);
    });

    it('marks transactions XXX and warns when no default currency is given, since QIF has none', () => {
      const doc = parseQif(fixture('actual_qif_account_header.qif'));
      expect(doc.statements[0]!.currency).toBeNull();
      expect(doc.statements[0]!.transactions[0]!.currency).toBe('XXX');
      expect(doc.warnings).toEqual([expect.objectContaining({ code: 'CURRENCY_MISSING' })]);
    });
  });

  describe('other dialects', () => {
    const qif = (text: string) => parseQif(Buffer.from(text, 'utf8'), { defaultCurrency: 'EUR' });

    it("reads apostrophe years (1/ 7' 5 is 2005) and day-first dates when a day exceeds 12", () => {
      const doc = qif("!Type:Bank\nD1/ 7' 5\nT-1.00\n^\nD25.12.2020\nT2.00\n^\nD3.1.2021\nT3.00\n^\n");
      expect(doc.statements[0]!.transactions.map((t) => t.date)).toEqual(['2005-07-01', '2020-12-25', '2021-01-03']);
    });

    it('reads comma-decimal amounts when the whole file uses them', () => {
      const doc = qif('!Type:CCard\nD01/02/2021\nT-1.234,50\n^\nD01/03/2021\nT7,00\n^\n');
      expect(doc.statements[0]!.transactions.map((t) => t.amount)).toEqual(['-1234.50', '7.00']);
    });

    it('gives one statement part per !Account block and skips category lists', () => {
      const doc = qif('!Type:Cat\nNFood\nE\n^\n!Account\nNOne\nTBank\n^\n!Type:Bank\nD1/2/20\nT1\n^\n!Account\nNTwo\nTCCard\n^\n!Type:CCard\nD1/3/20\nT-2\n^\n');
      expect(doc.statements.map((s) => [s.account.id, s.transactions.map((t) => t.amount)])).toEqual([['One', ['1.00']], ['Two', ['-2.00']]]);
    });

    it('warns when splits do not add up to the total', () => {
      const doc = qif('!Type:Bank\nD1/2/20\nT-10.00\nSA\n$-4.00\nSB\n$-5.00\n^\n');
      expect(doc.warnings).toEqual([expect.objectContaining({ code: 'SPLIT_MISMATCH', line: 2 })]);
    });
  });

  describe('malformed and truncated variants', () => {
    const normal = fixture('qif2json_normal_transactions_splits_us_dates.qif').toString('latin1');
    const run = (text: string) => parseQif(Buffer.from(text, 'latin1'));

    it('refuses a corrupted amount, naming the field and line', () => {
      const error = parseFailure(() => run(normal.replace('T75.00', 'T75.0O')));
      expect(error.code).toBe('MALFORMED_DOCUMENT');
      expect(error.message).toBe('QIF: "75.0O" in field T is not an amount (line 13)');
      expect(error.location).toEqual({ line: 13, element: 'T' });
    });

    it('refuses an impossible date, naming the line', () => {
      expect(parseFailure(() => run(normal.replace('D6/ 2/94', 'D6/31/94'))).message).toBe('QIF: "6/31/94" is not a date (line 12)');
    });

    it('refuses a record without a date or without an amount', () => {
      expect(parseFailure(() => run(normal.replace('D6/ 2/94\n', ''))).message).toContain('the record starting at line 12 has no date (D field)');
      expect(parseFailure(() => run(normal.replace('T75.00\n', ''))).message).toContain('the record starting at line 12 has no amount (T field)');
    });

    it('refuses records before any !Type header and unknown headers', () => {
      expect(parseFailure(() => run(normal.replace('!Type:Bank\n', ''))).message).toContain('the record at line 1 comes before any !Type header');
      expect(parseFailure(() => run(normal.replace('!Type:Bank', '!Type:Banana'))).message).toContain('unknown section "!Type:Banana" at line 1');
    });

    it.each([
      ['inside the first date', 'D6/ 1/'],
      ['inside the first amount', 'T-1,0'],
      ['after a split category, before its amount', 'SMort Int\n'],
      ['inside the last date', 'D6/ 3/9'],
      ['inside the last amount', 'T-10.'],
    ])('refuses the file cut %s', (_where, marker) => {
      const cut = normal.indexOf(marker) + marker.length;
      const error = parseFailure(() => run(normal.slice(0, cut)));
      if (marker.startsWith('S')) expect(error.message).toBe('QIF: split 2 ("Mort Int") of the record starting at line 2 has no amount ($ field) (line 9)');
      expect(error.code).toBe('MALFORMED_DOCUMENT');
      expect(error.message).toMatch(/\(line \d+\)$/);
    });

    it('reports, rather than hides, a cut that leaves a complete-looking last record (QIF has no end marker)', () => {
      for (const marker of ['PDeposit\n', 'MJ.B. gets bucks\n', 'A80505\n']) {
        const doc = run(normal.slice(0, normal.indexOf(marker) + marker.length));
        expect(doc.warnings).toContainEqual(expect.objectContaining({ code: 'UNTERMINATED_RECORD' }));
      }
    });
  });

  describe('format detection', () => {
    it.each(FIXTURES)('parseStatement detects %s as QIF from its content', (name) => {
      expect(parseStatement(fixture(name), { fileName: 'export.dat' }).format).toBe('qif');
    });
  });
});
