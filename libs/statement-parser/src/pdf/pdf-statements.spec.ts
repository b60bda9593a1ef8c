import { StatementParseError } from '../statement-parse.error.js';
import type { ParsedStatementPart, ParseWarning } from '../statement.types.js';
import type { PrintedAmount } from './pdf-amount.js';
import type { PrintedDate } from './pdf-dates.js';
import type { ReadResult } from './pdf-reader.js';
import { newDraft, type BalanceDraft, type RowDraft, type StatementDraft } from './pdf-statement-draft.js';
import { buildStatements, detectCurrency, isCardStatement, type StatementContext } from './pdf-statements.js';
import { parseFailure } from '../testing/parse-failure.js';

/*
 * Drafts read off the page turned into statements: hand-built drafts, so each sign rule, date rule and balance
 * check is seen on its own rather than through a whole generated PDF.
 */

const amount = (value: string | null, sign: '+' | '-' | null = null, raw = value ?? '??', malformed = false): PrintedAmount => ({ value, sign, malformed, raw });
const named = (raw: string, day: number, month: number, year: number | null = null): PrintedDate => ({ raw, first: day, second: month, named: true, year });
const numeric = (raw: string, first: number, second: number, year: number | null = null): PrintedDate => ({ raw, first, second, named: false, year });

function row(overrides: Partial<RowDraft> = {}): RowDraft {
  return { where: { page: 1, line: 5 }, date: named('04 Mar', 4, 3), dateCarried: false, label: ['COFFEE'], amount: { role: 'debit', amount: amount('3.20') }, balance: null, section: null, bottom: 0, labelX: 100, ...overrides };
}
function balance(value: string, overrides: Partial<BalanceDraft> = {}): BalanceDraft {
  return { amount: amount(value), role: null, negative: false, date: null, text: 'balance', where: { page: 1, line: 3 }, ...overrides };
}
const draft = (overrides: Partial<StatementDraft> = {}): StatementDraft => ({ ...newDraft('55512345', 1), ...overrides });
const read = (drafts: StatementDraft[], text = 'Issued 31/03/2024', unexplained: ReadResult['unexplained'] = []): ReadResult => ({ drafts, tablePages: [1], text, unexplained });
const context = (overrides: Partial<StatementContext> = {}): StatementContext => ({ profile: { name: 'generic' }, currency: 'GBP', card: false, ocr: false, warnings: [], ...overrides });

/** The one statement built, with its warnings. */
function build(drafts: StatementDraft[], overrides: Partial<StatementContext> = {}, text?: string, unexplained?: ReadResult['unexplained']): { part: ParsedStatementPart; warnings: ParseWarning[] } {
  const ctx = context(overrides);
  const parts = buildStatements(read(drafts, text, unexplained), ctx);
  expect(parts).toHaveLength(1);
  return { part: parts[0]!, warnings: ctx.warnings };
}
const amounts = (part: ParsedStatementPart): string[] => part.transactions.map((t) => t.amount);

function refusal(drafts: StatementDraft[], overrides: Partial<StatementContext> = {}, text?: string, unexplained?: ReadResult['unexplained']): StatementParseError {
  return parseFailure(() => buildStatements(read(drafts, text, unexplained), context(overrides)));
}

const PDF_ID = expect.stringMatching(/^pdf-[0-9a-f]{16}$/) as unknown as string;

describe(isCardStatement.name, () => {
  it('follows the profile when it says', () => {
    expect(isCardStatement({ name: 'p', card: true }, '')).toBe(true);
    expect(isCardStatement({ name: 'p', card: false }, 'Credit card statement. Minimum payment due')).toBe(false);
  });

  it.each(['credit card', 'card statement', 'minimum due', 'minimum payment due', 'minimum amount due', 'total amount due', 'carte de crédit'])('takes "%s" with a payment due date for a card statement, not alone', (phrase) => {
    expect(isCardStatement({ name: 'generic' }, `Your ${phrase.toUpperCase()} - 12.00`)).toBe(false);
    expect(isCardStatement({ name: 'generic' }, `Your ${phrase.toUpperCase()}\nPayment Due Date 12 May`)).toBe(true);
  });

  it('is a bank statement without any card phrase', () => {
    expect(isCardStatement({ name: 'generic' }, 'Current account statement')).toBe(false);
  });
});

