import { negateDecimal, absDecimal, sumDecimals, subtractDecimal, isZeroDecimal } from '../decimal.js';
import { StatementParseError } from '../statement-parse.error.js';
import type { DecimalString, StatementTransaction } from '../statement.types.js';
import { deriveTransactionId } from '../transaction-id.js';
import type { ColumnIndexes } from './csv-columns.js';
import { cleanLabel } from './csv-text.js';
import { parseAmount, parseDate, type DateFormat } from './csv-values.js';

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts in the file. */
  line: number;
}

export interface RowContext {
  columns: ColumnIndexes;
  header: readonly string[] | null;
  dateFormat: DateFormat;
  valueDateFormat: DateFormat | null;
  decimals: Partial<Record<'amount' | 'debit' | 'credit' | 'balance' | 'fee', '.' | ','>>;
  currency: string;
  /** Revolut's Description is the counterparty. */
  labelIsPayee: boolean;
}

export interface CsvRow {
  account: string | undefined;
  accountName: string | undefined;
  transaction: StatementTransaction;
  balance: DecimalString | undefined;
  line: number;
}

const COMPLETED_STATES = new Set(['COMPLETED', 'COMPLETE', 'BOOKED', 'SETTLED', 'POSTED', 'EXECUTED']);

function columnName(ctx: RowContext, index: number): string {
  const name = ctx.header?.[index]?.trim();
  return name ? `column ${index + 1} "${name}"` : `column ${index + 1}`;
}

function rowError(record: CsvRecord, ctx: RowContext, index: number, problem: string): StatementParseError {
  return new StatementParseError('MALFORMED_DOCUMENT', `line ${record.line}, ${columnName(ctx, index)}: ${problem}`, {
    line: record.line,
    element: columnName(ctx, index),
  });
}

function cell(record: CsvRecord, index: number | undefined): string {
  return index === undefined ? '' : (record.fields[index] ?? '').trim();
}

/** Why a row is left out on purpose (a pending card payment), or null when it is a booked row. */
export function skipReason(record: CsvRecord, ctx: RowContext): string | null {
  if (record.fields.every((f) => f.trim() === '')) return 'empty';
  const state = cell(record, ctx.columns.state).toUpperCase();
  if (ctx.columns.state !== undefined && state !== '' && !COMPLETED_STATES.has(state)) return `state ${state}`;
  return null;
}

function readAmountCell(record: CsvRecord, ctx: RowContext, role: 'amount' | 'debit' | 'credit' | 'fee' | 'balance'): DecimalString | undefined {
  const index = ctx.columns[role];
  const text = cell(record, index);
  if (index === undefined || text === '') return undefined;
  const value = parseAmount(text, ctx.decimals[role] ?? ',');
  if (value === null) throw rowError(record, ctx, index, `invalid amount "${text}"`);
  return value;
}

function readSignedAmount(record: CsvRecord, ctx: RowContext): DecimalString {
  const { columns } = ctx;
  const amount = readAmountCell(record, ctx, 'amount');
  const debit = readAmountCell(record, ctx, 'debit');
  const credit = readAmountCell(record, ctx, 'credit');
  let total: DecimalString;
  if (amount !== undefined) total = amount;
  else if (debit !== undefined || credit !== undefined) {
    // Debit columns hold "45,90" at some banks and "-45,90" at others: the column gives the sign.
    total = sumDecimals([credit ? absDecimal(credit) : '0', debit ? negateDecimal(absDecimal(debit)) : '0']);
  } else {
    const where = columns.amount ?? columns.debit ?? columns.credit!;
    throw rowError(record, ctx, where, 'no amount (the amount, debit and credit cells are empty)');
  }
  const fee = readAmountCell(record, ctx, 'fee');
  return fee !== undefined && !isZeroDecimal(fee) ? subtractDecimal(total, absDecimal(fee)) : total;
}

function rawRecord(record: CsvRecord, header: readonly string[] | null): Record<string, string> {
  return Object.fromEntries(record.fields.map((v, i) => [header?.[i]?.trim() || `column_${i + 1}`, v]));
}

export function parseRow(record: CsvRecord, ordinal: number, ctx: RowContext): CsvRow {
  const { columns } = ctx;
  const dateText = cell(record, columns.date);
  if (dateText === '') throw rowError(record, ctx, columns.date, 'the date is empty');
  const date = parseDate(dateText, ctx.dateFormat);
  if (date === null) throw rowError(record, ctx, columns.date, `invalid date "${dateText}", expected ${ctx.dateFormat}`);
  const valueText = cell(record, columns.value_date);
  const valueDate = valueText === '' ? null : parseDate(valueText, ctx.valueDateFormat ?? ctx.dateFormat);
  if (valueText !== '' && valueDate === null) throw rowError(record, ctx, columns.value_date!, `invalid date "${valueText}"`);
  const amount = readSignedAmount(record, ctx);
  const label = columns.label.map((i) => cleanLabel(record.fields[i] ?? '')).filter(Boolean).join(' ');
  const memo = (columns.memo ?? []).map((i) => cleanLabel(record.fields[i] ?? '')).filter((m) => m !== '' && m !== label).join(' ');
  const currencyText = cell(record, columns.currency).toUpperCase();
  if (currencyText !== '' && !/^[A-Z]{3}$/.test(currencyText)) throw rowError(record, ctx, columns.currency!, `invalid currency "${currencyText}"`);
  const payee = columns.payee !== undefined ? cleanLabel(cell(record, columns.payee)) : ctx.labelIsPayee ? label : '';
  const reference = cell(record, columns.reference);
  const category = cleanLabel(cell(record, columns.category));
  const type = cell(record, columns.type);
  const account = cell(record, columns.account) || undefined;
  const transaction: StatementTransaction = {
    id: reference || deriveTransactionId('csv', [account, ordinal, date, amount, label]),
    date,
    ...(valueDate ? { value_date: valueDate } : {}),
    amount,
    currency: currencyText || ctx.currency,
    label,
    ...(payee ? { payee } : {}),
    ...(memo ? { memo } : {}),
    ...(category ? { category } : {}),
    ...(reference ? { reference } : {}),
    ...(type ? { type } : {}),
    raw: rawRecord(record, ctx.header),
  };
  return { account, accountName: cell(record, columns.account_name) || undefined, transaction, balance: readAmountCell(record, ctx, 'balance'), line: record.line };
}
