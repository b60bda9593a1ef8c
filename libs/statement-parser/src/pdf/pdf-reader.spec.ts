import type { PrintedAmount } from './pdf-amount.js';
import { readStatementTables, type ReadResult } from './pdf-reader.js';
import type { PdfPage, PdfWord } from './pdf-types.js';

/*
 * Tables read off synthetic pages of positioned words (10 pt text, y grows downwards): which line becomes a row, a
 * label continuation, a balance, a total or nothing, without drawing a PDF.
 */

/** A word at `x0`, `top`; 5 pt a character unless `x1` is given. */
const w = (text: string, x0: number, top: number, x1 = x0 + 5 * text.length): PdfWord => ({ text, x0, x1, top, bottom: top + 10 });
const page = (number: number, ...words: PdfWord[]): PdfPage => ({ number, width: 600, height: 800, words });
const amount = (raw: string, value = raw, sign: '+' | '-' | null = null): PrintedAmount => ({ value, sign, malformed: false, raw });
const day = (raw: string, first: number, second: number) => ({ raw, first, second, named: true, year: null });

/** Date | Details | Paid out | Paid in | Balance at `top`. */
const header = (top: number): PdfWord[] => [w('Date', 40, top), w('Details', 100, top), w('Paid out', 380, top), w('Paid in', 460, top), w('Balance', 540, top)];
/** A table line: date at 40, label at 100, then figures right-aligned under Paid out (420), Paid in (495), Balance (575). */
function line(top: number, date: string, label: string, out = '', paidIn = '', bal = ''): PdfWord[] {
  const right = (text: string, x1: number): PdfWord[] => (text ? [w(text, x1 - 5 * text.length, top, x1)] : []);
  return [...(date ? [w(date, 40, top)] : []), ...(label ? [w(label, 100, top)] : []), ...right(out, 420), ...right(paidIn, 495), ...right(bal, 575)];
}
const read = (...pages: PdfPage[]): ReadResult => readStatementTables({ pages, producer: '', ocr: false }, { name: 'generic' });
/** Each row of each draft as `line date [label] role value balance section`. */
const rows = (result: ReadResult): string[][] =>
  result.drafts.map((d) => d.rows.map((r) => [r.where.line, r.date.raw + (r.dateCarried ? ' (carried)' : ''), `[${r.label.join('|')}]`, r.amount ? `${r.amount.role} ${r.amount.amount.value}` : 'none', r.balance?.value ?? '-', r.section ?? '.'].join(' ')));
const figure = (b: { amount: PrintedAmount; where: { line: number } } | null): string | null => (b ? `line ${b.where.line}: ${b.amount.sign ?? ''}${b.amount.value}` : null);

