import type { ParseOptions, StatementTransaction } from '../statement.types.js';
import { parseQif } from './qif.parser.js';

/*
 * Every section type, header, field code and date/amount spelling the QIF reader knows, written out here as
 * Quicken, Money or a bank writes them: reading them from the parser's own tables would keep passing when an entry is lost.
 */

const qif = (text: string, options: ParseOptions = {}) => parseQif(Buffer.from(text, 'utf8'), { defaultCurrency: 'USD', ...options });

function single(text: string): StatementTransaction {
  const txs = qif(text).statements.flatMap((s) => s.transactions);
  expect(txs).toHaveLength(1);
  return txs[0]!;
}

describe(`${parseQif.name} section markers`, () => {
  it.each(['Bank', 'Cash', 'CCard', 'Invst', 'Oth A', 'Oth L', 'Invoice', 'bank', 'CCARD', 'oth a'])('reads transactions under !Type:%s', (type) => {
    const doc = qif(`!Type:${type}\nD1/2/20\nT-1.00\nPShop\n^\n`);
    expect(doc.statements).toHaveLength(1);
    expect(doc.statements[0]!.account).toEqual({ id: '', type });
    expect(doc.statements[0]!.transactions.map((t) => [t.date, t.amount])).toEqual([['2020-01-02', '-1.00']]);
  });

  // List sections hold no transactions: they are skipped, not refused and not read as transactions.
  it.each(['Cat', 'Class', 'Memorized', 'Prices', 'Security', 'Budget', 'Invitem', 'Template', 'Payee', 'cat', 'MEMORIZED'])(
    'skips the records of a !Type:%s list',
    (type) => {
      const doc = qif(`!Type:${type}\nNFood\nD1/1/20\nT-9.99\n^\n!Type:Bank\nD1/2/20\nT-1.00\n^\n`);
      expect(doc.statements).toHaveLength(1);
      expect(doc.statements[0]!.transactions.map((t) => t.amount)).toEqual(['-1.00']);
    },
  );

  it.each(['!Type:Bank', '!type:bank', '!Type : Bank', '!TYPE:  Bank  '])('accepts the spelling %j of a type header', (header) => {
    expect(qif(`${header}\nD1/2/20\nT-1.00\n^\n`).statements[0]!.transactions).toHaveLength(1);
  });

  it.each(['!Option:AutoSwitch', '!Clear:AutoSwitch', '!option : AutoSwitch', '!CLEAR:UseLastType'])('ignores the %s header', (header) => {
    const doc = qif(`${header}\n!Type:Bank\nD1/2/20\nT-1.00\n^\n`);
    expect(doc.statements[0]!.transactions).toHaveLength(1);
    expect(doc.warnings).toEqual([]);
  });

  it.each(['!Account', '!account', '!Account:', '!ACCOUNT '])('reads the account block after %j', (header) => {
    const doc = qif(`${header}\nNChecking\nTBank\n^\n!Type:Bank\nD1/2/20\nT-1.00\n^\n`);
    expect(doc.statements[0]!.account).toEqual({ id: 'Checking', name: 'Checking', type: 'Bank' });
  });

  it.each(['!Type:Banana', '!Type:', '!Type:Bankx'])('refuses the unknown section %s', (header) => {
    expect(() => qif(`${header}\nD1/2/20\nT-1.00\n^\n`)).toThrow('unknown section');
  });

  it.each(['!Options:x', '!Accounts', '!Cleared:x', '!Bank'])('refuses the unknown header %s', (header) => {
    expect(() => qif(`${header}\n!Type:Bank\nD1/2/20\nT-1.00\n^\n`)).toThrow('unknown header');
  });
});

