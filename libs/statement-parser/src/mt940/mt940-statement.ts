import { checkBalances } from '../balance-check.js';
import { StatementParseError } from '../statement-parse.error.js';
import { joinLabel } from '../statement-label.js';
import type { ParsedStatementPart, ParseWarning, StatementTransaction } from '../statement.types.js';
import { deriveTransactionId } from '../transaction-id.js';
import { readDetails, readNonSwift } from './mt940-details.js';
import { entryDate, parseBalance, parseEntryLine, parseSwiftDate, type Mt940Balance, type Mt940Date } from './mt940-fields.js';
import type { Mt940Field, Mt940Message } from './mt940-messages.js';

interface PendingEntry {
  field: Mt940Field;
  details: string[];
  nonSwift: string[];
}

function refuse(message: string, field: { line: number; tag?: string }): StatementParseError {
  return new StatementParseError('MALFORMED_DOCUMENT', `MT940: ${message}`, { line: field.line, ...(field.tag ? { element: `:${field.tag}:` } : {}) });
}

function noteAdjusted(date: Mt940Date, field: Mt940Field, warnings: ParseWarning[]): void {
  if (!date.adjustedFrom) return;
  warnings.push({
    code: 'DATE_ADJUSTED',
    message:
      `:${field.tag}: at line ${field.line} has the date ${date.adjustedFrom}, which does not exist; read as ${date.date}, ` +
      'the last day of February, as wolph/mt940 does (banks counting 30-day months write February 30)',
    line: field.line,
    element: `:${field.tag}:`,
  });
}

function balanceOf(field: Mt940Field, warnings: ParseWarning[]): Mt940Balance {
  const balance = parseBalance(field.value);
  if (!balance) throw refuse(`:${field.tag}: at line ${field.line} is not a balance (expected C/D, YYMMDD, currency, amount with a comma): "${field.value.trim()}"`, field);
  noteAdjusted(balance.date, field, warnings);
  return balance;
}

function toTransaction(entry: PendingEntry, index: number, ctx: { reference: string; account: string; currency: string; warnings: ParseWarning[] }): StatementTransaction {
  const { field } = entry;
  const parsed = parseEntryLine(field.value);
  if (!parsed) {
    throw refuse(`:61: at line ${field.line} does not follow the SWIFT layout (value date, [entry date], C/D mark, amount with a comma, type code): "${field.value.split('\n')[0]}"`, field);
  }
  const value = parseSwiftDate(parsed.valueDateText);
  if (!value) throw refuse(`:61: at line ${field.line} has an invalid value date ${parsed.valueDateText}`, field);
  noteAdjusted(value, field, ctx.warnings);
  const booked = parsed.entryDateText ? entryDate(value.date, parsed.entryDateText) : value;
  if (!booked) throw refuse(`:61: at line ${field.line} has an invalid entry date ${parsed.entryDateText}`, field);
  if (booked !== value) noteAdjusted(booked, field, ctx.warnings);

  const detailsText = entry.details.join('\n');
  const details = detailsText ? readDetails(detailsText) : null;
  const nonSwift = entry.nonSwift.length > 0 ? readNonSwift(entry.nonSwift.join('\n')) : null;
  const payee = details?.payee ?? nonSwift?.payee;
  const memo = details?.memo ?? nonSwift?.memo;
  const reference = parsed.customerReference && parsed.customerReference !== 'NONREF' ? parsed.customerReference : undefined;
  const label =
    joinLabel(parsed.supplementary, details ? details.label : joinLabel(payee, memo)) || reference || parsed.typeCode.trim();
  const bankId = parsed.bankReference && parsed.bankReference !== 'NONREF' ? parsed.bankReference : undefined;
  return {
    id: bankId ?? deriveTransactionId('mt940', [ctx.reference, ctx.account, index, booked.date, parsed.amount, field.value, detailsText]),
    date: booked.date,
    value_date: value.date,
    amount: parsed.amount,
    currency: ctx.currency,
    label,
    ...(payee ? { payee } : {}),
    ...(memo ? { memo } : {}),
    ...(reference ? { reference } : {}),
    type: parsed.typeCode.trim(),
    raw: {
      '61': field.value,
      ...(detailsText ? { '86': detailsText } : {}),
      ...(nonSwift ? { NS: entry.nonSwift.join('\n') } : {}),
      mark: parsed.mark,
      ...(parsed.fundsCode ? { funds_code: parsed.fundsCode } : {}),
      ...(parsed.bankReference ? { bank_reference: parsed.bankReference } : {}),
      ...(details?.fields ? { details: details.fields } : {}),
      ...(details?.postingText ? { posting_text: details.postingText } : {}),
      line: field.line,
    },
  };
}

const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/;

/** One :20: message: account, opening and closing balance, entries with their :86: details. */
export function readMt940Statement(message: Mt940Message, warnings: ParseWarning[]): ParsedStatementPart {
  const reference = message.fields[0]!.value.trim();
  const name = `:20:${reference} (line ${message.line})`;
  const accountField = message.fields.find((f) => f.tag === '25');
  if (!accountField) throw refuse(`statement ${name} has no :25: account field`, { line: message.line, tag: '25' });
  const openingField = message.fields.find((f) => f.tag === '60F' || f.tag === '60M');
  if (!openingField) throw refuse(`statement ${name} has no opening balance :60F:/:60M:`, { line: message.line, tag: '60F' });
  const closingField = [...message.fields].reverse().find((f) => f.tag === '62F' || f.tag === '62M');
  if (!closingField) {
    throw refuse(`statement ${name} has no closing balance :62F:/:62M: (the file is truncated or the statement incomplete)`, { line: message.line, tag: '62F' });
  }
  const opening = balanceOf(openingField, warnings);
  const closing = balanceOf(closingField, warnings);
  const availableField = message.fields.find((f) => f.tag === '64');
  const available = availableField ? balanceOf(availableField, warnings) : undefined;
  const account = accountField.value.trim();

  const entries: PendingEntry[] = [];
  let current: PendingEntry | null = null;
  for (const field of message.fields) {
    if (field.tag === '61') {
      if (field.line > closingField.line) throw refuse(`:61: at line ${field.line} comes after the closing balance of ${name}`, field);
      current = { field, details: [], nonSwift: [] };
      entries.push(current);
    } else if (field.tag === '86' && current) current.details.push(field.value);
    else if (field.tag === 'NS' && current) current.nonSwift.push(field.value);
    else if (/^6[02][FM]$/.test(field.tag)) current = null;
  }
  const ctx = { reference, account, currency: opening.currency, warnings };
  const transactions = entries.map((e, i) => toTransaction(e, i, ctx));
  const part: ParsedStatementPart = {
    account: { id: account, ...(IBAN.test(account) ? { iban: account } : {}) },
    currency: opening.currency,
    period: { start: opening.date.date, end: closing.date.date },
    opening_balance: { amount: opening.amount, date: opening.date.date },
    closing_balance: { amount: closing.amount, date: closing.date.date },
    ...(available ? { available_balance: { amount: available.amount, date: available.date.date } } : {}),
    transactions,
  };
  if (closing.currency !== opening.currency) {
    warnings.push({ code: 'CURRENCY_MISMATCH', message: `statement ${name}: opening balance in ${opening.currency}, closing in ${closing.currency}`, line: closingField.line, element: `:${closingField.tag}:` });
  }
  const mismatch = checkBalances(part, name, { line: closingField.line, element: `:${closingField.tag}:` });
  if (mismatch) warnings.push(mismatch);
  return part;
}
