export type StatementParseErrorCode = 'EMPTY_DOCUMENT' | 'UNKNOWN_FORMAT' | 'MALFORMED_DOCUMENT' | 'UNSUPPORTED_CONTENT' | 'LIMIT_EXCEEDED';

/**
 * Every parse failure is permanent: retrying the same bytes cannot succeed.
 * The message names what was wrong and where (line or element).
 */
export class StatementParseError extends Error {
  readonly kind = 'permanent' as const;
  constructor(
    readonly code: StatementParseErrorCode,
    message: string,
    readonly location: { line?: number; element?: string } = {},
  ) {
    super(message);
    this.name = 'StatementParseError';
  }
}
