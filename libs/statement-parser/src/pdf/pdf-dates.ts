import { daysInMonth, expandTwoDigitYear, isoDate } from '../calendar-date.js';

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, janv: 1, janvier: 1, feb: 2, february: 2, fev: 2, fevr: 2, fevrier: 2, mar: 3, march: 3, mars: 3,
  apr: 4, april: 4, avr: 4, avril: 4, may: 5, mai: 5, jun: 6, june: 6, juin: 6, jul: 7, july: 7, juil: 7, juillet: 7,
  aug: 8, august: 8, aou: 8, aout: 8, sep: 9, sept: 9, september: 9, septembre: 9, oct: 10, october: 10, octobre: 10,
  nov: 11, november: 11, novembre: 11, dec: 12, december: 12, decembre: 12,
};
const MONTH_WORD = '([A-Za-zÀ-ÿ]{3,9})\\.?';

/** A date as printed in a row; numeric ones keep both readings until the document's day/month order is known. */
export interface PrintedDate {
  raw: string;
  /** For `a/b` dates: the two numbers in print order. */
  first: number;
  second: number;
  /** A month name fixes the order; numbers alone leave it to the document. */
  named: boolean;
  year: number | null;
}

export type DateOrder = 'DMY' | 'MDY';

function monthNumber(word: string): number | undefined {
  return MONTHS[word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()];
}

function year(text: string | undefined): number | null {
  if (!text) return null;
  return text.length === 2 ? expandTwoDigitYear(Number(text)) : Number(text);
}

const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MONTH = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th|er)?[ -]${MONTH_WORD}(?:[ -],?\\s*(\\d{4}|\\d{2}))?$`, 'i');
const MONTH_DAY = new RegExp(`^${MONTH_WORD} (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?$`, 'i');

/** Reads the date a row starts with (`02/07`, `07/14/2022`, `02 May`, `12th Feb`, `1 February`, `30 juin 2014`). */
export function readDate(text: string): PrintedDate | null {
  const raw = text.trim().replace(/\s+/g, ' ').replace(/^(\d) (\d)(?=(st|nd|rd|th) )/, '$1$2');
  let m = NUMERIC.exec(raw);
  if (m) return valid({ raw, first: Number(m[1]), second: Number(m[2]), named: false, year: year(m[3]) });
  m = ISO.exec(raw);
  if (m) return valid({ raw, first: Number(m[3]), second: Number(m[2]), named: true, year: Number(m[1]) });
  m = DAY_MONTH.exec(raw);
  if (m && monthNumber(m[2]!)) return valid({ raw, first: Number(m[1]), second: monthNumber(m[2]!)!, named: true, year: year(m[3]) });
  m = MONTH_DAY.exec(raw);
  if (m && monthNumber(m[1]!)) return valid({ raw, first: Number(m[2]), second: monthNumber(m[1]!)!, named: true, year: year(m[3]) });
  return null;
}

function valid(date: PrintedDate): PrintedDate | null {
  if (date.first < 1 || date.first > 31 || date.second < 1 || date.second > 31) return null;
  if (date.named && date.second > 12) return null;
  if (!date.named && date.first > 12 && date.second > 12) return null;
  return date;
}

/** The leading date of a cell that runs into its label (`02/07 PAYMENT`), with the rest. */
export function splitLeadingDate(text: string): { date: PrintedDate; rest: string } | null {
  const words = text.trim().split(/\s+/);
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    const date = readDate(words.slice(0, n).join(' '));
    if (date) return { date, rest: words.slice(n).join(' ') };
  }
  return null;
}

/** Day/month order from the dates themselves (a first number above 12 is a day), else from the hint. */
export function decideOrder(dates: PrintedDate[], hint: DateOrder): DateOrder {
  const numeric = dates.filter((d) => !d.named);
  if (numeric.some((d) => d.first > 12)) return 'DMY';
  if (numeric.some((d) => d.second > 12)) return 'MDY';
  return hint;
}

export function dayMonth(date: PrintedDate, order: DateOrder): { day: number; month: number } {
  return date.named || order === 'DMY' ? { day: date.first, month: date.second } : { day: date.second, month: date.first };
}

/**
 * Dates printed with a year anywhere in the text (statement period, balance lines): the frame in which dates
 * printed without one are placed.
 */
export function datesWithYear(text: string, order: DateOrder): string[] {
  const found: string[] = [];
  const patterns: RegExp[] = [
    /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b/g,
    new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th|er)? ${MONTH_WORD} ?,? (\\d{4}|\\d{2})\\b`, 'gi'),
    new RegExp(`\\b${MONTH_WORD} (\\d{1,2})(?:st|nd|rd|th)? ?,? (\\d{4})\\b`, 'gi'),
  ];
  for (const [i, pattern] of patterns.entries()) {
    for (const m of text.matchAll(pattern)) {
      let day: number;
      let month: number | undefined;
      if (i === 0) [day, month] = order === 'DMY' ? [Number(m[1]), Number(m[2])] : [Number(m[2]), Number(m[1])];
      else if (i === 1) [day, month] = [Number(m[1]), monthNumber(m[2]!)];
      else [day, month] = [Number(m[2]), monthNumber(m[1]!)];
      const y = year(m[3]);
      const iso = month && y && y >= 1990 && y <= 2100 ? isoDate(y, month, day) : null;
      if (iso) found.push(iso);
    }
  }
  return found;
}

/** Places a date printed without a year in the statement's frame: the latest year that does not put it a month past the frame's end. */
export function inferYear(day: number, month: number, frameEnd: string | null): number | null {
  if (!frameEnd) return null;
  const endYear = Number(frameEnd.slice(0, 4));
  // Compared within the month, so a misprinted day (Feb 29 of a common year) still finds its year.
  const candidate = month >= 1 && month <= 12 ? isoDate(endYear, month, Math.min(day, daysInMonth(endYear, month))) : null;
  if (!candidate) return null;
  const limit = new Date(`${frameEnd}T00:00:00Z`).getTime() + 31 * 86_400_000;
  return new Date(`${candidate}T00:00:00Z`).getTime() > limit ? endYear - 1 : endYear;
}
