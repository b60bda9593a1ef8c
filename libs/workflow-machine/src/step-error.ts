/** transient: worth retrying (network, timeout, 5xx/408/429). permanent: the same request cannot succeed. */
export type ErrorKind = 'transient' | 'permanent';

/** The JSON-safe error a step actor rejects with; the engine stores it as it is. */
export interface StepError {
  kind: ErrorKind;
  message: string;
  /** Machine-readable reason, e.g. HTTP_503, TIMEOUT, INVALID_DOCUMENT. */
  code?: string;
  httpStatus?: number;
  /** From a Retry-After header: the earliest the server wants to see the next attempt. */
  retryAfterMs?: number;
}

export function isStepError(value: unknown): value is StepError {
  return (
    typeof value === 'object' &&
    value !== null &&
    ((value as StepError).kind === 'transient' || (value as StepError).kind === 'permanent') &&
    typeof (value as StepError).message === 'string'
  );
}

/** Anything thrown that does not say what it is counts as transient: a bug fixed later can be retried. */
export function toStepError(error: unknown): StepError {
  if (isStepError(error)) {
    const { kind, message, code, httpStatus, retryAfterMs } = error;
    return dropUndefined({ kind, message, code, httpStatus, retryAfterMs });
  }
  if (error instanceof Error) return { kind: 'transient', message: error.message, code: error.name };
  return { kind: 'transient', message: String(error) };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
