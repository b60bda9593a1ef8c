import { parseCamt } from './camt/camt.parser.js';
import { parseCsv } from './csv/csv.parser.js';
import { detectFormat } from './format-detector.js';
import { parseMt940 } from './mt940/mt940.parser.js';
import { parseOfx } from './ofx/ofx.parser.js';
import { parsePdf } from './pdf/pdf.parser.js';
import { parseQif } from './qif/qif.parser.js';
import { DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_STATEMENT_ROWS, rowLimitExceeded, sizeLimitExceeded } from './statement-limits.js';
import { StatementParseError } from './statement-parse.error.js';
import type { DocumentResult, ParsedDocument, ParseOptions, StatementFormat } from './statement.types.js';

const parsers: Record<StatementFormat, (bytes: Uint8Array, options: ParseOptions) => ParsedDocument> = {
  ofx: parseOfx,
  camt: parseCamt,
  csv: parseCsv,
  qif: parseQif,
  mt940: parseMt940,
  pdf: () => {
    throw new StatementParseError('UNSUPPORTED_CONTENT', 'a PDF is read asynchronously: call parseDocument() instead of parseStatement()');
  },
};

/** Every format, PDF included (read asynchronously: pages, OCR). */
export async function parseDocument(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParsedDocument> {
  const format = options.format ?? (bytes.length > 0 ? detectFormat(bytes, options.fileName) : null);
  if (format === 'pdf') return parsePdf(bytes, options);
  return parseStatement(bytes, options);
}

export function parseStatement(bytes: Uint8Array, options: ParseOptions = {}): ParsedDocument {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  if (bytes.length > maxBytes) throw sizeLimitExceeded(bytes.length, maxBytes);
  if (bytes.length === 0 || Buffer.from(bytes).toString('latin1').trim() === '') {
    throw new StatementParseError('EMPTY_DOCUMENT', 'the document is empty');
  }
  const format = options.format ?? detectFormat(bytes, options.fileName);
  if (!format) {
    throw new StatementParseError(
      'UNKNOWN_FORMAT',
      'unrecognised statement format: expected OFX/QFX, ISO 20022 CAMT.052/053, CSV, QIF, MT940 or PDF',
      { line: 1 },
    );
  }
  const maxRows = options.maxRows ?? DEFAULT_MAX_STATEMENT_ROWS;
  const document = runParser(format, bytes, { ...options, maxRows });
  // Each parser stops early on its own records; a record that yields several transactions (a CAMT batch) is caught here.
  const count = document.statements.reduce((n, s) => n + s.transactions.length, 0);
  if (count > maxRows) throw rowLimitExceeded(maxRows, 'transactions');
  return document;
}

/**
 * A parser's own failures are StatementParseErrors; anything else it throws on hostile bytes (a RangeError,
 * a stack overflow, a library's plain Error) is just as permanent, since the same bytes fail the same way.
 */
function runParser(format: StatementFormat, bytes: Uint8Array, options: ParseOptions): ParsedDocument {
  try {
    return parsers[format](bytes, options);
  } catch (error) {
    if (error instanceof StatementParseError) throw error;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new StatementParseError('MALFORMED_DOCUMENT', `the ${format} document could not be read (${reason.slice(0, 200)})`);
  }
}

/** Flattens a parsed document into the Document Processor contract. */
export function toDocumentResult(doc: ParsedDocument): DocumentResult {
  const [first] = doc.statements;
  if (!first) throw new StatementParseError('MALFORMED_DOCUMENT', `the ${doc.format} document holds no statement`);
  const starts = doc.statements.map((s) => s.period.start).filter((d): d is string => !!d).sort();
  const ends = doc.statements.map((s) => s.period.end).filter((d): d is string => !!d).sort();
  const last = doc.statements[doc.statements.length - 1]!;
  return {
    format: doc.format,
    account: first.account,
    period: { start: starts[0] ?? null, end: ends[ends.length - 1] ?? null },
    currency: first.currency,
    ...(doc.statements.length === 1
      ? { opening_balance: first.opening_balance, closing_balance: first.closing_balance, available_balance: first.available_balance }
      : { statements: doc.statements }),
    ...(doc.statements.length > 1 && first.opening_balance ? { opening_balance: first.opening_balance } : {}),
    ...(doc.statements.length > 1 && last.closing_balance ? { closing_balance: last.closing_balance } : {}),
    transactions: doc.statements.flatMap((s) => s.transactions),
    warnings: doc.warnings,
  };
}
