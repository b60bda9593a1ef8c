import { daysInMonth, expandTwoDigitYear, isoDate } from '../calendar-date.js';
import { normalizeDecimal } from '../decimal.js';
import type { DecimalString } from '../statement.types.js';

export interface Mt940Date {
  date: string;
  /** Set when the file's date was not a real date and was moved to the end of February. */
  adjustedFrom?: string;
}

/** YYMMDD. Feb 29-31 that do not exist are clamped to the last day of February, as wolph/mt940 does. */
export function parseSwiftDate(yymmdd: string): Mt940Date | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  if (!m) return null;
  const year = expandTwoDigitYear(Number(m[1]));
  const [month, day] = [Number(m[2]), Number(m[3])];
  const date = isoDate(year, month, day);
  if (date) return { date };
  if (month === 2 && day >= 29 && day <= 31) {
    return { date: isoDate(year, 2, daysInMonth(year, 2))!, adjustedFrom: yymmdd };
  }
  return null;
}

/** The entry date (MMDD) has no year: take the value date's, moved by one when they straddle New Year. */
export function entryDate(valueDate: string, mmdd: string): Mt940Date | null {
  const valueYear = Number(valueDate.slice(0, 4));
  const valueMonth = Number(valueDate.slice(5, 7));
  const month = Number(mmdd.slice(0, 2));
  const year = month - valueMonth > 6 ? valueYear - 1 : valueMonth - month > 6 ? valueYear + 1 : valueYear;
  return parseSwiftDate(`${String(year % 100).padStart(2, '0')}${mmdd}`);
}

/** SWIFT 15d amounts: digits with one mandatory decimal comma (`6800,`, `620,3`, `000000000473,17`). */
export function parseSwiftAmount(text: string): DecimalString | null {
  if (!/^\d+,\d*$/.test(text)) return null;
  return normalizeDecimal(text.replace(',', '.'));
}

export interface Mt940Balance {
  mark: 'C' | 'D';
  date: Mt940Date;
  currency: string;
  amount: DecimalString;
}

export function parseBalance(value: string): Mt940Balance | null {
  const m = /^([CD])(\d{6})([A-Z]{3})(\d[\d,]{0,16})$/.exec(value.trim());
  if (!m) return null;
  const date = parseSwiftDate(m[2]!);
  const amount = parseSwiftAmount(m[4]!);
  if (!date || amount === null) return null;
  return { mark: m[1] as 'C' | 'D', date, currency: m[3]!, amount: m[1] === 'D' && !/^0\.0+$/.test(amount) ? `-${amount}` : amount };
}

export interface Mt940Entry {
  valueDate: string;
  valueDateText: string;
  entryDateText?: string;
  mark: 'C' | 'D' | 'RC' | 'RD';
  fundsCode?: string;
  amount: DecimalString;
  typeCode: string;
  customerReference: string;
  bankReference?: string;
  supplementary?: string;
}

// 6!n[4!n]2a[1!a]15d1!a3!c16x[//16x][34x]
const FIELD_61 = /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])? ?(\d[\d,]{0,14})([A-Z][A-Z0-9 ]{3})(.*)$/;

/** Parses the first line of :61:; null when it does not follow the SWIFT layout. */
export function parseEntryLine(value: string): Omit<Mt940Entry, 'valueDate'> | null {
  const [first = '', ...more] = value.split('\n');
  const m = FIELD_61.exec(first.trimEnd());
  if (!m) return null;
  const amount = parseSwiftAmount(m[5]!);
  if (amount === null) return null;
  const mark = m[3] as Mt940Entry['mark'];
  const rest = m[7]!;
  const slashes = rest.indexOf('//');
  const customer = slashes === -1 ? rest.slice(0, 16) : rest.slice(0, slashes);
  const afterRef = slashes === -1 ? rest.slice(16) : rest.slice(slashes + 2);
  const bank = slashes === -1 ? undefined : /^\S*/.exec(afterRef)![0];
  const tail = slashes === -1 ? afterRef : afterRef.slice(bank!.length);
  const supplementary = [tail, ...more].map((s) => s.trim()).filter((s) => s !== '').join(' ');
  const debit = mark === 'D' || mark === 'RC';
  return {
    valueDateText: m[1]!,
    ...(m[2] ? { entryDateText: m[2] } : {}),
    mark,
    ...(m[4] ? { fundsCode: m[4] } : {}),
    amount: debit && !/^0\.0+$/.test(amount) ? `-${amount}` : amount,
    typeCode: m[6]!,
    customerReference: customer.trim(),
    ...(bank ? { bankReference: bank } : {}),
    ...(supplementary ? { supplementary } : {}),
  };
}