describe(readStatementTables.name, () => {
  it('reads a table into one statement draft: summary box, rows with their continuation lines, closing balance', () => {
    const result = read(
      page(
        1,
        w('Account number 55512345', 40, 40),
        w('Opening balance', 40, 60),
        w('£100.00', 400, 60),
        ...header(100),
        ...line(114, '04 Mar', 'CARD PAYMENT', '4.50', '', '95.50'),
        ...line(124, '', 'BAKERY LTD'),
        ...line(138, '09 Mar', 'SALARY', '', '1,000.00'),
        ...line(152, '', 'Closing balance', '', '', '1,095.50'),
      ),
    );
    expect(result).toEqual({
      drafts: [
        {
          account: '55512345',
          firstPage: 1,
          rows: [
            { where: { page: 1, line: 4 }, date: day('04 Mar', 4, 3), dateCarried: false, label: ['CARD PAYMENT', 'BAKERY LTD'], amount: { role: 'debit', amount: amount('4.50') }, balance: amount('95.50'), section: null, bottom: 134, labelX: 100 },
            { where: { page: 1, line: 6 }, date: day('09 Mar', 9, 3), dateCarried: false, label: ['SALARY'], amount: { role: 'credit', amount: amount('1,000.00', '1000.00') }, balance: null, section: null, bottom: 148, labelX: 100 },
          ],
          opening: null,
          closing: { amount: amount('1,095.50', '1095.50'), role: 'balance', negative: false, date: null, text: 'closing balance', where: { page: 1, line: 7 } },
          summaryOpening: { amount: amount('£100.00', '100.00'), role: null, negative: false, date: null, text: 'opening balance £100.00', where: { page: 1, line: 2 } },
          summaryClosing: null,
          totals: [],
        },
      ],
      tablePages: [1],
      text: 'Account number 55512345\nOpening balance £100.00\nDate Details Paid out Paid in Balance\n04 Mar CARD PAYMENT 4.50 95.50\nBAKERY LTD\n09 Mar SALARY 1,000.00\nClosing balance 1,095.50',
      unexplained: [],
    });
  });

  it('ends the table at a gap of more than four text heights', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), ...line(164.1, '05 Mar', 'PRINTED', '9.99'), ...line(200, '06 Mar', 'NEAR', '1.00')));
    expect(rows(result)).toEqual([['2 04 Mar [COFFEE] debit 3.20 - .']]);
    const near = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), ...line(164, '05 Mar', 'LATE', '9.99')));
    expect(rows(near)).toEqual([['2 04 Mar [COFFEE] debit 3.20 - .', '3 05 Mar [LATE] debit 9.99 - .']]);
  });

  it('skips the lines a layout ignores inside a table', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), ...line(124, '', 'Page 1 of 2', '', '', '9.99'), ...line(134, '', 'continued')));
    expect(rows(result)).toEqual([['2 04 Mar [COFFEE] debit 3.20 - .']]);
    expect(result.unexplained).toEqual([]);
  });

  it('dates an undated row by the row above, and records figures before any dated row as unexplained', () => {
    const result = read(page(1, ...header(100), ...line(114, '', 'STRAY', '', '10.00'), ...line(128, '04 Mar', 'COFFEE', '3.20'), ...line(142, '', 'TEA', '2.10')));
    expect(rows(result)).toEqual([['3 04 Mar [COFFEE] debit 3.20 - .', '4 04 Mar (carried) [TEA] debit 2.10 - .']]);
    expect(result.unexplained).toEqual([{ page: 1, line: 2 }]);
  });

  it('dates a first undated row by a dated opening balance', () => {
    const result = read(page(1, ...header(100), ...line(114, '01 Mar', 'Opening balance', '', '', '50.00'), ...line(128, '', 'TEA', '2.10')));
    expect(rows(result)).toEqual([['3 01 Mar (carried) [TEA] debit 2.10 - .']]);
    expect(figure(result.drafts[0]!.opening)).toBe('line 2: 50.00');
  });

  it('gives a dated row without a figure the amount printed on the line under it', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'TRANSFER TO'), ...line(129, '', 'SAVINGS', '25.00', '', '75.00'), ...line(139, '', 'REF 1234')));
    expect(rows(result)).toEqual([['2 04 Mar [TRANSFER TO|SAVINGS|REF 1234] debit 25.00 75.00 .']]);
    expect(result.drafts[0]!.rows[0]!.bottom).toBe(149);
  });

  it('does not reach past a line and a half for the amount of a dated row', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'PENDING'), ...line(139, '', 'SAVINGS', '25.00')));
    expect(rows(result)).toEqual([['2 04 Mar [PENDING] none - .', '3 04 Mar (carried) [SAVINGS] debit 25.00 - .']]);
  });

  it('gives a row the running balance printed alone on the line under it', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), ...line(124, '', '', '', '', '96.80'), ...line(134, '', '', '', '', '11.11')));
    expect(rows(result)).toEqual([['2 04 Mar [COFFEE] debit 3.20 96.80 .']]);
  });

  it('leaves out of the label a line starting left of it, such as a footer at the margin', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), w('Thank you for banking with us', 40, 124), ...line(134, '', 'SHOP')));
    expect(rows(result)).toEqual([['2 04 Mar [COFFEE] debit 3.20 - .']]);
  });

  it('joins a label line a little apart when the next line is further still', () => {
    const spaced = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), ...line(133, '', 'LONDON'), ...line(160, '05 Mar', 'TEA', '1.00')));
    expect(rows(spaced)).toEqual([['2 04 Mar [COFFEE|LONDON] debit 3.20 - .', '4 05 Mar [TEA] debit 1.00 - .']]);
    const crowded = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), ...line(133, '', 'LONDON'), ...line(145, '05 Mar', 'TEA', '1.00')));
    expect(rows(crowded)).toEqual([['2 04 Mar [COFFEE] debit 3.20 - .', '4 05 Mar [TEA] debit 1.00 - .']]);
  });

  it('signs the rows of a single amount column by the section heading above them', () => {
    const result = read(
      page(
        1,
        w('Date', 40, 100), w('Description', 100, 100), w('Amount', 380, 100),
        w('Deposits and additions', 100, 124),
        w('04 Mar', 40, 138), w('PAYROLL', 100, 138), w('500.00', 390, 138),
        w('Checks paid', 100, 152),
        w('05 Mar', 40, 166), w('CHECK 101', 100, 166), w('20.00', 390, 166),
      ),
    );
    expect(rows(result)).toEqual([['3 04 Mar [PAYROLL] amount 500.00 - +', '5 05 Mar [CHECK 101] amount 20.00 - -']]);
  });

  it('reads a section heading outside the table too', () => {
    const signed = read(page(1, w('Withdrawals', 40, 60), w('Date', 40, 100), w('Description', 100, 100), w('Amount', 380, 100), w('04 Mar', 40, 114), w('ATM', 100, 114), w('20.00', 390, 114)));
    expect(rows(signed)).toEqual([['3 04 Mar [ATM] amount 20.00 - -']]);
  });

  it('records a totals line by side, then ends the table at the next line that is no balance', () => {
    const result = read(
      page(
        1,
        ...header(100),
        ...line(114, '04 Mar', 'COFFEE', '3.20'),
        ...line(128, '', 'Totals', '3.20', '0.00'),
        ...line(142, '', 'Closing balance', '', '', '96.80'),
        ...line(156, '05 Mar', 'AFTER THE TABLE', '1.00'),
      ),
    );
    expect(rows(result)).toEqual([['2 04 Mar [COFFEE] debit 3.20 - .']]);
    expect(result.drafts[0]!.totals).toEqual([{ debit: amount('3.20'), credit: amount('0.00'), where: { page: 1, line: 3 } }]);
    expect(figure(result.drafts[0]!.closing)).toBe('line 4: 96.80');
  });

  it('ends the table at a line of column words that is no transaction header', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), w('Date', 40, 128), w('Amount', 200, 128), w('Date', 300, 128), w('Amount', 400, 128), ...line(142, '05 Mar', 'LATER', '1.00')));
    expect(rows(result)).toEqual([['2 04 Mar [COFFEE] debit 3.20 - .']]);
  });

  it('reads an overdrawn balance line as owed', () => {
    const result = read(page(1, ...header(100), ...line(114, '', 'Opening balance overdrawn', '', '', '50.00')));
    expect(result.drafts[0]!.opening).toMatchObject({ negative: true, role: 'balance', text: 'opening balance overdrawn' });
  });

  it('takes a balance line worded alike at both ends as the opening, then the closing one', () => {
    const result = read(page(1, ...header(100), ...line(114, '', 'SOLDE CREDITEUR AU 01/03/2024', '', '', '50.00'), ...line(128, '', 'SOLDE CREDITEUR AU 31/03/2024', '', '', '60.00')));
    expect([figure(result.drafts[0]!.opening), figure(result.drafts[0]!.closing)]).toEqual(['line 2: 50.00', 'line 3: 60.00']);
  });

  it('reads the summary box worded alike at both ends as its opening, then its closing balance', () => {
    const result = read(page(1, w('Balance at start', 40, 40), w('Balance at end', 40, 60)), page(2, w('Solde au 01/03/2024', 40, 40), w('10.00', 300, 40), w('Solde au 31/03/2024', 40, 60), w('20.00', 300, 60)));
    expect([figure(result.drafts[0]!.summaryOpening), figure(result.drafts[0]!.summaryClosing)]).toEqual(['line 1: 10.00', 'line 2: 20.00']);
  });

  it('keeps the first summary opening balance and the last summary closing one', () => {
    const result = read(page(1, w('Opening balance', 40, 40), w('10.00', 300, 40), w('Closing balance', 40, 60), w('20.00', 300, 60), w('Opening balance', 40, 80), w('30.00', 300, 80), w('Closing balance', 40, 100), w('40.00', 300, 100)));
    expect([figure(result.drafts[0]!.summaryOpening), figure(result.drafts[0]!.summaryClosing)]).toEqual(['line 1: 10.00', 'line 4: 40.00']);
  });

  it('goes on with one statement when the next page brings forward the balance carried forward', () => {
    const result = read(
      page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20', '', '96.80'), ...line(128, '', 'Balance carried forward', '', '', '96.80')),
      page(2, ...header(100), ...line(114, '', 'Balance brought forward', '', '', '96.80'), ...line(128, '05 Mar', 'TEA', '1.00')),
    );
    expect(rows(result)).toEqual([['2 04 Mar [COFFEE] debit 3.20 96.80 .', '3 05 Mar [TEA] debit 1.00 - .']]);
    expect(result.drafts[0]!.closing).toBeNull();
    expect(result.tablePages).toEqual([1, 2]);
  });

  it('goes on with one statement when the brought forward balance is the last running balance', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20', '', '96.80')), page(2, ...header(100), ...line(114, '', 'Brought forward', '', '', '96.80'), ...line(128, '05 Mar', 'TEA', '1.00')));
    expect(result.drafts).toHaveLength(1);
    expect(result.drafts[0]!.opening).toBeNull();
  });

  it('starts a new statement at an opening balance that does not carry the last one over', () => {
    const result = read(
      page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20', '', '96.80'), ...line(128, '', 'Balance carried forward', '', '', '96.80')),
      page(2, ...header(100), ...line(114, '', 'Balance brought forward', '', '', '96.80-'), ...line(128, '05 Mar', 'TEA', '1.00')),
    );
    expect(rows(result)).toEqual([['2 04 Mar [COFFEE] debit 3.20 96.80 .'], ['3 05 Mar [TEA] debit 1.00 - .']]);
    expect(result.drafts.map((d) => [d.firstPage, figure(d.opening), figure(d.closing)])).toEqual([[1, null, 'line 3: 96.80'], [2, 'line 2: -96.80', null]]);
  });

  it('starts a new statement at each new account number once the current one has rows', () => {
    const result = read(
      page(1, w('Account number 111222', 40, 40), ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20')),
      page(2, w('Account number 111222', 40, 40), ...header(100), ...line(114, '05 Mar', 'TEA', '1.00')),
      page(3, w('Account number 333444', 40, 40), ...header(100), ...line(114, '06 Mar', 'CAKE', '2.00')),
    );
    expect(result.drafts.map((d) => [d.account, d.firstPage, d.rows.length])).toEqual([['111222', 1, 2], ['333444', 3, 1]]);
  });

  it('keeps the first account number of a statement without rows yet', () => {
    const result = read(page(1, w('Account number 111222', 40, 40), w('Account number 333444', 40, 60), ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20')));
    expect(result.drafts.map((d) => d.account)).toEqual(['111222']);
  });

  it('reads an account number printed at the foot of a table, spaces removed', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), w('Compte N° 0123 4567 890', 40, 140), ...header(200), ...line(214, '05 Mar', 'TEA', '1.00')));
    expect(result.drafts.map((d) => [d.account, d.rows.length])).toEqual([[null, 1], ['01234567890', 1]]);
  });

  it('keeps the first, empty draft and drops later empty ones', () => {
    expect(read(page(1, w('Hello', 40, 40))).drafts).toEqual([{ account: null, firstPage: 1, rows: [], opening: null, closing: null, summaryOpening: null, summaryClosing: null, totals: [] }]);
    expect(read(page(1, w('Hello', 40, 40))).tablePages).toEqual([]);
  });

  it('joins a label line that starts a little left of the label, within a text height', () => {
    const within = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), w('LONDON', 90, 124)));
    expect(rows(within)).toEqual([['2 04 Mar [COFFEE|LONDON] debit 3.20 - .']]);
    const beyond = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), w('LONDON', 89, 124)));
    expect(rows(beyond)).toEqual([['2 04 Mar [COFFEE] debit 3.20 - .']]);
  });

  it('joins a label line up to 0.8 of a text height under the row, however close the next line', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), ...line(132, '', 'LONDON'), ...line(146, '05 Mar', 'TEA', '1.00')));
    expect(rows(result)).toEqual([['2 04 Mar [COFFEE|LONDON] debit 3.20 - .', '4 05 Mar [TEA] debit 1.00 - .']]);
  });

  it('joins a label line further apart when the next line is nearly as far', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), ...line(133, '', 'LONDON'), ...line(149.5, '05 Mar', 'TEA', '1.00')));
    expect(rows(result)).toEqual([['2 04 Mar [COFFEE|LONDON] debit 3.20 - .', '4 05 Mar [TEA] debit 1.00 - .']]);
  });

  it('gives a row printed as a date alone the label edge of the line bringing its amount', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', ''), ...line(124, '', 'SAVINGS', '25.00')));
    expect(rows(result)).toEqual([['2 04 Mar [SAVINGS] debit 25.00 - .']]);
    expect([result.drafts[0]!.rows[0]!.labelX, result.drafts[0]!.rows[0]!.bottom]).toEqual([100, 134]);
  });

  it('starts a new statement when the brought forward balance has the other sign from the last running balance', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20', '', '96.80')), page(2, ...header(100), ...line(114, '', 'Brought forward', '', '', '96.80-'), ...line(128, '05 Mar', 'TEA', '1.00')));
    expect(result.drafts.map((d) => [d.firstPage, d.rows.length, figure(d.opening)])).toEqual([[1, 1, null], [2, 1, 'line 2: -96.80']]);
  });

  it('takes no long line for a section heading', () => {
    const result = read(page(1, w('Withdrawals and other debits made from your account', 40, 40), w('Date', 40, 100), w('Description', 100, 100), w('Amount', 380, 100), w('04 Mar', 40, 114), w('ATM', 100, 114), w('20.00', 390, 114)));
    expect(rows(result)).toEqual([['3 04 Mar [ATM] amount 20.00 - .']]);
  });

  it('lists a page once however many tables it holds', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), ...header(200), ...line(214, '05 Mar', 'TEA', '1.00')), page(2, w('Hello', 40, 40)), page(3, ...header(100)));
    expect(result.tablePages).toEqual([1, 3]);
  });

  const amountTable = (top: number): PdfWord[] => [w('Date', 40, top), w('Description', 100, top), w('Amount', 380, top), w('04 Mar', 40, top + 14), w('ATM', 100, top + 14), w('20.00', 390, top + 14)];

  it.each(['Withdrawals 2', 'Total withdrawals'])('takes no line holding a figure or a total for a section heading: %s', (heading) => {
    expect(rows(read(page(1, w(heading, 40, 40), ...amountTable(100))))).toEqual([['3 04 Mar [ATM] amount 20.00 - .']]);
  });

  it('records no totals line without figures, reading on', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), w('Totals', 40, 124), ...line(134, '05 Mar', 'TEA', '1.00')));
    expect(rows(result)).toEqual([['2 04 Mar [COFFEE] debit 3.20 - .', '4 05 Mar [TEA] debit 1.00 - .']]);
    expect(result.drafts[0]!.totals).toEqual([]);
  });

  it('carries no unreadable balance over to the next page', () => {
    const result = read(
      page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), ...line(128, '', 'Balance carried forward', '', '', '1,2.3.4')),
      page(2, ...header(100), ...line(114, '', 'Balance brought forward', '', '', '1,2.3.4'), ...line(128, '05 Mar', 'TEA', '1.00')),
    );
    expect(result.drafts.map((d) => [d.firstPage, d.rows.length, d.opening?.amount.raw ?? null, d.closing?.amount.raw ?? null])).toEqual([[1, 1, null, '1,2.3.4'], [2, 1, '1,2.3.4', null]]);
  });

  it('takes the movement figure of a balance line before its balance figure', () => {
    const result = read(page(1, w('Date', 40, 100), w('Details', 100, 100), w('Balance', 380, 100), w('Amount', 460, 100), w('Closing balance', 100, 114), w('96.80', 390, 114), w('5.00', 470, 114)));
    expect(result.drafts[0]!.closing).toMatchObject({ amount: amount('5.00'), role: 'amount' });
  });

  it.each([
    ['Compte n° 0123 4567 890', '01234567890'],
    ['Account No. 55512345', '55512345'],
    ['Account no 4455-6677', '4455-6677'],
    ['Primary account: 9876543', '9876543'],
    ['IBAN: FR76 3000 6000 0112 3456 7890 189', 'FR7630006000011234567890189'],
    ['IBAN GB29 NWBK 6016 1331 9268 19', 'GB29NWBK60161331926819'],
    ['IBAN: BE68 5390 0754 7034 BIC GEBABEBB', 'BE68539007547034'],
    ['Account number: ab-1234', 'AB-1234'],
    ['Kowhai Everyday 12-3456-7890123-00', '12-3456-7890123-00'],
    ['Savings 1234567', '1234567'],
    ['Checking 00123456', '00123456'],
  ])('reads the account of "%s" as %s', (text, id) => {
    expect(read(page(1, w(text, 40, 40), ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'))).drafts.map((d) => d.account)).toEqual([id]);
  });

  it.each([
    ['Deposits', '+'],
    ['Deposits and additions', '+'],
    ['Credits', '+'],
    ['Money in', '+'],
    ['Paid in', '+'],
    ['Virements reçus', '+'],
    ['Remises', '+'],
    ['Withdrawals', '-'],
    ['Checks paid', '-'],
    ['Cheques paid', '-'],
    ['Debits', '-'],
    ['Money out', '-'],
    ['Paid out', '-'],
    ['Payments', '-'],
    ['Fees & charges', '-'],
    ['Purchases', '-'],
    ['Prélèvements', '-'],
    ['Paiements', '-'],
    ['Other items', '.'],
  ])('signs the rows under the heading "%s" with %s', (heading, sign) => {
    expect(rows(read(page(1, w(heading, 40, 40), ...amountTable(100))))).toEqual([[`3 04 Mar [ATM] amount 20.00 - ${sign}`]]);
  });

  /** The first line under the header: `label` with 50.00 in the Balance column. */
  const balanceLine = (label: string): ReadResult => read(page(1, ...header(100), ...line(114, '', label, '', '', '50.00')));

  it.each([
    'Brought forward', 'Opening balance', 'Previous balance', "Last month's balance", 'Beginning balance', 'Balance forward', 'Starting balance', 'Start balance',
    'Balance at the start', 'Balance at start', 'Solde précédent', 'Ancien solde', 'Report à nouveau', 'Report solde', 'Solde créditeur au 01/03/2024', 'Solde au 01/03/2024',
  ])('reads "%s" as the opening balance', (label) => {
    const { opening, closing } = balanceLine(label).drafts[0]!;
    expect([figure(opening), figure(closing)]).toEqual(['line 2: 50.00', null]);
  });

  it.each(['Carried forward', 'Closing balance', 'New balance', 'Ending balance', 'Nouveau solde', 'Total amount due', 'Balance at the end', 'Balance at end'])('reads "%s" as the closing balance', (label) => {
    const { opening, closing } = balanceLine(label).drafts[0]!;
    expect([figure(opening), figure(closing)]).toEqual([null, 'line 2: 50.00']);
  });

  it.each([
    ['Solde débiteur au 01/03/2024', true],
    ['Opening balance overdrawn', true],
    ['Opening balance DR', true],
    ['Opening balance drawn', false],
  ])('reads "%s" as owed: %s', (label, negative) => {
    expect(balanceLine(label).drafts[0]!.opening?.negative).toBe(negative);
  });

  it.each(['Totals', 'Subtotal', 'Total des mouvements', 'Total des opérations', 'Totaux du mois'])('reads "%s" as a totals line', (label) => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), ...line(128, '', label, '3.20')));
    expect(result.drafts[0]!.totals).toEqual([{ debit: amount('3.20'), credit: null, where: { page: 1, line: 3 } }]);
  });

  it.each(['Page 2', 'continued overleaf', 'Suite au verso', 'Montant à reporter'])('skips the line "%s" inside a table', (label) => {
    const result = read(page(1, ...header(100), ...line(114, '', label, '', '9.99')));
    expect([result.drafts[0]!.rows, result.unexplained]).toEqual([[], []]);
  });

  it('skips a line ending in "report" rather than take it for a label line', () => {
    expect(rows(read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), ...line(124, '', 'Montant à report'))))).toEqual([['2 04 Mar [COFFEE] debit 3.20 - .']]);
  });

  it('joins no label line to the row above a balance line', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), ...line(124, '', 'Closing balance', '', '', '96.80'), ...line(134, '', 'LONDON')));
    expect(rows(result)).toEqual([['2 04 Mar [COFFEE] debit 3.20 - .']]);
  });

  it('joins no label line to a row above a repeated header', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), ...header(128), ...line(148, '', 'LONDON'), ...line(170, '05 Mar', 'TEA', '1.00')));
    expect(rows(result)).toEqual([['2 04 Mar [COFFEE] debit 3.20 - .', '5 05 Mar [TEA] debit 1.00 - .']]);
  });

  it('joins the last line of a page a little apart to the row above', () => {
    expect(rows(read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), ...line(139, '', 'LONDON'))))).toEqual([['2 04 Mar [COFFEE|LONDON] debit 3.20 - .']]);
  });

  it('measures the next label line from the line that brought the amount', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', ''), ...line(124, '', 'SAVINGS', '25.00'), ...line(142, '', 'REF 1234')));
    expect(rows(result)).toEqual([['2 04 Mar [SAVINGS|REF 1234] debit 25.00 - .']]);
  });

  it('reads a new table after the totals of the one before', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), ...line(128, '', 'Totals', '3.20'), ...header(200), ...line(214, '05 Mar', 'TEA', '1.00')));
    expect(rows(result)).toEqual([['2 04 Mar [COFFEE] debit 3.20 - .', '5 05 Mar [TEA] debit 1.00 - .']]);
  });

  it('reads the line that ends a table after its totals as outside any table', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), ...line(128, '', 'Totals', '3.20'), w('Account number 999888', 40, 142), ...header(200), ...line(214, '05 Mar', 'TEA', '1.00')));
    expect(result.drafts.map((d) => [d.account, d.rows.length])).toEqual([[null, 1], ['999888', 1]]);
  });

  it('reads a balance wording without a figure inside a table as nothing', () => {
    const result = read(page(1, ...header(100), w('Opening balance', 40, 124), ...line(138, '04 Mar', 'COFFEE', '3.20')));
    expect(rows(result)).toEqual([['3 04 Mar [COFFEE] debit 3.20 - .']]);
    expect(result.drafts[0]!.opening).toBeNull();
  });

  it('goes on past a line mixing column words with other words', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), w('Balance', 100, 124), w('checked', 200, 124), ...line(134, '05 Mar', 'TEA', '1.00')));
    expect(rows(result)).toEqual([['2 04 Mar [COFFEE|Balance|checked] debit 3.20 - .', '4 05 Mar [TEA] debit 1.00 - .']]);
  });

  it('ends the table at a line of column words and dates', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), w('Date', 40, 124), w('Amount', 200, 124), w('05/03', 300, 124), ...line(134, '05 Mar', 'TEA', '1.00')));
    expect(rows(result)).toEqual([['2 04 Mar [COFFEE] debit 3.20 - .']]);
  });

  it('goes on with one statement when the brought forward balance is the printed carried forward one', () => {
    const result = read(
      page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20', '', '96.80'), ...line(128, '', 'Carried forward', '', '', '90.00')),
      page(2, ...header(100), ...line(114, '', 'Brought forward', '', '', '90.00'), ...line(128, '05 Mar', 'TEA', '1.00')),
    );
    expect(result.drafts.map((d) => [d.firstPage, d.rows.length, d.closing])).toEqual([[1, 2, null]]);
    expect(result.text).toBe('Date Details Paid out Paid in Balance\n04 Mar COFFEE 3.20 96.80\nCarried forward 90.00\nDate Details Paid out Paid in Balance\nBrought forward 90.00\n05 Mar TEA 1.00');
  });

  it('starts a new statement when the brought forward balance is not the last running balance', () => {
    const result = read(page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20', '', '96.80')), page(2, ...header(100), ...line(114, '', 'Brought forward', '', '', '50.00'), ...line(128, '05 Mar', 'TEA', '1.00')));
    expect(result.drafts.map((d) => [d.firstPage, d.rows.length, figure(d.opening)])).toEqual([[1, 1, null], [2, 1, 'line 2: 50.00']]);
  });

  it('reads the balance words a layout profile adds', () => {
    const profile = { name: 'de', opening: ['^alter kontostand'], closing: ['^neuer kontostand'] };
    const pages = [page(1, ...header(100), ...line(114, '', 'Alter Kontostand', '', '', '50.00'), ...line(128, '04 Mar', 'COFFEE', '3.20'), ...line(142, '', 'Neuer Kontostand', '', '', '46.80'))];
    const { opening, closing } = readStatementTables({ pages, producer: '', ocr: false }, profile).drafts[0]!;
    expect([figure(opening), figure(closing)]).toEqual(['line 2: 50.00', 'line 4: 46.80']);
  });

  it('keeps a later statement holding only a summary box', () => {
    const result = read(page(1, w('Account number 111222', 40, 40), ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20')), page(2, w('Account number 333444', 40, 40), w('Opening balance', 40, 60), w('5.00', 300, 60)));
    expect(result.drafts.map((d) => [d.account, d.rows.length, figure(d.summaryOpening)])).toEqual([['111222', 1, null], ['333444', 0, 'line 2: 5.00']]);
  });

  it('takes a heading of six words for a section', () => {
    expect(rows(read(page(1, w('Deposits and other credits this month', 40, 40), ...amountTable(100))))).toEqual([['3 04 Mar [ATM] amount 20.00 - +']]);
  });

  it('drops a statement started by an account number that nothing follows', () => {
    const result = read(page(1, w('Account number 111222', 40, 40), ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20')), page(2, w('Account number 333444', 40, 40)));
    expect(result.drafts.map((d) => d.account)).toEqual(['111222']);
  });

  it('compares the brought forward balance with the last running balance, not an earlier one', () => {
    const result = read(
      page(1, ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20', '', '96.80'), ...line(128, '05 Mar', 'TEA', '1.80', '', '95.00')),
      page(2, ...header(100), ...line(114, '', 'Brought forward', '', '', '95.00'), ...line(128, '06 Mar', 'CAKE', '2.00')),
    );
    expect(result.drafts.map((d) => d.rows.length)).toEqual([3]);
  });

  it('keeps the statement going over lines that name no account, in a table or out of it', () => {
    const result = read(
      page(1, w('Account number 111222', 40, 40), ...header(100), ...line(114, '04 Mar', 'COFFEE', '3.20'), w('Thank you for banking with us', 40, 124), ...line(134, '05 Mar', 'TEA', '1.00')),
      page(2, w('Your statement continues', 40, 40), ...header(100), ...line(114, '06 Mar', 'CAKE', '2.00')),
    );
    expect(result.drafts.map((d) => [d.account, d.rows.length])).toEqual([['111222', 3]]);
  });

  it('keeps the section of a heading over the lines that follow it', () => {
    expect(rows(read(page(1, w('Withdrawals', 40, 20), w('Your account summary', 40, 40), ...amountTable(100))))).toEqual([['4 04 Mar [ATM] amount 20.00 - -']]);
    const inTable = read(page(1, ...amountTable(100), w('Checks paid', 100, 128), w('Figures in dollars', 40, 138), w('05 Mar', 40, 152), w('CHECK 7', 100, 152), w('9.00', 390, 152)));
    expect(rows(inTable)).toEqual([['2 04 Mar [ATM] amount 20.00 - .', '5 05 Mar [CHECK 7] amount 9.00 - -']]);
  });
});

