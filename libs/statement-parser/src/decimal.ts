import Big from 'big.js';

import type { DecimalString } from './statement.types.js';

const PLAIN_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Canonical form: '-' only when below zero, at least 2 fraction digits, no trailing zeros beyond that. */
export function toDecimalString(value: Big): DecimalString {
  const fraction = Math.max(0, value.c.length - value.e - 1);
  const text = value.toFixed(Math.max(2, fraction));
  return /^-0\.0+$/.test(text) ? text.slice(1) : text;
}

/** Normalises a dot-decimal string ("8.850" -> "8.85", "38" -> "38.00"); null when it is not one. */
export function normalizeDecimal(text: string): DecimalString | null {
  const trimmed = text.trim();
  if (!PLAIN_DECIMAL.test(trimmed)) return null;
  // big.js refuses an explicit plus sign, which OFX and CAMT files do write ("+12.50").
  return toDecimalString(new Big(trimmed.replace(/^\+/, '')));
}

export function negateDecimal(value: DecimalString): DecimalString {
  return toDecimalString(new Big(value).times(-1));
}

export function sumDecimals(values: readonly DecimalString[]): DecimalString {
  return toDecimalString(values.reduce((acc, v) => acc.plus(v), new Big(0)));
}

export function subtractDecimal(a: DecimalString, b: DecimalString): DecimalString {
  return toDecimalString(new Big(a).minus(b));
}

export function decimalsEqual(a: DecimalString, b: DecimalString): boolean {
  return new Big(a).eq(b);
}

export function isZeroDecimal(value: DecimalString): boolean {
  return new Big(value).eq(0);
}

export function absDecimal(value: DecimalString): DecimalString {
  return toDecimalString(new Big(value).abs());
}

const GROUP_SPACES = /[\s\u00a0\u202f']/g;
// Anchored on one side each and trimmed apart: `\s*(?:…)$` would backtrack quadratically over inner blanks.
const LEADING_CURRENCY = /^(?:€|\$|£|EUR|USD|GBP|CHF)/i;
const TRAILING_CURRENCY = /(?:€|\$|£|EUR|USD|GBP|CHF)$/i;
/** Longer than any amount a bank prints: refused before any pattern runs over it. */
const MAX_AMOUNT_LENGTH = 64;

/**
 * Parses an amount as printed by a bank: optional sign (+, -, U+2212), spaces/NBSP/apostrophes as
 * thousands separators, a dot or comma decimal separator as told, and the other one as thousands
 * separator in groups of three. Returns null when the text is not such an amount.
 */
export function parseLocalizedDecimal(text: string, decimalSeparator: '.' | ','): DecimalString | null {
  if (text.length > MAX_AMOUNT_LENGTH && text.trim().length > MAX_AMOUNT_LENGTH) return null;
  let s = text.trim().replace(LEADING_CURRENCY, '').trimStart().replace(TRAILING_CURRENCY, '').trimEnd().replace(/\u2212/g, '-');
  let negative = false;
  if (/^[+-]/.test(s)) {
    negative = s[0] === '-';
    s = s.slice(1).trimStart();
  } else if (/-$/.test(s)) {
    negative = true;
    s = s.slice(0, -1).trimEnd();
  }
  s = s.replace(GROUP_SPACES, '');
  const group = decimalSeparator === ',' ? '.' : ',';
  const escapedDecimal = decimalSeparator === ',' ? ',' : '\\.';
  const grouped = new RegExp(`^\\d{1,3}(\\${group}\\d{3})+(${escapedDecimal}\\d+)?$`);
  const plain = new RegExp(`^(\\d+(${escapedDecimal}\\d*)?|${escapedDecimal}\\d+)$`);
  if (grouped.test(s)) s = s.split(group).join('');
  else if (!plain.test(s)) return null;
  const normalized = normalizeDecimal(s.replace(decimalSeparator, '.'));
  if (normalized === null) return null;
  return negative ? negateDecimal(normalized) : normalized;
}
