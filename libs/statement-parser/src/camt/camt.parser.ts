import { StatementParseError } from '../statement-parse.error.js';
import type { ParsedDocument, ParseOptions } from '../statement.types.js';

export function parseCamt(_bytes: Uint8Array, _options: ParseOptions = {}): ParsedDocument {
  throw new StatementParseError('UNSUPPORTED_CONTENT', 'camt parsing is not implemented yet');
}
