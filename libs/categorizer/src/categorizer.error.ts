export type CategorizerErrorCode = 'INVALID_RULE_SET' | 'INVALID_INPUT' | 'MIXED_CURRENCIES' | 'LIMIT_EXCEEDED';

/**
 * Every categorizer failure is permanent: the same input fails the same way.
 * `field` is the path of the offending value (e.g. `rules[2].match.regex`, `transactions[4].amount`).
 */
export class CategorizerError extends Error {
  readonly kind = 'permanent' as const;
  constructor(
    readonly code: CategorizerErrorCode,
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'CategorizerError';
  }
}
