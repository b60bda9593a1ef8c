import { DEFAULT_MAX_STATEMENT_ROWS, rowLimitExceeded } from '../statement-limits.js';
import { StatementParseError } from '../statement-parse.error.js';
import type { AccountInfo, CsvOptions, ParsedDocument, ParseOptions, ParseWarning } from '../statement.types.js';
import { decodeBytes, decodeUnknownText, mixedEncodingWarnings } from '../text-decoding.js';
import { makeIdsUnique } from '../transaction-id.js';
import { inferColumns, mapExplicit, mapHeader, type ColumnIndexes } from './csv-columns.js';
import { detectDelimiter, modalWidth, splitLine } from './csv-dialect.js';
import { readRecords } from './csv-records.js';
import { parseRow, skipReason, type CsvRecord, type CsvRow, type RowContext } from './csv-rows.js';
import { groupStatements } from './csv-statements.js';
import { canonicalHeader, decodeHtmlEntities } from './csv-text.js';
import { detectDateFormat, detectDecimalSeparator, looksLikeDate, parseAmount, parseDate, type DateFormat } from './csv-values.js';

const HEADER_SEARCH_LINES = 40;

function findHeaderLine(lines: readonly string[], delimiter: string, options: CsvOptions): number | null {
  if (options.headerRow !== undefined) return options.headerRow;
  const dateRef = options.columns?.date;
  for (let i = 0; i < Math.min(lines.length, HEADER_SEARCH_LINES); i++) {
    const fields = splitLine(lines[i]!, delimiter);
    if (typeof dateRef === 'string' && fields.some((f) => f.trim() === dateRef.trim())) return i;
    if (mapHeader(fields)) return i;
  }
  return null;
}

/** Header-less files: the data starts at the first line of the usual width that holds a date. */
function findFirstDataLine(lines: readonly string[], delimiter: string): number {
  const width = modalWidth(lines, delimiter);
  const index = lines.findIndex((l) => {
    const fields = splitLine(l, delimiter);
    return fields.length === width && fields.some((f) => looksLikeDate(f.trim()));
  });
  if (index < 0) throw new StatementParseError('UNSUPPORTED_CONTENT', 'no CSV header row and no row starting with a date was found', { line: 1 });
  return index;
}

function accountFromPreamble(preamble: readonly string[], delimiter: string): AccountInfo {
  for (const line of preamble) {
    const fields = splitLine(decodeHtmlEntities(line), delimiter).map((f) => f.trim());
    const idField = fields.findIndex((f) => /(\*{2,}\d{2,}|\b\d{8,}\b|\b[A-Z]{2}\d{2}[A-Z0-9 ]{10,30}\b)/.test(f));
    if (idField < 0) continue;
    const id = /(\*{2,}\d{2,}|\b\d{8,}\b|\b[A-Z]{2}\d{2}[A-Z0-9 ]{10,30}\b)/.exec(fields[idField]!)![1]!.trim();
    const name = fields.slice(0, idField).reverse().find((f) => f !== '' && !/\d/.test(f));
    return { id, ...(name ? { name } : {}) };
  }
  return { id: 'unknown' };
}

function checkWidth(record: CsvRecord, header: readonly string[] | null, width: number): void {
  const expected = header ? header.length : width;
  const extra = record.fields.slice(expected);
  const missingNames = header ? header.slice(record.fields.length) : [];
  const tooShort = record.fields.length < expected && (!header || missingNames.some((h) => h.trim() !== ''));
  if (tooShort || extra.some((f) => f.trim() !== '')) {
    throw new StatementParseError(
      'MALFORMED_DOCUMENT',
      `line ${record.line}: ${record.fields.length} columns where ${header ? 'the header has' : 'the other rows have'} ${expected}`,
      { line: record.line },
    );
  }
}

function detectColumnDateFormat(records: CsvRecord[], column: number, forced: DateFormat | undefined, header: readonly string[] | null): DateFormat {
  const values = records.map((r) => (r.fields[column] ?? '').trim());
  const format = forced ?? detectDateFormat(values);
  if (format) return format;
  // No date to read (every row pending, or an empty date the row itself refuses): any format reads them all.
  if (values.every((v) => v === '')) return 'YYYY-MM-DD';
  const readers = (['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'DD-MM-YYYY', 'DD/MM/YY'] as const).map((f) => ({
    f,
    n: values.filter((v) => v !== '' && parseDate(v, f) !== null).length,
  }));
  const likeliest = readers.sort((a, b) => b.n - a.n)[0]!.f;
  const bad = records.find((r) => {
    const v = (r.fields[column] ?? '').trim();
    return v !== '' && parseDate(v, likeliest) === null;
  });
  const name = header?.[column]?.trim();
  const where = `column ${column + 1}${name ? ` "${name}"` : ''}`;
  const line = bad?.line ?? records[0]?.line ?? 1;
  const value = bad ? (bad.fields[column] ?? '').trim() : values.join(', ');
  throw new StatementParseError('MALFORMED_DOCUMENT', `line ${line}, ${where}: invalid date "${value}" (expected ${likeliest} like the other rows)`, { line, element: where });
}

