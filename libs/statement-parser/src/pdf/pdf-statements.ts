import Big from 'big.js';
import { daysInMonth, isoDate } from '../calendar-date.js';
import { sumDecimals, subtractDecimal, toDecimalString } from '../decimal.js';
import { StatementParseError } from '../statement-parse.error.js';
import type { Balance, DecimalString, ParsedStatementPart, ParseWarning, StatementTransaction } from '../statement.types.js';
import { deriveTransactionId, makeIdsUnique } from '../transaction-id.js';
import type { PrintedAmount } from './pdf-amount.js';
import { datesWithYear, dayMonth, decideOrder, inferYear, type DateOrder, type PrintedDate } from './pdf-dates.js';
import { fold, type ColumnRole, type PdfLayoutProfile } from './pdf-layout.js';
import type { ReadResult } from './pdf-reader.js';
import { at, type BalanceDraft, type RowDraft, type StatementDraft, type Where } from './pdf-statement-draft.js';

export interface StatementContext {
  profile: PdfLayoutProfile;
  currency: string;
  card: boolean;
  ocr: boolean;
  warnings: ParseWarning[];
}

const CARD_WORDS = [/credit card/, /card statement/, /minimum (payment |amount )?due/, /total amount due/, /payment due date/, /carte de credit/];

/** A card statement when the profile says so, or when at least two card-statement phrases appear. */
export function isCardStatement(profile: PdfLayoutProfile, text: string): boolean {
  if (profile.card !== undefined) return profile.card;
  const folded = fold(text);
  return CARD_WORDS.filter((w) => w.test(folded)).length >= 2;
}

export function detectCurrency(text: string): string | null {
  const codes = [...text.matchAll(/\b(EUR|GBP|USD|NZD|SGD|AUD|CAD|CHF)\b/g)].map((m) => m[1]!);
  if (codes.length) return codes.sort((a, b) => codes.filter((c) => c === b).length - codes.filter((c) => c === a).length)[0]!;
  if (/€|\beuros?\b/i.test(text)) return 'EUR';
  if (/£/.test(text)) return 'GBP';
  if (/S\$/.test(text)) return 'SGD';
  if (/NZ\$/.test(text)) return 'NZD';
  if (/\$/.test(text)) return 'USD';
  return null;
}

function abs(amount: PrintedAmount, where: Where): Big {
  if (amount.value === null) {
    throw new StatementParseError('MALFORMED_DOCUMENT', `${at(where)}: the amount "${amount.raw}" cannot be read, so the statement cannot be taken whole`, { element: `page ${where.page}`, line: where.line });
  }
  return new Big(amount.value);
}

/** On a card statement an unsigned figure is a charge (or a balance owed); a minus, parentheses or CR mark a credit, DR a charge. */
function cardCredit(amount: PrintedAmount): boolean {
  return amount.mark === 'CR' || (amount.sign === '-' && amount.mark !== 'DR');
}

/** The side of a movement: its column (debit/credit), else its printed sign, else the section it is listed under. */
function movement(row: RowDraft, card: boolean): DecimalString {
  const { role, amount } = row.amount!;
  const value = abs(amount, row.where);
  if (role === 'debit') return toDecimalString(value.times(-1));
  if (role === 'credit') return toDecimalString(value);
  if (card) return toDecimalString(cardCredit(amount) ? value : value.times(-1));
  if (amount.sign === '-') return toDecimalString(value.times(-1));
  if (amount.sign === null && row.section === '-') return toDecimalString(value.times(-1));
  return toDecimalString(value);
}

function balanceValue(draft: BalanceDraft, card: boolean): DecimalString {
  const value = abs(draft.amount, draft.where);
  const negative = card
    ? !cardCredit(draft.amount) && draft.role !== 'credit'
    : draft.role === 'debit' || draft.amount.sign === '-' || (draft.role !== 'credit' && draft.negative);
  return toDecimalString(negative ? value.times(-1) : value);
}

function runningValue(amount: PrintedAmount, where: Where): DecimalString {
  const value = abs(amount, where);
  return toDecimalString(amount.sign === '-' ? value.times(-1) : value);
}

class DateResolver {
  constructor(
    readonly order: DateOrder,
    private readonly frameEnd: string | null,
    private readonly warnings: ParseWarning[],
  ) {}

