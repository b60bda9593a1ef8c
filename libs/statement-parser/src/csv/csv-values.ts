import { parseLocalizedDecimal } from '../decimal.js';
import type { CsvOptions, DecimalString } from '../statement.types.js';

export type DateFormat = NonNullable<CsvOptions['dateFormat']> | 'DD-MM-YYYY' | 'DD/MM/YY';

const TIME = String.raw`(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const PATTERNS: Record<DateFormat, { regex: RegExp; order: [number, number, number] }> = {
  'YYYY-MM-DD': { regex: new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})${TIME}$`), order: [1, 2, 3] },
  'DD/MM/YYYY': { regex: new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4})${TIME}$`), order: [3, 2, 1] },
  'MM/DD/YYYY': { regex: new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4})${TIME}$`), order: [3, 1, 2] },
  'DD.MM.YYYY': { regex: new RegExp(`^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})${TIME}$`), order: [3, 2, 1] },
  'DD-MM-YYYY': { regex: new RegExp(`^(\\d{1,2})-(\\d{1,2})-(\\d{4})${TIME}$`), order: [3, 2, 1] },
  'DD/MM/YY': { regex: new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{2})${TIME}$`), order: [3, 2, 1] },
};

/** ISO YYYY-MM-DD, or null when the text is not a real date in that format. */
export function parseDate(text: string, format: DateFormat): string | null {
  const { regex, order } = PATTERNS[format];
  const m = regex.exec(text.trim());
  if (!m) return null;
  const year = format === 'DD/MM/YY' ? 2000 + Number(m[order[0]]) : Number(m[order[0]]);
  const month = Number(m[order[1]]);
  const day = Number(m[order[2]]);
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The format that reads every non-empty value. Slash dates are day-first (European banks) unless a
 * value only makes sense month-first.
 */
export function detectDateFormat(values: readonly string[]): DateFormat | null {
  const present = values.map((v) => v.trim()).filter((v) => v !== '');
  if (present.length === 0) return null;
  const order: DateFormat[] = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'DD-MM-YYYY', 'DD/MM/YY'];
  return order.find((f) => present.every((v) => parseDate(v, f) !== null)) ?? null;
}

export function looksLikeDate(text: string): boolean {
  return detectDateFormat([text]) !== null;
}

/** Decimal comma or dot for one column, from values like "1 234,56", "-6,4", "1,234.56", "-9.5". */
export function detectDecimalSeparator(values: readonly string[], fallback: '.' | ','): '.' | ',' {
  let comma = 0;
  let dot = 0;
  for (const raw of values) {
    const v = raw.trim();
    const lastComma = v.lastIndexOf(',');
    const lastDot = v.lastIndexOf('.');
    if (lastComma >= 0 && lastDot >= 0) {
      if (lastComma > lastDot) comma++;
      else dot++;
    }
    else if (/,\d{1,2}$|,\d{4,}$/.test(v)) comma++;
    else if (/\.\d{1,2}$|\.\d{4,}$/.test(v)) dot++;
  }
  if (comma === dot) return fallback;
  return comma > dot ? ',' : '.';
}

export function parseAmount(text: string, decimalSeparator: '.' | ','): DecimalString | null {
  return parseLocalizedDecimal(text, decimalSeparator);
}