function resolveCurrency(columns: ColumnIndexes, header: readonly string[] | null, options: ParseOptions, decimalComma: boolean, warnings: ParseWarning[]): string {
  const amountHeaders = [columns.amount, columns.debit, columns.credit].map((i) => (i === undefined ? '' : canonicalHeader(header?.[i] ?? '')));
  if (amountHeaders.some((h) => /euros?$|eur$/.test(h))) return 'EUR';
  if (options.defaultCurrency) return options.defaultCurrency.toUpperCase();
  if (columns.currency !== undefined) return 'XXX';
  if (decimalComma) {
    warnings.push({ code: 'CURRENCY_ASSUMED', message: 'the CSV states no currency; EUR was assumed from its decimal-comma amounts (set defaultCurrency to choose another)' });
    return 'EUR';
  }
  throw new StatementParseError('UNSUPPORTED_CONTENT', 'the CSV states no currency (no currency column); set the default currency to parse it', { line: 1 });
}

/** Bank CSV exports: delimiter, encoding, header row, columns, dates and decimal style are detected. */
export function parseCsv(bytes: Uint8Array, options: ParseOptions = {}): ParsedDocument {
  const csv = options.csv ?? {};
  const decoded = csv.encoding ? decodeBytes(bytes, csv.encoding) : decodeUnknownText(bytes);
  const { text } = decoded;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const delimiter = csv.delimiter ?? detectDelimiter(lines);
  const headerLine = findHeaderLine(lines, delimiter, csv);
  const start = headerLine ?? findFirstDataLine(lines, delimiter);
  const maxRows = options.maxRows ?? DEFAULT_MAX_STATEMENT_ROWS;
  // One record more than allowed (plus the header) is enough to know the file is over the limit.
  const records = readRecords(lines, start, delimiter, maxRows + (headerLine !== null ? 2 : 1));
  const header = headerLine !== null ? records.shift()!.fields : null;
  if (records.length > maxRows) throw rowLimitExceeded(maxRows, 'rows', { line: records[maxRows]!.line });
  if (records.length === 0) throw new StatementParseError('EMPTY_DOCUMENT', `the CSV has a header (line ${start + 1}) but no rows`, { line: start + 1 });
  const width = modalWidth(records.map((r) => r.fields.join('\u0000')), '\u0000');

  const warnings: ParseWarning[] = [...mixedEncodingWarnings(decoded)];
  const fallbackDecimal: '.' | ',' = csv.decimalSeparator ?? (delimiter === ',' ? '.' : ',');
  const columns =
    (csv.columns ? mapExplicit(csv.columns, header, Math.max(width, header?.length ?? 0)) : header ? mapHeader(header) : null) ??
    inferColumns(records.map((r) => r.fields), looksLikeDate, (v) => parseAmount(v, fallbackDecimal) !== null);
  if (!columns) throw new StatementParseError('UNSUPPORTED_CONTENT', `no date and amount columns found in the CSV (line ${start + 1})`, { line: start + 1 });

  const provisional: RowContext = { columns, header, dateFormat: 'YYYY-MM-DD', valueDateFormat: null, decimals: {}, currency: 'XXX', labelIsPayee: false };
  const kept: CsvRecord[] = [];
  for (const record of records) {
    checkWidth(record, header, width);
    const reason = skipReason(record, provisional);
    if (reason === null) kept.push(record);
    else if (reason !== 'empty') warnings.push({ code: 'ROW_SKIPPED', message: `line ${record.line} skipped: ${reason} (not booked)`, line: record.line });
  }

  const decimals: RowContext['decimals'] = {};
  for (const role of ['amount', 'debit', 'credit', 'balance', 'fee'] as const) {
    const index = columns[role];
    if (index === undefined) continue;
    const detected = detectDecimalSeparator(kept.map((r) => r.fields[index] ?? ''), fallbackDecimal);
    decimals[role] = role !== 'balance' && csv.decimalSeparator ? csv.decimalSeparator : detected;
  }
  const decimalComma = [decimals.amount, decimals.debit, decimals.credit].includes(',');
  const canonical = header?.map(canonicalHeader) ?? [];
  const context: RowContext = {
    columns,
    header,
    dateFormat: detectColumnDateFormat(kept, columns.date, csv.dateFormat, header),
    valueDateFormat: columns.value_date !== undefined ? detectColumnDateFormat(kept, columns.value_date, csv.dateFormat, header) : null,
    decimals,
    currency: resolveCurrency(columns, header, options, decimalComma, warnings),
    labelIsPayee: canonical.includes('starteddate') && canonical.includes('completeddate') && canonical[columns.label[0] ?? -1] === 'description',
  };
  const rows: CsvRow[] = kept.map((record, ordinal) => parseRow(record, ordinal, context));
  const account = accountFromPreamble(lines.slice(0, start), delimiter);
  const statements = groupStatements(rows, account, context.currency, canonical[columns.balance ?? -1] === 'accountbalance', warnings);
  makeIdsUnique(statements.flatMap((s) => s.transactions));
  return { format: 'csv', statements, warnings };
}
