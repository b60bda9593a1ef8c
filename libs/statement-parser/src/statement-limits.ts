import { StatementParseError } from './statement-parse.error.js';

/** Transactions one document may hold (`MAX_STATEMENT_ROWS`); the engine and the services use the same default. */
export const DEFAULT_MAX_STATEMENT_ROWS = 100_000;

/** Bytes one document may have (`MAX_DOCUMENT_BYTES`): the upload limit, so any accepted upload can be parsed. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** Element nesting an XML statement may have: CAMT needs about 12 levels, OFX about 8. */
export const MAX_XML_DEPTH = 100;

export function rowLimitExceeded(maxRows: number, what: string, where: { line?: number; element?: string } = {}): StatementParseError {
  return new StatementParseError(
    'LIMIT_EXCEEDED',
    `the document holds more than ${maxRows} ${what}, the most one statement may have (MAX_STATEMENT_ROWS=${maxRows}); split it into several files`,
    where,
  );
}

export function sizeLimitExceeded(size: number, maxBytes: number): StatementParseError {
  return new StatementParseError(
    'LIMIT_EXCEEDED',
    `the document is ${size} bytes, more than the ${maxBytes} bytes one statement may have (MAX_DOCUMENT_BYTES=${maxBytes})`,
  );
}

/**
 * Counts matches of a global regex over the text and refuses as soon as there are more than `maxRows`,
 * before any record is built: a format whose records start with a fixed tag is bounded by one linear scan.
 */
export function checkRecordCount(text: string, recordStart: RegExp, maxRows: number, what: string): void {
  recordStart.lastIndex = 0;
  let count = 0;
  while (recordStart.exec(text) !== null) {
    if (++count > maxRows) throw rowLimitExceeded(maxRows, what);
  }
}
