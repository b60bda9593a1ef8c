import { Big, decimalScale, formatAmount, toBig } from './decimal-amount.js';

export type RecurringInterval = 'weekly' | 'biweekly' | 'monthly' | 'quarterly' | 'yearly';

export interface RecurringOptions {
  /** Occurrences needed for a weekly to quarterly series (default 3); a yearly one needs 2. */
  minOccurrences?: number;
  /** Allowed deviation from the median amount, relative (default 0.15)... */
  relativeTolerance?: number;
  /** ...or absolute, whichever is larger (default "1.00"). */
  absoluteTolerance?: string;
}

export interface RecurringCandidate {
  id: string;
  date: string;
  amount: string;
  currency: string;
  /** Grouping key: the known merchant or the normalised counterparty. */
  party: string;
  category: string;
}

export interface DetectedSeries {
  id: string;
  counterparty: string;
  category: string;
  currency: string;
  interval: RecurringInterval;
  average_amount: string;
  transaction_ids: string[];
  first_date: string;
  last_date: string;
  next_expected_date: string;
}

const INTERVALS: ReadonlyArray<{ interval: RecurringInterval; minDays: number; maxDays: number; months: number; days: number }> = [
  { interval: 'weekly', minDays: 6, maxDays: 8, months: 0, days: 7 },
  { interval: 'biweekly', minDays: 13, maxDays: 15, months: 0, days: 14 },
  { interval: 'monthly', minDays: 26, maxDays: 35, months: 1, days: 0 },
  { interval: 'quarterly', minDays: 85, maxDays: 97, months: 3, days: 0 },
  { interval: 'yearly', minDays: 355, maxDays: 376, months: 12, days: 0 },
];

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function isoDate(utc: Date): string {
  return utc.toISOString().slice(0, 10);
}

/** Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const day = Number(date.slice(8, 10));
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return isoDate(new Date(Date.UTC(year, month, Math.min(day, lastDay))));
}

function addDays(date: string, days: number): string {
  return isoDate(new Date((dayNumber(date) + days) * DAY_MS));
}

function median(values: Big[]): Big {
  const sorted = [...values].sort((a, b) => a.cmp(b));
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : sorted[mid - 1]!.plus(sorted[mid]!).div(2);
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
}

/**
 * Finds payments to (or from) the same party, of a similar amount, at a regular interval. Within a party, the
 * transactions whose amount is near the median form the series; every gap between them must fit one interval,
 * or two when a payment was missed.
 */
export function detectRecurring(candidates: readonly RecurringCandidate[], options: RecurringOptions = {}): DetectedSeries[] {
  const minOccurrences = options.minOccurrences ?? 3;
  const relative = new Big(options.relativeTolerance ?? 0.15);
  const absolute = toBig(options.absoluteTolerance ?? '1.00');
  const groups = new Map<string, RecurringCandidate[]>();
  for (const c of candidates) {
    if (c.party === '' || toBig(c.amount).eq(0)) continue;
    const key = `${c.currency}|${c.amount.startsWith('-') ? 'debit' : 'credit'}|${c.party}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }

  const series: DetectedSeries[] = [];
  for (const [key, group] of groups) {
    if (group.length < 2) continue;
    const center = median(group.map((c) => toBig(c.amount)));
    const tolerance = center.abs().times(relative);
    const limit = tolerance.gt(absolute) ? tolerance : absolute;
    const members = group
      .filter((c) => toBig(c.amount).minus(center).abs().lte(limit))
      .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
    if (members.length < 2) continue;
    const gaps = members.slice(1).map((c, i) => dayNumber(c.date) - dayNumber(members[i]!.date));
    const fit = INTERVALS.find(({ interval, minDays, maxDays }) => {
      const needed = interval === 'yearly' ? 2 : minOccurrences;
      if (members.length < needed) return false;
      // A missed payment (one gap of two intervals) does not end a subscription; but regular gaps must be at least
      // as many, or a fortnightly series would read as a weekly one missing every other week.
      let regular = 0;
      let missed = 0;
      for (const gap of gaps) {
        if (gap >= minDays && gap <= maxDays) regular++;
        else if (interval !== 'yearly' && gap >= 2 * minDays && gap <= 2 * maxDays) missed++;
        else return false;
      }
      return regular > 0 && regular >= missed;
    });
    if (!fit) continue;
    const scale = Math.max(2, ...members.map((c) => decimalScale(c.amount)));
    const total = members.reduce((sum, c) => sum.plus(toBig(c.amount)), new Big(0));
    const last = members[members.length - 1]!;
    const [currency, sign, party] = key.split('|') as [string, string, string];
    series.push({
      id: `${fit.interval}-${slug(party)}-${currency.toLowerCase()}-${sign}`,
      counterparty: party,
      category: mostCommon(members.map((c) => c.category)),
      currency,
      interval: fit.interval,
      average_amount: formatAmount(total.div(members.length), scale),
      transaction_ids: members.map((c) => c.id),
      first_date: members[0]!.date,
      last_date: last.date,
      next_expected_date: fit.months > 0 ? addMonths(last.date, fit.months) : addDays(last.date, fit.days),
    });
  }
  return series.sort((a, b) => a.first_date.localeCompare(b.first_date) || a.id.localeCompare(b.id));
}
