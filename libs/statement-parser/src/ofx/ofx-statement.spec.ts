import type { ParseOptions } from '../statement.types.js';
import { readOfxMarkup } from './ofx-markup.js';
import { readOfxStatement, type OfxStatementContext } from './ofx-statement.js';

/** Reads the first aggregate inside <OFX> (line 2 of the text) as a statement. */
function read(lines: string[], options: ParseOptions = {}) {
  const ofx = readOfxMarkup(['<OFX>', ...lines, '</OFX>'].join('\n'), 0);
  const ctx: OfxStatementContext = { options, warnings: [], problems: [] };
  const part = readOfxStatement(ofx.children[0]!, ctx);
  return { part, warnings: ctx.warnings, problems: ctx.problems };
}

const bankStatement = (...trn: string[]): string[] => [
  '<STMTRS>',
  '<CURDEF>EUR',
  '<BANKACCTFROM><ACCTID>1</BANKACCTFROM>',
  '<BANKTRANLIST>',
  ...trn,
  '</BANKTRANLIST>',
  '</STMTRS>',
];
const PATH = 'OFX/STMTRS/BANKTRANLIST/STMTTRN';

describe(readOfxStatement.name, () => {
  it('reads account, currency, period, balances and transactions of a bank statement', () => {
    const { part, warnings, problems } = read([
      '<STMTRS>',
      '<CURDEF>cad',
      '<BANKACCTFROM>',
      '<BANKID>160000100<BRANCHID>00<ACCTID>12345<ACCTTYPE>CHECKING',
      '</BANKACCTFROM>',
      '<BANKTRANLIST>',
      '<DTSTART>20090401<DTEND>20090523120000[-5:EST]',
      '<STMTTRN>',
      "<TRNTYPE>POS<DTPOSTED>20090401122017.000[-5:EST]<DTUSER>20090331<DTAVAIL>20090402<TRNAMT>-6.60<FITID>F1<CHECKNUM>101<REFNUM>R1<NAME>MCDONALD'S<MEMO>POS MERCHANDISE",
      '</STMTTRN>',
      '</BANKTRANLIST>',
      '<LEDGERBAL><BALAMT>382.34<DTASOF>20090523122017</LEDGERBAL>',
      '<AVAILBAL><BALAMT>682,34<DTASOF>20090523</AVAILBAL>',
      '</STMTRS>',
    ]);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(part).toEqual({
      account: { id: '12345', bank_id: '160000100', branch_id: '00', type: 'CHECKING' },
      currency: 'CAD',
      period: { start: '2009-04-01', end: '2009-05-23' },
      closing_balance: { amount: '382.34', date: '2009-05-23T12:20:17' },
      available_balance: { amount: '682.34', date: '2009-05-23' },
      transactions: [
        {
          id: 'F1',
          date: '2009-04-01',
          value_date: '2009-04-02',
          amount: '-6.60',
          currency: 'CAD',
          label: "MCDONALD'S - POS MERCHANDISE",
          payee: "MCDONALD'S",
          memo: 'POS MERCHANDISE',
          reference: '101',
          type: 'pos',
          raw: {
            TRNTYPE: 'POS',
            DTPOSTED: '20090401122017.000[-5:EST]',
            DTUSER: '20090331',
            DTAVAIL: '20090402',
            TRNAMT: '-6.60',
            FITID: 'F1',
            CHECKNUM: '101',
            REFNUM: 'R1',
            NAME: "MCDONALD'S",
            MEMO: 'POS MERCHANDISE',
            line: 9,
          },
        },
      ],
    });
  });

  describe('account', () => {
    it('reads a credit-card account', () => {
      expect(read(['<CCSTMTRS><CURDEF>AUD<CCACCTFROM><ACCTID>4111</CCACCTFROM></CCSTMTRS>']).part.account).toEqual({ id: '4111', type: 'CREDITCARD' });
    });

    it('keeps only the bank account fields the file gives', () => {
      expect(read(['<STMTRS><CURDEF>EUR<BANKACCTFROM><ACCTID>9</BANKACCTFROM></STMTRS>']).part.account).toStrictEqual({ id: '9' });
      expect(read(['<STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>B<BRANCHID></BRANCHID><ACCTTYPE></BANKACCTFROM></STMTRS>']).part.account).toEqual({
        id: '',
        bank_id: 'B',
        branch_id: '',
        type: '',
      });
    });

    it('prefers the bank account when both are given, and gives an empty id when neither is', () => {
      expect(read(['<STMTRS><CURDEF>EUR<CCACCTFROM><ACCTID>C</CCACCTFROM><BANKACCTFROM><ACCTID>B</BANKACCTFROM></STMTRS>']).part.account).toEqual({ id: 'B' });
      expect(read(['<STMTRS><CURDEF>EUR</STMTRS>']).part.account).toEqual({ id: '' });
    });
  });

  describe('currency', () => {
    it('warns of a missing CURDEF and leaves the currency unknown', () => {
      const { part, warnings } = read(['<STMTRS><BANKACCTFROM><ACCTID>1</BANKACCTFROM></STMTRS>']);
      expect(part.currency).toBeNull();
      expect(warnings).toEqual([
        { code: 'CURRENCY_MISSING', message: '<STMTRS> at line 2 has no CURDEF; statement currency unknown', line: 2, element: 'OFX/STMTRS/CURDEF' },
      ]);
    });

    it('assumes the default currency for an empty CURDEF, and says so', () => {
      const { part, warnings } = read(['<CCSTMTRS><CURDEF></CURDEF></CCSTMTRS>'], { defaultCurrency: 'EUR' });
      expect(part.currency).toBe('EUR');
      expect(warnings).toEqual([
        { code: 'CURRENCY_MISSING', message: '<CCSTMTRS> at line 2 has an empty CURDEF; assumed EUR', line: 2, element: 'OFX/CCSTMTRS/CURDEF' },
      ]);
    });

    it("gives a transaction its own CURRENCY's symbol, else the statement's", () => {
      const { part, problems } = read(
        bankStatement(
          '<STMTTRN><DTPOSTED>20200101<TRNAMT>1<FITID>a<CURRENCY><CURRATE>1.5<CURSYM>USD</CURRENCY></STMTTRN>',
          '<STMTTRN><DTPOSTED>20200101<TRNAMT>1<FITID>b<CURRENCY><CURRATE>1.5<CURSYM></CURRENCY></STMTTRN>',
          '<STMTTRN><DTPOSTED>20200101<TRNAMT>1<FITID>c</STMTTRN>',
        ),
      );
      expect(problems).toEqual([]);
      expect(part.transactions.map((t) => [t.id, t.currency])).toEqual([['a', 'USD'], ['b', 'EUR'], ['c', 'EUR']]);
    });

    it('refuses a transaction with no currency at all', () => {
      const { part, problems } = read(['<STMTRS><BANKTRANLIST>', '<STMTTRN><DTPOSTED>20200101<TRNAMT>1<FITID>a</STMTTRN>', '</BANKTRANLIST></STMTRS>']);
      expect(part.transactions).toEqual([]);
      expect(problems).toEqual([
        { message: 'STMTTRN at line 3 (FITID a): no currency: CURDEF is empty and no defaultCurrency was given', line: 3, element: 'OFX/STMTRS/BANKTRANLIST/STMTTRN' },
      ]);
    });
  });

  describe('transactions', () => {
    const one = (trn: string) => {
      const { part, problems } = read(bankStatement(trn));
      expect(problems).toEqual([]);
      expect(part.transactions).toHaveLength(1);
      return part.transactions[0]!;
    };

    it('takes the payee from the PAYEE aggregate when NAME is absent or empty', () => {
      expect(one('<STMTTRN><DTPOSTED>20200101<TRNAMT>1<FITID>a<PAYEE><NAME>Shop<ADDR1>Main St</PAYEE></STMTTRN>')).toMatchObject({ payee: 'Shop', label: 'Shop' });
      expect(one('<STMTTRN><DTPOSTED>20200101<TRNAMT>1<FITID>a<NAME><PAYEE><NAME>Shop</PAYEE></STMTTRN>')).toMatchObject({ payee: 'Shop', label: 'Shop' });
    });

    it('prefers the NAME of the transaction to that of its PAYEE aggregate', () => {
      expect(one('<STMTTRN><DTPOSTED>20200101<TRNAMT>1<FITID>a<NAME>Direct<PAYEE><NAME>Shop</PAYEE></STMTTRN>')).toMatchObject({ payee: 'Direct', label: 'Direct' });
    });

    it('takes REFNUM as the reference when CHECKNUM is absent or empty', () => {
      expect(one('<STMTTRN><DTPOSTED>20200101<TRNAMT>1<FITID>a<REFNUM>R7</STMTTRN>').reference).toBe('R7');
      expect(one('<STMTTRN><DTPOSTED>20200101<TRNAMT>1<FITID>a<CHECKNUM><REFNUM>R7</STMTTRN>').reference).toBe('R7');
    });

    it('labels a transaction by its type when it has neither payee nor memo', () => {
      expect(one('<STMTTRN><TRNTYPE>FEE<DTPOSTED>20200101<TRNAMT>-1<FITID>a<NAME><MEMO></STMTTRN>')).toEqual({
        id: 'a',
        date: '2020-01-01',
        amount: '-1.00',
        currency: 'EUR',
        label: 'fee',
        type: 'fee',
        raw: { TRNTYPE: 'FEE', DTPOSTED: '20200101', TRNAMT: '-1', FITID: 'a', NAME: '', MEMO: '', line: 6 },
      });
    });

    it('gives an empty label and no type when there is nothing to show', () => {
      expect(one('<STMTTRN><TRNTYPE><DTPOSTED>20200101<TRNAMT>1<FITID>a</STMTTRN>')).toEqual({
        id: 'a',
        date: '2020-01-01',
        amount: '1.00',
        currency: 'EUR',
        label: '',
        raw: { TRNTYPE: '', DTPOSTED: '20200101', TRNAMT: '1', FITID: 'a', line: 6 },
      });
    });

    it('derives a stable id from the content and position when FITID is absent or empty', () => {
      const trn = '<STMTTRN><DTPOSTED>20200101<TRNAMT>1<NAME>Shop</STMTTRN>';
      const first = read(bankStatement(trn, trn.replace('<NAME>', '<FITID><NAME>'))).part.transactions;
      const again = read(bankStatement(trn, trn)).part.transactions;
      expect(first.map((t) => t.id)).toEqual([expect.stringMatching(/^ofx-[0-9a-f]{16}$/), expect.stringMatching(/^ofx-[0-9a-f]{16}$/)]);
      expect(first[0]!.id).not.toBe(first[1]!.id);
      expect(again.map((t) => t.id)).toEqual(first.map((t) => t.id));
    });

    it('gives the derived id from the account, position, date, amount, payee and memo', () => {
      const id = (lines: string[]) => read(lines).part.transactions[0]!.id;
      const trn = '<STMTTRN><DTPOSTED>20200101<TRNAMT>1<NAME>Shop<MEMO>m</STMTTRN>';
      const base = id(bankStatement(trn));
      expect(id(bankStatement(trn).map((l) => l.replace('<ACCTID>1', '<ACCTID>2')))).not.toBe(base);
      expect(id(bankStatement(trn.replace('20200101', '20200102')))).not.toBe(base);
      expect(id(bankStatement(trn.replace('<TRNAMT>1', '<TRNAMT>2')))).not.toBe(base);
      expect(id(bankStatement(trn.replace('Shop', 'Shop2')))).not.toBe(base);
      expect(id(bankStatement(trn.replace('<MEMO>m', '<MEMO>n')))).not.toBe(base);
      expect(id(bankStatement(trn.replace('<NAME>', '<TRNTYPE>X<NAME>')))).toBe(base);
    });

    it('skips other elements of the transaction list', () => {
      const { part } = read(bankStatement('<DTSTART>20200101', '<STMTTRNX><A>1</STMTTRNX>', '<STMTTRN><DTPOSTED>20200101<TRNAMT>1<FITID>a</STMTTRN>'));
      expect(part.transactions.map((t) => t.id)).toEqual(['a']);
    });

    it.each([
      ['<TRNAMT>1<FITID>a', 'STMTTRN at line 7 (FITID a): DTPOSTED is missing'],
      ['<DTPOSTED><TRNAMT>1<FITID>a', 'STMTTRN at line 7 (FITID a): DTPOSTED is empty'],
      ['<DTPOSTED>20200230<TRNAMT>1<FITID>a', 'STMTTRN at line 7 (FITID a): DTPOSTED "20200230" is not a valid date'],
      ['<DTPOSTED>20200101<FITID>a', 'STMTTRN at line 7 (FITID a): TRNAMT is missing'],
      ['<DTPOSTED>20200101<TRNAMT><FITID>a', 'STMTTRN at line 7 (FITID a): TRNAMT is missing'],
      ['<DTPOSTED>20200101<TRNAMT>1.2.3<FITID>a', 'STMTTRN at line 7 (FITID a): TRNAMT "1.2.3" is not an amount'],
      ['<DTPOSTED>20200101<TRNAMT>1<DTAVAIL>2020<FITID>a', 'STMTTRN at line 7 (FITID a): DTAVAIL "2020" is not a valid date'],
      ['<DTPOSTED>x<TRNAMT>y<DTAVAIL>z', 'STMTTRN at line 7: DTPOSTED "x" is not a valid date, TRNAMT "y" is not an amount, DTAVAIL "z" is not a valid date'],
      ['<FITID>', 'STMTTRN at line 7: DTPOSTED is missing, TRNAMT is missing'],
    ])('refuses the transaction %s and names why', (fields, message) => {
      const { part, problems } = read(bankStatement('<STMTTRN><FITID>ok<DTPOSTED>20200101<TRNAMT>1</STMTTRN>', `<STMTTRN>${fields}</STMTTRN>`));
      expect(part.transactions.map((t) => t.id)).toEqual(['ok']);
      expect(problems).toEqual([{ message, line: 7, element: `${PATH}[2]` }]);
    });

    it('ignores an empty DTAVAIL', () => {
      expect(one('<STMTTRN><DTPOSTED>20200101<TRNAMT>1<FITID>a<DTAVAIL></STMTTRN>')).not.toHaveProperty('value_date');
    });
  });

  describe('period and balances', () => {
    it('gives an open period when the list or its dates are absent or empty', () => {
      expect(read(['<STMTRS><CURDEF>EUR</STMTRS>']).part.period).toEqual({ start: null, end: null });
      const { part, problems } = read(['<STMTRS><CURDEF>EUR<BANKTRANLIST><DTSTART><DTEND>20200131</BANKTRANLIST></STMTRS>']);
      expect(part.period).toEqual({ start: null, end: '2020-01-31' });
      expect(problems).toEqual([]);
    });

    it('refuses an invalid period date, naming it', () => {
      const { part, problems } = read(['<STMTRS><CURDEF>EUR', '<BANKTRANLIST><DTSTART>20200101<DTEND>2020-01-31</BANKTRANLIST></STMTRS>']);
      expect(part.period).toEqual({ start: '2020-01-01', end: null });
      expect(problems).toEqual([{ message: 'DTEND "2020-01-31" is not an OFX date', line: 3, element: 'OFX/STMTRS/BANKTRANLIST/DTEND' }]);
      expect(read(['<STMTRS><CURDEF>EUR', '<BANKTRANLIST><DTSTART>x</BANKTRANLIST></STMTRS>']).problems).toEqual([
        { message: 'DTSTART "x" is not an OFX date', line: 3, element: 'OFX/STMTRS/BANKTRANLIST/DTSTART' },
      ]);
    });

    it('reads a balance without a date', () => {
      const { part, problems } = read(['<STMTRS><CURDEF>EUR<LEDGERBAL><BALAMT>-5</LEDGERBAL><AVAILBAL><BALAMT>7<DTASOF></AVAILBAL></STMTRS>']);
      expect(problems).toEqual([]);
      expect(part).toMatchObject({ closing_balance: { amount: '-5.00' }, available_balance: { amount: '7.00' } });
      expect(part.closing_balance).not.toHaveProperty('date');
      expect(part.available_balance).not.toHaveProperty('date');
    });

    it('warns of an empty or missing BALAMT and ignores that balance', () => {
      const { part, warnings, problems } = read(['<STMTRS><CURDEF>EUR', '<LEDGERBAL><BALAMT><DTASOF>20200101</LEDGERBAL>', '<AVAILBAL><DTASOF>20200101</AVAILBAL></STMTRS>']);
      expect(problems).toEqual([]);
      expect(part).not.toHaveProperty('closing_balance');
      expect(part).not.toHaveProperty('available_balance');
      expect(warnings).toEqual([
        { code: 'BALANCE_MISSING', message: '<LEDGERBAL> at line 3 has an empty BALAMT; balance ignored', line: 3, element: 'OFX/STMTRS/LEDGERBAL' },
        { code: 'BALANCE_MISSING', message: '<AVAILBAL> at line 4 has an empty BALAMT; balance ignored', line: 4, element: 'OFX/STMTRS/AVAILBAL' },
      ]);
    });

    it('refuses a balance amount or date that cannot be read', () => {
      const { part, problems } = read(['<STMTRS><CURDEF>EUR', '<LEDGERBAL><BALAMT>$5<DTASOF>20200101</LEDGERBAL>', '<AVAILBAL><BALAMT>5<DTASOF>2020</AVAILBAL></STMTRS>']);
      expect(problems).toEqual([
        { message: 'BALAMT "$5" is not an amount', line: 3, element: 'OFX/STMTRS/LEDGERBAL/BALAMT' },
        { message: 'DTASOF "2020" is not an OFX date', line: 4, element: 'OFX/STMTRS/AVAILBAL/DTASOF' },
      ]);
      expect(part).not.toHaveProperty('closing_balance');
      expect(part.available_balance).toEqual({ amount: '5.00' });
    });
  });
});
