import { decimalsEqual, sumDecimals } from '../decimal.js';
import { StatementParseError } from '../statement-parse.error.js';
import { joinLabel } from '../statement-label.js';
import type { DecimalString, ParseWarning, StatementTransaction } from '../statement.types.js';
import { deriveTransactionId } from '../transaction-id.js';
import type { QifField } from './qif-records.js';
import { parseQifAmount, parseQifDate, type QifDateOrder } from './qif-values.js';

export interface QifSplit {
  category: string;
  memo?: string;
  amount?: DecimalString;
  percent?: string;
}

export interface QifRecordContext {
  section: string;
  accountId: string;
  index: number;
  currency: string;
  dateOrder: QifDateOrder;
  decimalSeparator: '.' | ',';
  warnings: ParseWarning[];
}

const FIELD_NAMES: Record<string, string> = {
  D: 'date', T: 'amount', U: 'amount_u', M: 'memo', C: 'cleared', N: 'number', P: 'payee', L: 'category',
  Y: 'security', I: 'price', Q: 'quantity', O: 'commission', F: 'reimbursable', K: 'flag', X: 'invoice',
};

function refuse(message: string, field: QifField): StatementParseError {
  return new StatementParseError('MALFORMED_DOCUMENT', `QIF: ${message} (line ${field.line})`, { line: field.line, element: field.code });
}

function amountOf(field: QifField, decimalSeparator: '.' | ','): DecimalString {
  const amount = parseQifAmount(field.value, decimalSeparator);
  if (amount === null) throw refuse(`"${field.value}" in field ${field.code} is not an amount`, field);
  return amount;
}

/** Category `Food:Groceries/Class` or transfer `[Account]`, as Quicken writes them. */
function categoryParts(text: string): Record<string, unknown> {
  const [category = '', cls] = text.split('/');
  const transfer = /^\[(.*)\]$/.exec(category);
  return {
    category_path: transfer ? [] : category.split(':').filter((s) => s !== ''),
    ...(transfer ? { transfer_account: transfer[1] } : {}),
    ...(cls !== undefined ? { class: cls } : {}),
  };
}

export function readQifTransaction(fields: QifField[], recordLine: number, ctx: QifRecordContext): StatementTransaction {
  const invest = ctx.section.toLowerCase() === 'invst';
  const raw: Record<string, unknown> = {};
  const address: string[] = [];
  const splits: QifSplit[] = [];
  const splitLines: number[] = [];
  let date: QifField | undefined;
  let amount: DecimalString | undefined;
  const startSplit = (split: QifSplit, line: number): void => {
    splits.push(split);
    splitLines.push(line);
  };
  for (const field of fields) {
    const { code, value } = field;
    const current = splits[splits.length - 1];
    if (code === 'D') date = field;
    else if ((code === 'T' || code === 'U') && amount === undefined) amount = amountOf(field, ctx.decimalSeparator);
    else if (code === 'A') address.push(value.trim());
    else if (code === 'S' && !invest) startSplit({ category: value.trim() }, field.line);
    else if (code === 'E' && !invest) {
      if (!current || current.memo !== undefined || current.amount !== undefined) startSplit({ category: '', memo: value.trim() }, field.line);
      else current.memo = value.trim();
    } else if (code === '$' && !invest) {
      if (!current || current.amount !== undefined) startSplit({ category: '', amount: amountOf(field, ctx.decimalSeparator) }, field.line);
      else current.amount = amountOf(field, ctx.decimalSeparator);
    } else if (code === '%' && !invest && current) current.percent = value.trim();
    else if (code === '$') raw.transfer_amount = amountOf(field, ctx.decimalSeparator);
    if (!['A', 'S', 'E', '$', '%'].includes(code)) raw[FIELD_NAMES[code] ?? code] = value.trim();
  }
  const first = fields[0]!;
  if (!date) throw refuse(`the record starting at line ${recordLine} has no date (D field)`, first);
  const isoDate = parseQifDate(date.value, ctx.dateOrder);
  if (!isoDate) throw refuse(`"${date.value}" is not a date`, date);
  const splitWithoutAmount = splits.findIndex((s) => s.amount === undefined && s.percent === undefined);
  if (splitWithoutAmount !== -1) {
    const line = splitLines[splitWithoutAmount] ?? recordLine;
    throw refuse(`split ${splitWithoutAmount + 1} ("${splits[splitWithoutAmount]!.category}") of the record starting at line ${recordLine} has no amount ($ field)`, { code: 'S', value: '', line });
  }
  const splitAmounts = splits.map((s) => s.amount).filter((a): a is DecimalString => a !== undefined);
  if (amount === undefined && splitAmounts.length > 0) amount = sumDecimals(splitAmounts);
  // Investment actions such as ShrsIn or StkSplit move no cash and may have no T field.
  if (amount === undefined && invest) amount = '0.00';
  if (amount === undefined) throw refuse(`the record starting at line ${recordLine} has no amount (T field)`, first);
  if (splitAmounts.length > 0 && !decimalsEqual(sumDecimals(splitAmounts), amount)) {
    ctx.warnings.push({
      code: 'SPLIT_MISMATCH',
      message: `QIF record at line ${recordLine}: splits sum to ${sumDecimals(splitAmounts)} but the total is ${amount}`,
      line: recordLine,
    });
  }

  const payee = typeof raw.payee === 'string' && raw.payee !== '' ? raw.payee : undefined;
  const memo = typeof raw.memo === 'string' && raw.memo !== '' ? raw.memo : undefined;
  const category = typeof raw.category === 'string' && raw.category !== '' ? raw.category.split('/')[0] : undefined;
  const reference = typeof raw.number === 'string' && raw.number !== '' && !invest ? raw.number : undefined;
  const type = invest ? (typeof raw.number === 'string' && raw.number !== '' ? raw.number : undefined) : undefined;
  return {
    id: deriveTransactionId('qif', [ctx.accountId, ctx.section, ctx.index, isoDate, amount, payee, memo]),
    date: isoDate,
    amount,
    currency: ctx.currency,
    label: joinLabel(payee ?? (invest ? [type, raw.security].filter(Boolean).join(' ') : undefined), memo) || category || '',
    ...(payee ? { payee } : {}),
    ...(memo ? { memo } : {}),
    ...(category ? { category } : {}),
    ...(reference ? { reference } : {}),
    ...(type ? { type } : {}),
    raw: {
      ...raw,
      ...(typeof raw.category === 'string' ? categoryParts(raw.category) : {}),
      ...(address.length > 0 ? { address } : {}),
      ...(splits.length > 0 ? { splits: splits.map((s) => ({ ...s, ...categoryParts(s.category) })) } : {}),
      line: recordLine,
    },
  };
}
