import { isoDate } from '../calendar-date.js';
import { normalizeDecimal } from '../decimal.js';
import type { DecimalString } from '../statement.types.js';

export interface OfxDate {
  /** The calendar date as written in the file (not shifted to UTC). */
  date: string;
  /** As precise as the source: date, or local date-time, with the offset when the file gives one. */
  dateTime: string;
}

// YYYYMMDD[HHMM[SS[.XXX]]][[+|-]h[.mm][:TZ]]
const OFX_DATE =
  /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(?:(\d{2})(?:[.:](\d{1,6}))?)?)?\s*(?:\[\s*([+-]?)(\d{1,2})(?:[.:](\d{1,2}))?\s*(?::\s*[A-Za-z]*)?\s*\])?$/;

export function parseOfxDate(text: string): OfxDate | null {
  const m = OFX_DATE.exec(text.trim());
  if (!m) return null;
  const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!date) return null;
  const [hh, mi, ss, frac, sign, offH, offM] = [m[4], m[5], m[6], m[7], m[8], m[9], m[10]];
  if (hh === undefined) return { date, dateTime: date };
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss ?? 0) > 60) return null;
  let dateTime = `${date}T${hh}:${mi}:${ss ?? '00'}${frac ? `.${frac.padEnd(3, '0').slice(0, 3)}` : ''}`;
  if (offH !== undefined) {
    dateTime += `${sign === '-' ? '-' : '+'}${offH.padStart(2, '0')}:${(offM ?? '0').padStart(2, '0')}`;
  }
  return { date, dateTime };
}

/** OFX amounts: optional sign, digits, one '.' (or ',' in some locales) decimal separator. */
export function parseOfxAmount(text: string): DecimalString | null {
  const t = text.trim();
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(t)) return null;
  return normalizeDecimal(t.replace(',', '.'));
}
