import { normalizeDecimal, negateDecimal } from '../decimal.js';
import type { DecimalString } from '../statement.types.js';
import { malformed, type XmlElement } from './camt-xml.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?$/;

function isCalendarDate(y: string, m: string, d: string): boolean {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

export interface CamtDate {
  /** The local calendar date as written (YYYY-MM-DD). */
  date: string;
  /** The source value: a date, or a date-time with its offset. */
  value: string;
}

/** Reads a DateAndDateTimeChoice (`Dt` or `DtTm`) such as BookgDt, ValDt or Bal/Dt. */
export function readDateChoice(parent: XmlElement | undefined): CamtDate | undefined {
  if (!parent) return undefined;
  const dt = parent.find('Dt');
  const dtTm = parent.find('DtTm');
  const element = dt ?? dtTm;
  const text = element?.text();
  if (!element || text === undefined) throw malformed('a date (Dt or DtTm) is missing', parent.path);
  const match = (dt ? ISO_DATE : ISO_DATE_TIME).exec(text);
  if (!match || !isCalendarDate(match[1]!, match[2]!, match[3]!)) throw malformed(`invalid date "${text}"`, element.path);
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  return { date, value: dt ? date : text };
}

export function readDateTimeText(element: XmlElement | undefined): string | undefined {
  const text = element?.text();
  if (!element || text === undefined) return undefined;
  const match = ISO_DATE_TIME.exec(text) ?? ISO_DATE.exec(text);
  if (!match || !isCalendarDate(match[1]!, match[2]!, match[3]!)) throw malformed(`invalid date-time "${text}"`, element.path);
  return `${match[1]}-${match[2]}-${match[3]}`;
}

export interface CamtAmount {
  value: DecimalString;
  currency: string | undefined;
}

/** An unsigned ActiveOrHistoricCurrencyAndAmount; its `Ccy` may be missing or "XXX" (no currency). */
export function readAmount(element: XmlElement | undefined, parentPath: string, name = 'Amt'): CamtAmount {
  const text = element?.text();
  if (!element || text === undefined) throw malformed(`the amount ${name} is missing`, parentPath);
  const value = /^\d+(\.\d+)?$/.test(text) ? normalizeDecimal(text) : null;
  if (value === null) throw malformed(`invalid amount "${text}"`, element.path);
  const ccy = element.attr('Ccy')?.toUpperCase();
  if (ccy !== undefined && !/^[A-Z]{3}$/.test(ccy)) throw malformed(`invalid currency "${ccy}"`, element.path);
  return { value, currency: ccy === 'XXX' ? undefined : ccy };
}

/** Applies a CdtDbtInd (CRDT keeps the sign, DBIT negates). */
export function readSigned(parent: XmlElement, amount: DecimalString): DecimalString {
  const indicator = parent.find('CdtDbtInd');
  const text = indicator?.text();
  if (text === 'CRDT') return amount;
  if (text === 'DBIT') return negateDecimal(amount);
  if (text === undefined) throw malformed('CdtDbtInd (CRDT or DBIT) is missing', parent.path);
  throw malformed(`invalid CdtDbtInd "${text}", expected CRDT or DBIT`, indicator!.path);
}

const PLACEHOLDER_REFS = new Set(['NONREF', 'NOTPROVIDED', 'NOT PROVIDED', 'NONE', 'N/A']);

/** A reference worth keeping: banks write NONREF / NOTPROVIDED when they have none. */
export function meaningfulRef(text: string | undefined): string | undefined {
  return text !== undefined && !PLACEHOLDER_REFS.has(text.toUpperCase()) ? text : undefined;
}