describe(detectCurrency.name, () => {
  it.each(['EUR', 'GBP', 'USD', 'NZD', 'SGD', 'AUD', 'CAD', 'CHF'])('reads the code %s', (code) => {
    expect(detectCurrency(`Amounts in ${code}.`)).toBe(code);
  });

  it('takes the code named most often, the first named on a tie', () => {
    expect(detectCurrency('USD 10.00 EUR 2.00 EUR 3.00')).toBe('EUR');
    expect(detectCurrency('CHF 10.00 EUR 2.00')).toBe('CHF');
  });

  it('reads a code only as a whole upper-case word, before any symbol', () => {
    expect(detectCurrency('EUROPE usd')).toBeNull();
    expect(detectCurrency('XCHF 1')).toBeNull();
    expect(detectCurrency('£ 12.00 in CAD')).toBe('CAD');
  });

  it.each([
    ['€12.00 and £3.00', 'EUR'],
    ['paid in euros', 'EUR'],
    ['one Euro', 'EUR'],
    ['£3.00 and $2.00', 'GBP'],
    ['S$22,058.11', 'SGD'],
    ['NZ$5.00', 'NZD'],
    ['$17,120.00', 'USD'],
    ['12.00', null],
  ])('reads the symbol in %s as %s', (text, code) => {
    expect(detectCurrency(text)).toBe(code);
  });
});