  resolve(date: PrintedDate, where: Where): string {
    const { day, month } = dayMonth(date, this.order);
    const year = date.year ?? inferYear(day, month, this.frameEnd);
    if (year === null) {
      throw new StatementParseError('MALFORMED_DOCUMENT', `${at(where)}: the date "${date.raw}" has no year and the statement names no period to date it from`, { element: `page ${where.page}`, line: where.line });
    }
    const iso = isoDate(year, month, day);
    if (iso) return iso;
    const last = isoDate(year, month, daysInMonth(year, month));
    if (!last || month > 12) throw new StatementParseError('MALFORMED_DOCUMENT', `${at(where)}: "${date.raw}" is not a date`, { element: `page ${where.page}`, line: where.line });
    this.warnings.push({ code: 'DATE_ADJUSTED', message: `${at(where)}: "${date.raw}" is not a real date; booked on ${last}, the month's last day`, element: at(where) });
    return last;
  }
}

function malformed(amount: PrintedAmount | null, where: Where, warnings: ParseWarning[], reading: string): void {
  if (!amount?.malformed) return;
  const read = amount.value === null ? 'cannot be read' : `read as ${amount.value}`;
  warnings.push({ code: 'MALFORMED_AMOUNT', message: `${at(where)}: ${reading} "${amount.raw}" breaks the statement's notation; ${read}`, element: at(where), line: where.line });
}

/** Turns the drafts into statements: dates placed in the period, signs from columns, balances checked. */
export function buildStatements(read: ReadResult, context: StatementContext): ParsedStatementPart[] {
  const { warnings } = context;
  const printed = read.drafts.flatMap((d) => [...d.rows.map((r) => r.date), ...[d.opening, d.closing].flatMap((b) => (b?.date ? [b.date] : []))]);
  const order = decideOrder(printed, context.profile.dateOrder ?? (context.currency === 'USD' ? 'MDY' : 'DMY'));
  const frame = datesWithYear(read.text, order).sort();
  const dates = new DateResolver(order, frame[frame.length - 1] ?? null, warnings);
  const parts: ParsedStatementPart[] = [];
  for (const draft of read.drafts) {
    if (!draft.rows.length && !draft.opening && !draft.closing) continue;
    parts.push(buildOne(draft, context, dates, read));
  }
  const period = printedPeriod(read.text, order);
  if (period && parts.length === 1) parts[0]!.period = period;
  return parts;
}

const PERIOD_WORDS = /\b(period|from|to|through|du|au|periode)\b|\s[-–]\s/i;

/** The period a statement prints ("from 1 May 2026 to 31 May 2026", "11/15/2023 - 12/14/2023"): a line with two dates. */
function printedPeriod(text: string, order: DateOrder): { start: string; end: string } | null {
  for (const line of text.split('\n')) {
    if (!PERIOD_WORDS.test(line)) continue;
    const found = datesWithYear(line, order);
    if (found.length === 2 && found[0]! < found[1]!) return { start: found[0]!, end: found[1]! };
  }
  return null;
}

function buildOne(draft: StatementDraft, context: StatementContext, dates: DateResolver, read: ReadResult): ParsedStatementPart {
  const { warnings, card, currency } = context;
  const name = draft.account ?? `on page ${draft.firstPage}`;
  const transactions: StatementTransaction[] = [];
  for (const row of draft.rows) {
    if (!row.amount) {
      throw new StatementParseError('MALFORMED_DOCUMENT', `${at(row.where)}: a row dated "${row.date.raw}" has no amount under any column, so the table cannot be read whole`, { element: `page ${row.where.page}`, line: row.where.line });
    }
    malformed(row.amount.amount, row.where, warnings, 'the amount');
    malformed(row.balance, row.where, warnings, 'the balance');
    const date = dates.resolve(row.date, row.where);
    const amount = movement(row, card);
    const label = row.label.join(' ').replace(/\s+/g, ' ').trim();
    transactions.push({
      id: deriveTransactionId('pdf', [row.where.page, row.where.line, date, amount, label]),
      date,
      amount,
      currency,
      label,
      raw: { page: row.where.page, line: row.where.line, date: row.date.raw, amount: row.amount.amount.raw, column: row.amount.role, ...(row.balance && { balance: row.balance.raw }) },
    });
  }
  makeIdsUnique(transactions);
  const toBalance = (b: BalanceDraft | null): Balance | undefined => {
    if (!b) return undefined;
    malformed(b.amount, b.where, warnings, 'the balance');
    const date = b.date ? dates.resolve(b.date, b.where) : balanceDate(b.text, dates);
    return { amount: balanceValue(b, card), ...(date && { date }) };
  };
  let opening = toBalance(draft.opening);
  let closing = toBalance(draft.closing);
  const summaryOpening = toBalance(draft.summaryOpening);
  const summaryClosing = toBalance(draft.summaryClosing);
  opening ??= summaryOpening ?? runningOpening(draft, transactions);
  closing ??= summaryClosing ?? runningClosing(draft);
  checkTotals(draft, name, warnings);
  check(name, opening, closing, transactions, context, read, draft);
  const sortedDates = transactions.map((t) => t.date).sort();
  return {
    account: { id: draft.account ?? '' },
    currency,
    period: { start: opening?.date ?? sortedDates[0] ?? null, end: closing?.date ?? sortedDates[sortedDates.length - 1] ?? null },
    ...(opening && { opening_balance: opening }),
    ...(closing && { closing_balance: closing }),
    transactions,
  };
}

