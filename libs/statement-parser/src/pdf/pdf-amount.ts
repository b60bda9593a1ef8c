import { normalizeDecimal } from '../decimal.js';
import type { DecimalString } from '../statement.types.js';

export interface PrintedAmount {
  /** Absolute value, canonical decimal string; null when the figure cannot be read at all. */
  value: DecimalString | null;
  /** The sign the text itself carries (minus, parentheses, CR/DR), when any. */
  sign: '+' | '-' | null;
  /** A CR or DR printed after the figure: on a card statement CR is a credit, DR a charge, whatever `sign` says. */
  mark?: 'CR' | 'DR';
  /** Set when the figure breaks the notation (misplaced separators, letters): read by a lenient rule, or not at all. */
  malformed: boolean;
  raw: string;
}

const CURRENCY = /^(?:[A-Z]{0,2}\$|£|€|EUR|USD|GBP|NZD|AUD|SGD|CHF|CAD)\s*|\s*(?:[A-Z]{0,2}\$|£|€|EUR|USD|GBP|NZD|AUD|SGD|CHF|CAD)$/g;
const SPACES = /[\s\u00a0\u202f]/g;
// Thousands groups of three (space, NBSP, dot, comma or apostrophe), then two decimals after a dot or comma.
const GROUPED = /^\d{1,3}(?:[ .,'\u00a0\u202f]\d{3})+[.,]\d{2}$/;
const PLAIN = /^\d+[.,]\d{2}$/;
const NUMERIC_ISH = /^[\d.,'\s\u00a0\u202fOoBlI]+$/;

type PrintedSign = Pick<PrintedAmount, 'sign' | 'mark'>;

function signOf(text: string): { body: string; printed: PrintedSign } {
  let s = text.trim().replace(/\u2212/g, '-');
  let sign: '+' | '-' | null = null;
  let mark: 'CR' | 'DR' | undefined;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) return { body: paren[1]!.trim().replace(CURRENCY, '').trim(), printed: { sign: '-' } };
  const suffix = /\s*(CR|DR|Cr|Dr|-|\+)$/.exec(s);
  if (suffix && /\d/.test(s.slice(0, suffix.index))) {
    const printed = suffix[1]!.toUpperCase();
    sign = printed === 'CR' || printed === '+' ? '+' : '-';
    if (printed === 'CR' || printed === 'DR') mark = printed;
    s = s.slice(0, suffix.index);
  }
  s = s.trim().replace(CURRENCY, '').trim();
  const prefix = /^([+-])\s*/.exec(s);
  if (prefix) {
    sign = prefix[1] === '-' ? '-' : '+';
    s = s.slice(prefix[0].length).replace(CURRENCY, '').trim();
  }
  return { body: s, printed: mark ? { sign, mark } : { sign } };
}

function strictValue(body: string): DecimalString | null {
  if (!GROUPED.test(body) && !PLAIN.test(body)) return null;
  const decimal = body[body.length - 3]!;
  const integer = body.slice(0, -3);
  const groups = new Set(integer.replace(/\d/g, '').replace(SPACES, ' '));
  if (groups.size > 1 || groups.has(decimal)) return null;
  return normalizeDecimal(`${integer.replace(/[^\d]/g, '')}.${body.slice(-2)}`);
}

/**
 * Reads a printed amount: `1.234,56`, `1 234,56`, `1,234.56`, `1'234.56`, `(12.00)`, `12.00-`, `12.00 CR`, with
 * currency marks. Two decimals are required, so reference numbers and years are never taken for money.
 */
export function readAmount(text: string): PrintedAmount | null {
  const raw = text.trim();
  if (!/\d/.test(raw)) return null;
  const { body, printed } = signOf(raw);
  const value = strictValue(body);
  if (value !== null) return { value, ...printed, malformed: false, raw };
  return null;
}

/**
 * A figure printed where an amount belongs that breaks the notation (`120 00`, `2,7843.55`, `£40,000,00`, `2,540.BB`):
 * read as digits with the last separator before two digits as the decimal point, and always flagged.
 */
export function readMalformedAmount(text: string): PrintedAmount | null {
  const raw = text.trim();
  const { body, printed } = signOf(raw);
  if (!NUMERIC_ISH.test(body) || (body.match(/\d/g) ?? []).length < 3) return null;
  const compact = body.replace(SPACES, '');
  const fromCompact = strictValue(compact);
  if (fromCompact !== null) return { value: fromCompact, ...printed, malformed: true, raw };
  const match = /^([\d.,' \u00a0\u202f]*\d)[.,\s\u00a0\u202f](\d{2})$/.exec(body);
  const value = match ? normalizeDecimal(`${match[1]!.replace(/[^\d]/g, '')}.${match[2]}`) : null;
  return { value, ...printed, malformed: true, raw };
}
