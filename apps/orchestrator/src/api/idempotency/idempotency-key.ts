import { ProblemException } from '@cashflow/nest-http';

export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

// Printable ASCII, as a Structured Field String allows.
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

function invalidKey(message: string): ProblemException {
  return ProblemException.badRequest(`Idempotency-Key ${message}`, [{ field: 'Idempotency-Key', messages: [`Idempotency-Key ${message}`] }]);
}

/**
 * The Idempotency-Key header's value, or undefined when absent or blank. The draft writes it as a Structured
 * Field String (`"8e03978e-..."`); the bare token clients have always sent here is taken too.
 */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (Array.isArray(header)) throw invalidKey('must be sent once');
  const raw = header?.trim();
  if (!raw) return undefined;
  const key = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1).replace(/\\(["\\])/g, '$1') : raw;
  if (key === '') throw invalidKey('must not be empty');
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) throw invalidKey(`must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long`);
  if (!PRINTABLE_ASCII.test(key)) throw invalidKey('must be printable ASCII');
  return key;
}