/** A balance line's own date when its text names one ("SOLDE CREDITEUR AU 30/06/2014"). */
function balanceDate(text: string, dates: DateResolver): string | undefined {
  return datesWithYear(text, dates.order)[0];
}

/** Without a printed opening balance, the first running balance less the first movement. */
function runningOpening(draft: StatementDraft, transactions: StatementTransaction[]): Balance | undefined {
  const index = draft.rows.findIndex((r) => r.balance?.value);
  if (index < 0) return undefined;
  const before = transactions.slice(0, index + 1).map((t) => t.amount);
  return { amount: subtractDecimal(runningValue(draft.rows[index]!.balance!, draft.rows[index]!.where), sumDecimals(before)) };
}

function runningClosing(draft: StatementDraft): Balance | undefined {
  const last = [...draft.rows].reverse().find((r) => r.balance?.value);
  return last ? { amount: runningValue(last.balance!, last.where) } : undefined;
}

function checkTotals(draft: StatementDraft, name: string, warnings: ParseWarning[]): void {
  const sum = (role: ColumnRole): DecimalString =>
    sumDecimals(draft.rows.filter((r) => r.amount?.role === role && r.amount.amount.value).map((r) => r.amount!.amount.value!));
  for (const totals of draft.totals) {
    for (const [role, printed] of [['debit', totals.debit], ['credit', totals.credit]] as const) {
      if (!printed?.value) continue;
      const listed = sum(role);
      if (!new Big(listed).eq(printed.value)) {
        warnings.push({ code: 'TOTALS_MISMATCH', message: `statement ${name}: the ${role} total printed at ${at(totals.where)} is ${printed.value}, the ${role} rows add up to ${listed} (difference ${subtractDecimal(printed.value, listed)})`, element: at(totals.where) });
      }
    }
  }
}

/** The arbiter: opening + movements = closing. A mismatch is a warning for a text PDF and an error for OCR. */
function check(name: string, opening: Balance | undefined, closing: Balance | undefined, transactions: StatementTransaction[], context: StatementContext, read: ReadResult, draft: StatementDraft): void {
  const page = `page ${draft.firstPage}`;
  if (!opening || !closing) {
    if (context.ocr) throw new StatementParseError('MALFORMED_DOCUMENT', `statement ${name}: the OCR result cannot be checked (no opening or closing balance found), so it is not trusted`, { element: page });
    context.warnings.push({ code: 'BALANCE_UNCHECKED', message: `statement ${name}: no ${opening ? 'closing' : 'opening'} balance found, so the rows could not be checked against it`, element: page });
    return;
  }
  const movements = sumDecimals(transactions.map((t) => t.amount));
  const expected = sumDecimals([opening.amount, movements]);
  if (new Big(expected).eq(closing.amount)) return;
  const gap = subtractDecimal(closing.amount, expected);
  const message = `statement ${name}: opening balance ${opening.amount} + movements ${movements} = ${expected}, but the closing balance is ${closing.amount} (gap ${gap})`;
  if (context.ocr) throw new StatementParseError('MALFORMED_DOCUMENT', `${message}: the OCR result does not reconcile, so it is not trusted`, { element: page });
  const stray = read.unexplained.find((w) => w.page >= draft.firstPage);
  if (stray) throw new StatementParseError('MALFORMED_DOCUMENT', `${message}, and ${at(stray)} holds figures no row explains: the table was not read whole`, { element: `page ${stray.page}`, line: stray.line });
  context.warnings.push({ code: 'BALANCE_MISMATCH', message, element: page });
}
