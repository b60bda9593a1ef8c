import { CategorizerError } from './categorizer.error.js';
import type { CashflowSummary, CashflowTotals, CurrencySummary } from './categorizer.types.js';
import { Big, decimalScale, formatAmount, toBig } from './decimal-amount.js';

export interface SummaryItem {
  date: string;
  amount: string;
  currency: string;
  category: string;
}

export interface SummaryOptions {
  currency?: string;
  multiCurrency?: 'per_currency' | 'refuse';
}

class Totals {
  income = new Big(0);
  expenses = new Big(0);
  add(amount: Big): void {
    if (amount.gt(0)) this.income = this.income.plus(amount);
    else this.expenses = this.expenses.plus(amount);
  }
  format(scale: number): CashflowTotals {
    return {
      income: formatAmount(this.income, scale),
      expenses: formatAmount(this.expenses, scale),
      net: formatAmount(this.income.plus(this.expenses), scale),
    };
  }
}

function sortedRecord<T>(entries: Iterable<[string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort((a, b) => a[0].localeCompare(b[0])));
}

function summarizeCurrency(currency: string, items: readonly SummaryItem[]): CurrencySummary {
  const scale = Math.max(2, ...items.map((i) => decimalScale(i.amount)));
  const totals = new Totals();
  const byCategory = new Map<string, Big>();
  const byMonth = new Map<string, Totals>();
  for (const item of items) {
    const amount = toBig(item.amount);
    totals.add(amount);
    byCategory.set(item.category, (byCategory.get(item.category) ?? new Big(0)).plus(amount));
    const month = item.date.slice(0, 7);
    const monthTotals = byMonth.get(month) ?? new Totals();
    monthTotals.add(amount);
    byMonth.set(month, monthTotals);
  }
  return {
    currency,
    transaction_count: items.length,
    ...totals.format(scale),
    by_category: sortedRecord([...byCategory].map(([k, v]) => [k, formatAmount(v, scale)])),
    by_month: sortedRecord([...byMonth].map(([k, v]) => [k, v.format(scale)])),
  };
}

/**
 * Sums signed amounts exactly, per currency: income is the sum of credits (>= 0), expenses the sum of debits
 * (<= 0), net their sum. The top level repeats the summary of one currency: the requested one, else the one with
 * the most transactions (ties: alphabetical).
 */
export function summarizeCashflow(items: readonly SummaryItem[], options: SummaryOptions = {}): CashflowSummary {
  const groups = new Map<string, SummaryItem[]>();
  for (const item of items) {
    const group = groups.get(item.currency);
    if (group) group.push(item);
    else groups.set(item.currency, [item]);
  }
  const currencies = [...groups.keys()].sort();
  if (options.multiCurrency === 'refuse' && currencies.length > 1) {
    throw new CategorizerError('MIXED_CURRENCIES', 'transactions', `transactions mix currencies (${currencies.join(', ')}); send one currency per request`);
  }
  const byCurrency = sortedRecord(currencies.map((c): [string, CurrencySummary] => [c, summarizeCurrency(c, groups.get(c)!)]));
  const primary =
    options.currency ?? [...currencies].sort((a, b) => groups.get(b)!.length - groups.get(a)!.length || a.localeCompare(b))[0] ?? null;
  const top = primary === null ? undefined : (byCurrency[primary] ?? summarizeCurrency(primary, []));
  return {
    currency: primary,
    transaction_count: top?.transaction_count ?? 0,
    income: top?.income ?? '0.00',
    expenses: top?.expenses ?? '0.00',
    net: top?.net ?? '0.00',
    by_category: top?.by_category ?? {},
    by_month: top?.by_month ?? {},
    currencies,
    by_currency: byCurrency,
  };
}
