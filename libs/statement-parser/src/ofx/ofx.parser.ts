import { StatementParseError } from '../statement-parse.error.js';
import type { ParsedDocument, ParseOptions } from '../statement.types.js';

export function parseOfx(_bytes: Uint8Array, _options: ParseOptions = {}): ParsedDocument {
  throw new StatementParseError('UNSUPPORTED_CONTENT', 'ofx parsing is not implemented yet');
}
