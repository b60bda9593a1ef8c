import { checkRecordCount, DEFAULT_MAX_STATEMENT_ROWS } from '../statement-limits.js';
import { StatementParseError } from '../statement-parse.error.js';
import { decodeUnknownText, mixedEncodingWarnings } from '../text-decoding.js';
import { makeIdsUnique } from '../transaction-id.js';
import type { ParsedDocument, ParseOptions, ParseWarning } from '../statement.types.js';
import { readMt940Messages } from './mt940-messages.js';
import { readMt940Statement } from './mt940-statement.js';

export function parseMt940(bytes: Uint8Array, options: ParseOptions = {}): ParsedDocument {
  const decoded = decodeUnknownText(bytes);
  const { text } = decoded;
  checkRecordCount(text, /(?:^|[\r\n])[\x00-\x1f]*:61:/g, options.maxRows ?? DEFAULT_MAX_STATEMENT_ROWS, 'entries (:61:)');
  const messages = readMt940Messages(text);
  if (messages.length === 0) {
    throw new StatementParseError('MALFORMED_DOCUMENT', 'MT940: no statement found (no :20: field)', { line: 1, element: ':20:' });
  }
  const last = messages[messages.length - 1]!;
  if (messages.some((m) => m.terminated) && !last.terminated) {
    throw new StatementParseError(
      'MALFORMED_DOCUMENT',
      `MT940: the last statement (:20: at line ${last.line}) has no closing "-" line while the others do: the file looks truncated`,
      { line: last.line, element: ':20:' },
    );
  }
  const warnings: ParseWarning[] = [...mixedEncodingWarnings(decoded)];
  const statements = messages.map((m) => readMt940Statement(m, warnings));
  makeIdsUnique(statements.flatMap((s) => s.transactions));
  return { format: 'mt940', statements, warnings };
}