describe(buildStatements.name, () => {
  it('builds the statement: dated rows, signs from the columns, balances, the period from the rows', () => {
    const rows = [row(), row({ where: { page: 1, line: 6 }, date: named('09 Mar', 9, 3), label: ['  SALARY', 'ACME  LTD '], amount: { role: 'credit', amount: amount('1000.00', null, '1,000.00') }, balance: amount('1096.80', null, '1,096.80') })];
    const { part, warnings } = build([draft({ rows, opening: balance('100.00'), closing: balance('1096.80', { where: { page: 1, line: 7 } }) })]);
    expect(part).toEqual({
      account: { id: '55512345' },
      currency: 'GBP',
      period: { start: '2024-03-04', end: '2024-03-09' },
      opening_balance: { amount: '100.00' },
      closing_balance: { amount: '1096.80' },
      transactions: [
        { id: PDF_ID, date: '2024-03-04', amount: '-3.20', currency: 'GBP', label: 'COFFEE', raw: { page: 1, line: 5, date: '04 Mar', amount: '3.20', column: 'debit' } },
        { id: PDF_ID, date: '2024-03-09', amount: '1000.00', currency: 'GBP', label: 'SALARY ACME LTD', raw: { page: 1, line: 6, date: '09 Mar', amount: '1,000.00', column: 'credit', balance: '1,096.80' } },
      ],
    });
    expect(part.transactions[0]!.id).not.toBe(part.transactions[1]!.id);
    expect(warnings).toEqual([]);
  });

  it('gives twin rows at one place distinct ids', () => {
    const { part } = build([draft({ rows: [row(), row()], opening: balance('10.00'), closing: balance('3.60') })]);
    expect(part.transactions[1]!.id).toBe(`${part.transactions[0]!.id}#2`);
  });

  it.each([
    ['an amount column, unsigned', 'amount', null, null, '3.20'],
    ['an amount column, minus', 'amount', '-', null, '-3.20'],
    ['an amount column, plus under a debit section', 'amount', '+', '-', '3.20'],
    ['an amount column, unsigned under a debit section', 'amount', null, '-', '-3.20'],
    ['an amount column, unsigned under a credit section', 'amount', null, '+', '3.20'],
    ['the credit column, minus', 'credit', '-', null, '3.20'],
    ['the debit column, plus', 'debit', '+', '+', '-3.20'],
  ] as const)('signs a movement in %s', (_, role, sign, section, expected) => {
    const { part } = build([draft({ rows: [row({ amount: { role, amount: amount('3.20', sign) }, section })] })]);
    expect(amounts(part)).toEqual([expected]);
  });

  it.each([
    ['an unsigned charge', 'amount', null, '-3.20'],
    ['a minus credit', 'amount', '-', '3.20'],
    ['the credit column', 'credit', null, '3.20'],
    ['the debit column', 'debit', '-', '-3.20'],
  ] as const)('signs %s on a card statement, whatever the section', (_, role, sign, expected) => {
    const { part } = build([draft({ rows: [row({ amount: { role, amount: amount('3.20', sign) }, section: '+' })] })], { card: true });
    expect(amounts(part)).toEqual([expected]);
  });

  it.each([
    ['a CR credit', 'CR', '+', '3.20'],
    ['a DR charge', 'DR', '-', '-3.20'],
  ] as const)('signs %s on a card statement by its mark', (_, mark, sign, expected) => {
    const { part } = build([draft({ rows: [row({ amount: { role: 'amount', amount: { ...amount('3.20', sign), mark } }, section: '-' })] })], { card: true });
    expect(amounts(part)).toEqual([expected]);
  });

  it.each([
    ['CR', '+', '50.00'],
    ['DR', '-', '-50.00'],
  ] as const)('signs a card balance marked %s by its mark', (mark, sign, expected) => {
    const { part } = build([draft({ opening: balance('50.00', { amount: { ...amount('50.00', sign), mark } }) })], { card: true });
    expect(part.opening_balance).toEqual({ amount: expected });
  });

  it.each([
    ['plain', {}, false, '50.00'],
    ['under the debit column', { role: 'debit' }, false, '-50.00'],
    ['printed with a minus', { amount: amount('50.00', '-') }, false, '-50.00'],
    ['on an overdrawn line', { negative: true }, false, '-50.00'],
    ['on an overdrawn line under the credit column', { negative: true, role: 'credit' }, false, '50.00'],
    ['owed on a card', {}, true, '-50.00'],
    ['in credit on a card (minus)', { amount: amount('50.00', '-') }, true, '50.00'],
    ['under the credit column on a card', { role: 'credit' }, true, '50.00'],
  ] as Array<[string, Partial<BalanceDraft>, boolean, string]>)('signs a balance %s', (_, overrides, card, expected) => {
    const { part } = build([draft({ opening: balance('50.00', overrides) })], { card });
    expect(part.opening_balance).toEqual({ amount: expected });
  });

  it('dates a balance by its own date, else by a date its text names, else not at all', () => {
    const { part } = build([
      draft({ opening: balance('1.00', { date: named('01 Mar', 1, 3) }), closing: balance('1.00', { text: 'solde crediteur au 31/03/2024' }), rows: [] }),
    ]);
    expect([part.opening_balance, part.closing_balance]).toEqual([{ amount: '1.00', date: '2024-03-01' }, { amount: '1.00', date: '2024-03-31' }]);
    expect(part.period).toEqual({ start: '2024-03-01', end: '2024-03-31' });
    expect(build([draft({ opening: balance('1.00'), closing: balance('1.00') })]).part).toEqual({ account: { id: '55512345' }, currency: 'GBP', period: { start: null, end: null }, opening_balance: { amount: '1.00' }, closing_balance: { amount: '1.00' }, transactions: [] });
  });

  it('falls back on the summary box balances', () => {
    const { part, warnings } = build([draft({ rows: [row()], summaryOpening: balance('10.00'), summaryClosing: balance('6.80') })]);
    expect([part.opening_balance, part.closing_balance]).toEqual([{ amount: '10.00' }, { amount: '6.80' }]);
    expect(warnings).toEqual([]);
  });

  it('prefers the table balances to the summary box', () => {
    const { part } = build([draft({ rows: [row()], opening: balance('10.00'), closing: balance('6.80'), summaryOpening: balance('99.00'), summaryClosing: balance('98.00') })]);
    expect([part.opening_balance, part.closing_balance]).toEqual([{ amount: '10.00' }, { amount: '6.80' }]);
  });

  it('derives the balances from the running balance column without printed ones', () => {
    const rows = [
      row({ balance: amount(null, null, '2,540.BB', true) }),
      row({ where: { page: 1, line: 6 }, amount: { role: 'debit', amount: amount('1.00') }, balance: amount('5.80', '-') }),
      row({ where: { page: 1, line: 7 }, amount: { role: 'credit', amount: amount('10.00') }, balance: amount('4.20') }),
      row({ where: { page: 1, line: 8 }, amount: { role: 'credit', amount: amount('1.00') } }),
    ];
    const { part, warnings } = build([draft({ rows })]);
    expect([part.opening_balance, part.closing_balance]).toEqual([{ amount: '-1.60' }, { amount: '4.20' }]);
    expect(warnings).toEqual([
      { code: 'MALFORMED_AMOUNT', message: 'page 1, line 5: the balance "2,540.BB" breaks the statement\'s notation; cannot be read', element: 'page 1, line 5', line: 5 },
      { code: 'BALANCE_MISMATCH', message: 'statement 55512345: opening balance -1.60 + movements 6.80 = 5.20, but the closing balance is 4.20 (gap -1.00)', element: 'page 1' },
    ]);
  });

  it('derives the opening balance from the first row when it prints the running balance', () => {
    const { part, warnings } = build([draft({ rows: [row({ balance: amount('96.80') })] })]);
    expect([part.opening_balance, part.closing_balance, warnings]).toEqual([{ amount: '100.00' }, { amount: '96.80' }, []]);
  });

  it('warns of an amount that breaks the notation, naming the row', () => {
    const { part, warnings } = build([draft({ rows: [row({ amount: { role: 'debit', amount: amount('120.00', null, '120 00', true) } })], opening: balance('120.00'), closing: balance('0.00') })]);
    expect(amounts(part)).toEqual(['-120.00']);
    expect(warnings).toEqual([{ code: 'MALFORMED_AMOUNT', message: 'page 1, line 5: the amount "120 00" breaks the statement\'s notation; read as 120.00', element: 'page 1, line 5', line: 5 }]);
  });

  it('warns of a printed balance that breaks the notation, naming its line', () => {
    const { warnings } = build([draft({ opening: balance('40000.00', { amount: amount('40000.00', null, '£40,000,00', true) }), closing: balance('40000.00') })]);
    expect(warnings).toEqual([{ code: 'MALFORMED_AMOUNT', message: 'page 1, line 3: the balance "£40,000,00" breaks the statement\'s notation; read as 40000.00', element: 'page 1, line 3', line: 3 }]);
  });

  it('refuses an amount that cannot be read, naming the row', () => {
    const error = refusal([draft({ rows: [row({ amount: { role: 'debit', amount: amount(null, null, '2,540.BB', true) } })] })]);
    expect([error.code, error.message, error.location]).toEqual(['MALFORMED_DOCUMENT', 'page 1, line 5: the amount "2,540.BB" cannot be read, so the statement cannot be taken whole', { element: 'page 1', line: 5 }]);
  });

  it('refuses a dated row without an amount, naming the row', () => {
    const error = refusal([draft({ rows: [row({ where: { page: 2, line: 14 }, amount: null })] })]);
    expect([error.code, error.message, error.location]).toEqual(['MALFORMED_DOCUMENT', 'page 2, line 14: a row dated "04 Mar" has no amount under any column, so the table cannot be read whole', { element: 'page 2', line: 14 }]);
  });

  it('refuses a date without a year when the statement prints no dated period', () => {
    const error = refusal([draft({ rows: [row()] })], {}, 'Statement for March');
    expect([error.code, error.message, error.location]).toEqual(['MALFORMED_DOCUMENT', 'page 1, line 5: the date "04 Mar" has no year and the statement names no period to date it from', { element: 'page 1', line: 5 }]);
  });

  it('dates rows without a year in the latest year-dated frame of the text', () => {
    const rows = [row({ date: named('18 Dec', 18, 12) }), row({ where: { page: 1, line: 6 }, date: named('03 Jan', 3, 1) })];
    const { part } = build([draft({ rows })], {}, 'Statement date 15/01/2020\nAccount opened 01/12/2019');
    expect(part.transactions.map((t) => t.date)).toEqual(['2019-12-18', '2020-01-03']);
  });

  it('books an impossible day on the last day of its month, with a warning', () => {
    const { part, warnings } = build([draft({ rows: [row({ date: named('31 Feb 2024', 31, 2, 2024) })] })]);
    expect(part.transactions.map((t) => t.date)).toEqual(['2024-02-29']);
    expect(warnings[0]).toEqual({ code: 'DATE_ADJUSTED', message: 'page 1, line 5: "31 Feb 2024" is not a real date; booked on 2024-02-29, the month\'s last day', element: 'page 1, line 5' });
  });

  it('refuses a month past December', () => {
    const rows = [row({ date: numeric('25/03/2024', 25, 3, 2024) }), row({ where: { page: 1, line: 6 }, date: numeric('05/13/2024', 5, 13, 2024) })];
    const error = refusal([draft({ rows })]);
    expect([error.code, error.message, error.location]).toEqual(['MALFORMED_DOCUMENT', 'page 1, line 6: "05/13/2024" is not a date', { element: 'page 1', line: 6 }]);
  });

  it.each([
    ['day first in pounds', {}, '2024-07-02'],
    ['month first in dollars', { currency: 'USD' }, '2024-02-07'],
    ['as the profile says', { profile: { name: 'us', dateOrder: 'MDY' } }, '2024-02-07'],
    ['as the profile says, whatever the currency', { currency: 'USD', profile: { name: 'fr', dateOrder: 'DMY' } }, '2024-07-02'],
  ] as Array<[string, Partial<StatementContext>, string]>)('reads 02/07/2024 %s', (_, overrides, expected) => {
    const { part } = build([draft({ rows: [row({ date: numeric('02/07/2024', 2, 7, 2024) })] })], overrides);
    expect(part.transactions[0]!.date).toBe(expected);
  });

  it('decides the day/month order from the balance dates too', () => {
    const { part } = build([draft({ rows: [row({ date: numeric('02/07/2024', 2, 7, 2024) })], closing: balance('1.00', { date: numeric('25/07/2024', 25, 7, 2024) }) })], { currency: 'USD' });
    expect(part.transactions[0]!.date).toBe('2024-07-02');
  });

  it('takes the period the statement prints, when it builds one statement', () => {
    const { part } = build([draft({ rows: [row()] })], {}, 'Account 55512345\nStatement From 1 March 2024 To 31 March 2024');
    expect(part.period).toEqual({ start: '2024-03-01', end: '2024-03-31' });
    expect(build([draft({ rows: [row({ date: numeric('11/20/2023', 11, 20, 2023) })] })], { currency: 'USD' }, '11/15/2023 - 12/14/2023').part.period).toEqual({ start: '2023-11-15', end: '2023-12-14' });
  });

  it('ignores two dates on a line that names no period, or out of order', () => {
    expect(build([draft({ rows: [row()] })], {}, 'Printed 01/03/2024 31/03/2024').part.period).toEqual({ start: '2024-03-04', end: '2024-03-04' });
    expect(build([draft({ rows: [row()] })], {}, 'Statement from 31/03/2024 to 01/03/2024').part.period).toEqual({ start: '2024-03-04', end: '2024-03-04' });
    expect(build([draft({ rows: [row()] })], {}, 'Statement from 01/03/2024 to 01/03/2024').part.period).toEqual({ start: '2024-03-04', end: '2024-03-04' });
  });

  it('builds one statement a draft with content, each keeping its own period', () => {
    const second = draft({ account: '99988877', firstPage: 2, rows: [row({ where: { page: 2, line: 4 }, date: named('20 Mar', 20, 3) })] });
    const parts = buildStatements(read([draft({ rows: [] }), draft({ rows: [row()] }), second], 'Statement from 1 March 2024 to 31 March 2024'), context());
    expect(parts.map((p) => [p.account.id, p.period])).toEqual([
      ['55512345', { start: '2024-03-04', end: '2024-03-04' }],
      ['99988877', { start: '2024-03-20', end: '2024-03-20' }],
    ]);
  });

  it('builds a draft holding only a closing balance, with an empty account id when none was found', () => {
    const { part, warnings } = build([draft({ account: null, firstPage: 2, closing: balance('5.00') })]);
    expect(part).toEqual({ account: { id: '' }, currency: 'GBP', period: { start: null, end: null }, closing_balance: { amount: '5.00' }, transactions: [] });
    expect(warnings).toEqual([{ code: 'BALANCE_UNCHECKED', message: 'statement on page 2: no opening balance found, so the rows could not be checked against it', element: 'page 2' }]);
  });

  it('warns that the rows were not checked without a closing balance', () => {
    const { warnings } = build([draft({ rows: [row()], opening: balance('5.00') })]);
    expect(warnings).toEqual([{ code: 'BALANCE_UNCHECKED', message: 'statement 55512345: no closing balance found, so the rows could not be checked against it', element: 'page 1' }]);
  });

  it('refuses an OCR statement without both balances', () => {
    const error = refusal([draft({ rows: [row()], opening: balance('5.00') })], { ocr: true });
    expect([error.code, error.message, error.location]).toEqual(['MALFORMED_DOCUMENT', 'statement 55512345: the OCR result cannot be checked (no opening or closing balance found), so it is not trusted', { element: 'page 1' }]);
  });

  const mismatch = (): StatementDraft[] => [draft({ firstPage: 2, rows: [row({ where: { page: 2, line: 5 } })], opening: balance('10.00'), closing: balance('7.00') })];
  const MISMATCH = 'statement 55512345: opening balance 10.00 + movements -3.20 = 6.80, but the closing balance is 7.00 (gap 0.20)';

  it('warns of a closing balance the rows do not explain, figures on earlier pages aside', () => {
    const { warnings } = build(mismatch(), {}, undefined, [{ page: 1, line: 9 }]);
    expect(warnings).toEqual([{ code: 'BALANCE_MISMATCH', message: MISMATCH, element: 'page 2' }]);
  });

  it('refuses the mismatch when the words came from OCR', () => {
    const error = refusal(mismatch(), { ocr: true });
    expect([error.code, error.message, error.location]).toEqual(['MALFORMED_DOCUMENT', `${MISMATCH}: the OCR result does not reconcile, so it is not trusted`, { element: 'page 2' }]);
  });

  it('refuses the mismatch when the statement holds figures no row explains, naming the first', () => {
    const error = refusal(mismatch(), {}, undefined, [{ page: 1, line: 9 }, { page: 2, line: 8 }, { page: 3, line: 2 }]);
    expect([error.code, error.message, error.location]).toEqual(['MALFORMED_DOCUMENT', `${MISMATCH}, and page 2, line 8 holds figures no row explains: the table was not read whole`, { element: 'page 2', line: 8 }]);
  });

  it('warns when a printed total differs from its rows, per side', () => {
    const rows = [row(), row({ where: { page: 1, line: 6 }, amount: { role: 'debit', amount: amount('1.80') } }), row({ where: { page: 1, line: 7 }, amount: { role: 'credit', amount: amount('2.00') } })];
    const totals = [
      { debit: amount('5.00'), credit: amount('3.00'), where: { page: 1, line: 9 } },
      { debit: amount('5.10'), credit: null, where: { page: 1, line: 10 } },
      { debit: amount(null, null, '5.1O', true), credit: amount('2.00'), where: { page: 1, line: 11 } },
    ];
    const { warnings } = build([draft({ rows, totals, opening: balance('10.00'), closing: balance('7.00') })]);
    expect(warnings).toEqual([
      { code: 'TOTALS_MISMATCH', message: 'statement 55512345: the credit total printed at page 1, line 9 is 3.00, the credit rows add up to 2.00 (difference 1.00)', element: 'page 1, line 9' },
      { code: 'TOTALS_MISMATCH', message: 'statement 55512345: the debit total printed at page 1, line 10 is 5.10, the debit rows add up to 5.00 (difference 0.10)', element: 'page 1, line 10' },
    ]);
  });
});
