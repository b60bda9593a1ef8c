/**
 * Keys that reach an object's prototype when a request is copied onto a class (class-transformer drops them
 * before the whitelist can see them, so they would pass silently while any other unknown key is a 400).
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// Without the `u` flag a regex sees UTF-16 code units, so a surrogate without its partner can be matched.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface UnsafeInputProblem {
  field: string;
  message: string;
}

function fieldName(prefix: string, key: string, inArray: boolean): string {
  if (inArray) return `${prefix}[${key}]`;
  return prefix ? `${prefix}.${key}` : key;
}

/** A string PostgreSQL cannot store (NUL) or that is not Unicode at all (a lone UTF-16 surrogate). */
export function unsafeStringReason(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (it holds an unpaired surrogate)';
  return null;
}

/**
 * Walks a parsed request part (body, query, params) and names every string that cannot be valid text and every
 * prototype key, at any depth, with fields written as clients write them (`lines[2].label`).
 */
export function findUnsafeInput(value: unknown, prefix = ''): UnsafeInputProblem[] {
  if (typeof value === 'string') {
    const reason = unsafeStringReason(value);
    return reason ? [{ field: prefix || 'body', message: `${prefix || 'body'} ${reason}` }] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  const inArray = Array.isArray(value);
  const problems: UnsafeInputProblem[] = [];
  // Own keys only, `__proto__` included: JSON.parse makes it an own property, never a prototype change.
  for (const key of Object.keys(value)) {
    const field = fieldName(prefix, key, inArray);
    if (!inArray && PROTOTYPE_KEYS.has(key)) {
      problems.push({ field, message: `property ${field} should not exist` });
      continue;
    }
    const keyReason = unsafeStringReason(key);
    if (keyReason) {
      problems.push({ field, message: `property name ${keyReason}` });
      continue;
    }
    problems.push(...findUnsafeInput((value as Record<string, unknown>)[key], field));
  }
  return problems;
}