describe(`${parseQif.name} field codes`, () => {
  // Fields without a role of their own are kept in raw under a readable name.
  it.each([
    ['D', 'date', '1/2/20'],
    ['T', 'amount', '-1.00'],
    ['M', 'memo', 'Lunch'],
    ['C', 'cleared', 'X'],
    ['N', 'number', '1005'],
    ['P', 'payee', 'Shop'],
    ['L', 'category', 'Food'],
    ['Y', 'security', 'ACME'],
    ['I', 'price', '12.5'],
    ['Q', 'quantity', '3'],
    ['O', 'commission', '0.99'],
    ['F', 'reimbursable', 'yes'],
    ['K', 'flag', 'K'],
    ['X', 'invoice', 'INV-7'],
    ['Z', 'Z', 'other'],
  ])('keeps field %s as raw.%s', (code, name, value) => {
    const fields = ['D1/2/20', 'T-1.00'].filter((f) => f[0] !== code);
    const tx = single(`!Type:Bank\n${[...fields, `${code}${value}`].join('\n')}\n^\n`);
    expect(tx.raw).toHaveProperty([name], value);
  });

  it('reads U as the amount when there is no T, and keeps it as raw.amount_u', () => {
    const tx = single('!Type:Bank\nD1/2/20\nU-2.50\n^\n');
    expect(tx.amount).toBe('-2.50');
    expect(tx.raw).toHaveProperty(['amount_u'], '-2.50');
  });

  it('gives payee, memo, category and number their transaction fields', () => {
    const tx = single('!Type:Bank\nD1/2/20\nT-1.00\nPShop\nMLunch\nLFood:Groceries/Work\nN1005\n^\n');
    expect(tx).toMatchObject({ payee: 'Shop', memo: 'Lunch', label: 'Shop - Lunch', category: 'Food:Groceries', reference: '1005' });
    expect(tx.raw).toMatchObject({ category_path: ['Food', 'Groceries'], class: 'Work' });
  });

  it('reads a [bracketed] category as a transfer', () => {
    const tx = single('!Type:Bank\nD1/2/20\nT-1.00\nL[Savings]\n^\n');
    expect(tx.raw).toMatchObject({ category_path: [], transfer_account: 'Savings' });
  });

  it('gathers A address lines and S/E/$/% splits out of the raw fields', () => {
    const tx = single('!Type:Bank\nD1/2/20\nT-10.00\nA1 Main St\nASpringfield\nSFood\nELunch\n$-4.00\nSFun\n%60\n$-6.00\n^\n');
    expect(tx.raw).toMatchObject({
      address: ['1 Main St', 'Springfield'],
      splits: [
        { category: 'Food', memo: 'Lunch', amount: '-4.00' },
        { category: 'Fun', percent: '60', amount: '-6.00' },
      ],
    });
    expect(Object.keys(tx.raw as object).filter((k) => ['A', 'S', 'E', '$', '%'].includes(k))).toEqual([]);
  });

  it('reads an investment action and security as the label, with no cash moved', () => {
    const tx = single('!Type:Invst\nD1/2/20\nNShrsIn\nYACME\nQ10\n^\n');
    expect(tx).toMatchObject({ amount: '0.00', type: 'ShrsIn', label: 'ShrsIn ACME' });
    expect(tx.reference).toBeUndefined();
  });

  it('keeps an investment $ field as the transfer amount, not a split', () => {
    const tx = single('!Type:Invst\nD1/2/20\nNBuy\nT-100.00\n$-100.00\n^\n');
    expect(tx.raw).toMatchObject({ transfer_amount: '-100.00' });
    expect(tx.raw).not.toHaveProperty('splits');
  });
});

describe(`${parseQif.name} date spellings`, () => {
  it.each([
    ['6/ 1/94', '1994-06-01'],
    ['12/19/18', '2018-12-19'],
    ["1/1'05", '2005-01-01'],
    ["1/ 7' 5", '2005-01-07'],
    ["12/31'99", '2099-12-31'],
    ['6/24/2024', '2024-06-24'],
    ['06-24-2024', '2024-06-24'],
    ['06.24.2024', '2024-06-24'],
    ['24.06.2024', '2024-06-24'],
    ['24/06/2024', '2024-06-24'],
    ['24-06-24', '2024-06-24'],
    ['2024-06-24', '2024-06-24'],
    ['2024-6-4', '2024-06-04'],
    [' 6 / 24 / 2024 ', '2024-06-24'],
  ])('reads D%s as %s', (written, iso) => {
    expect(single(`!Type:Bank\nD${written}\nT-1.00\n^\n`).date).toBe(iso);
  });

  it.each(['6/24.2024', '6/24', '2024/06/24', '6/24/202', "6/24'123", 'June 24'])('refuses D%s', (written) => {
    expect(() => qif(`!Type:Bank\nD${written}\nT-1.00\n^\n`)).toThrow('is not a date');
  });
});

describe(`${parseQif.name} amount spellings`, () => {
  it.each([
    ['-1,000.00', '-1000.00'],
    ['1000', '1000.00'],
    ['+5', '5.00'],
    ['7', '7.00'],
    ['-12.5', '-12.50'],
  ])('reads a dot-decimal T%s as %s', (written, amount) => {
    expect(single(`!Type:Bank\nD1/2/20\nT${written}\n^\n`).amount).toBe(amount);
  });

  it.each([
    ['-1.234,50', '-1234.50'],
    ['7,00', '7.00'],
    ['1 234,56', '1234.56'],
  ])('reads a comma-decimal T%s as %s', (written, amount) => {
    expect(single(`!Type:Bank\nD1/2/20\nT${written}\n^\n`).amount).toBe(amount);
  });

  it('reads 1,000 as a thousand beside a dot-decimal amount', () => {
    const doc = qif('!Type:Bank\nD1/2/20\nT1,000\n^\nD1/3/20\nT-2.5\n^\n');
    expect(doc.statements[0]!.transactions.map((t) => t.amount)).toEqual(['1000.00', '-2.50']);
  });

  it.each(['abc', '-', '1.2.3x', '--5', '5-'])('refuses T%s', (written) => {
    expect(() => qif(`!Type:Bank\nD1/2/20\nT${written}\n^\n`)).toThrow('is not an amount');
  });
});

describe(`${parseQif.name} record framing`, () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('splits %s lines', (_name, eol) => {
    const doc = qif(['!Type:Bank', 'D1/2/20', 'T-1.00', '^', 'D1/3/20', 'T-2.00', '^', ''].join(eol));
    expect(doc.statements[0]!.transactions.map((t) => t.amount)).toEqual(['-1.00', '-2.00']);
    expect(doc.warnings).toEqual([]);
  });

  it('drops a byte-order mark before the first header', () => {
    expect(qif('\uFEFF!Type:Bank\nD1/2/20\nT-1.00\n^\n').statements[0]!.transactions).toHaveLength(1);
  });

  it('closes a record on a ^ line with blanks around it', () => {
    const doc = qif('!Type:Bank\nD1/2/20\nT-1.00\n  ^  \nD1/3/20\nT-2.00\n^\n');
    expect(doc.statements[0]!.transactions).toHaveLength(2);
    expect(doc.warnings).toEqual([]);
  });
});
