import { expandTwoDigitYear, isoDate } from '../calendar-date.js';
import { parseLocalizedDecimal } from '../decimal.js';
import type { DecimalString } from '../statement.types.js';

export type QifDateOrder = 'MDY' | 'DMY';

interface DateParts {
  first: number;
  second: number;
  year: number;
  /** true for `YYYY-MM-DD`, whose order is never ambiguous. */
  isoOrder: boolean;
}

// 6/ 1/94, 12/19/18, 1/1'05, 1/ 7' 5, 6/24/2024, 24.06.2024, 2024-06-24
const US_OR_EU = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*(?:([/.-])\s*(\d{4}|\d{2})|'\s*(\d{1,2}))$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

function splitDate(text: string): DateParts | null {
  const t = text.trim();
  const iso = ISO.exec(t);
  if (iso) return { first: Number(iso[2]), second: Number(iso[3]), year: Number(iso[1]), isoOrder: true };
  const m = US_OR_EU.exec(t);
  if (!m || (m[4] !== undefined && m[4] !== m[2])) return null;
  // Quicken writes years from 2000 with an apostrophe (1/1'05); a slash year of two digits pivots.
  const year = m[6] !== undefined ? 2000 + Number(m[6]) : m[5]!.length === 4 ? Number(m[5]) : expandTwoDigitYear(Number(m[5]));
  return { first: Number(m[1]), second: Number(m[3]), year, isoOrder: false };
}

/** US (M/D) unless some date can only be read day-first; null when the file mixes both. */
export function detectDateOrder(dates: readonly string[]): QifDateOrder | null {
  let dayFirst = false;
  let monthFirst = false;
  for (const d of dates) {
    const parts = splitDate(d);
    if (!parts || parts.isoOrder) continue;
    if (parts.first > 12 && parts.second <= 12) dayFirst = true;
    if (parts.second > 12 && parts.first <= 12) monthFirst = true;
  }
  if (dayFirst && monthFirst) return null;
  return dayFirst ? 'DMY' : 'MDY';
}

export function parseQifDate(text: string, order: QifDateOrder): string | null {
  const parts = splitDate(text);
  if (!parts) return null;
  const [month, day] = parts.isoOrder || order === 'MDY' ? [parts.first, parts.second] : [parts.second, parts.first];
  return isoDate(parts.year, month, day);
}

/** Comma decimals (European Quicken) only when amounts end in `,dd` and none ends in `.dd`. */
export function detectDecimalSeparator(amounts: readonly string[]): '.' | ',' {
  const comma = amounts.some((a) => /\d,\d{2}\s*$/.test(a));
  const dot = amounts.some((a) => /\d\.\d{1,2}\s*$/.test(a));
  return comma && !dot ? ',' : '.';
}

/** `-1,000.00` or, in a comma-decimal file, `-1.000,00`; null when it is not an amount. */
export function parseQifAmount(text: string, decimalSeparator: '.' | ','): DecimalString | null {
  const t = text.trim();
  if (!/^[-+]?\d[\d.,]*\d$|^[-+]?\d$/.test(t.replace(/\s/g, ''))) return null;
  return parseLocalizedDecimal(t, decimalSeparator);
}
