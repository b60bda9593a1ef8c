import { CategorizerError } from './categorizer.error.js';
import type { AnalysisInput, AnalysisOptions, AnalysisResult, AnalysisTransactionInput, CategorizedTransaction } from './categorizer.types.js';
import { isDecimalString } from './decimal-amount.js';
import { loadRuleSet } from './rule-set.loader.js';
import { detectRecurring } from './recurring-detector.js';
import { summarizeCashflow } from './cashflow-summary.js';
import { TransactionCategorizer } from './transaction-categorizer.js';

function invalid(field: string, message: string): never {
  throw new CategorizerError('INVALID_INPUT', field, message);
}

function isRealDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
}

function checkTransaction(value: unknown, at: string, seen: Map<string, number>, index: number): AnalysisTransactionInput & { date: string } {
  if (typeof value !== 'object' || value === null) invalid(at, 'must be an object');
  const tx = value as Record<string, unknown>;
  if (typeof tx.id !== 'string' || tx.id === '') invalid(`${at}.id`, 'must be a non-empty string');
  const first = seen.get(tx.id);
  if (first !== undefined) invalid(`${at}.id`, `duplicates transactions[${first}].id "${tx.id}"`);
  seen.set(tx.id, index);
  if (typeof tx.date !== 'string' || !/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(tx.date) || !isRealDate(tx.date.slice(0, 10))) {
    invalid(`${at}.date`, 'must be an ISO date YYYY-MM-DD');
  }
  if (typeof tx.amount === 'number') invalid(`${at}.amount`, 'must be a decimal string such as "-6.60", not a JSON number');
  if (!isDecimalString(tx.amount)) invalid(`${at}.amount`, 'must be a decimal string such as "-6.60"');
  if (typeof tx.currency !== 'string' || !/^[A-Za-z]{3}$/.test(tx.currency)) invalid(`${at}.currency`, 'must be an ISO 4217 code such as "EUR"');
  if (typeof tx.label !== 'string') invalid(`${at}.label`, 'must be a string');
  if (tx.mcc !== undefined && !(typeof tx.mcc === 'string' ? /^\d{1,4}$/.test(tx.mcc) : Number.isInteger(tx.mcc) && (tx.mcc as number) >= 0 && (tx.mcc as number) <= 9999)) {
    invalid(`${at}.mcc`, 'must be a merchant category code (up to 4 digits)');
  }
  return {
    id: tx.id,
    date: tx.date.slice(0, 10),
    amount: tx.amount,
    currency: tx.currency.toUpperCase(),
    label: tx.label,
    ...(tx.mcc !== undefined && { mcc: tx.mcc as string | number }),
  };
}

/**
 * The Transaction Analyzer: categorises each transaction, finds recurring payments and summarises the cashflow.
 * Pure: same input and options, same result. Throws CategorizerError (INVALID_INPUT, INVALID_RULE_SET,
 * MIXED_CURRENCIES) naming the offending field.
 */
export function analyzeTransactions(input: AnalysisInput, options: AnalysisOptions = {}): AnalysisResult {
  if (typeof input !== 'object' || input === null) invalid('$', 'must be an object with user_id and transactions');
  if (typeof input.user_id !== 'string' || input.user_id === '') invalid('user_id', 'must be a non-empty string');
  if (!Array.isArray(input.transactions)) invalid('transactions', 'must be a list');
  const seen = new Map<string, number>();
  const transactions = input.transactions.map((tx, i) => checkTransaction(tx, `transactions[${i}]`, seen, i));
  const currency = options.currency?.toUpperCase();

  const ruleSets = (options.ruleSets ?? []).map((set, i) => {
    try {
      return loadRuleSet(set);
    } catch (error) {
      if (error instanceof CategorizerError) throw new CategorizerError(error.code, `ruleSets[${i}].${error.field}`, error.detail);
      throw error;
    }
  });
  const categorizer = new TransactionCategorizer(ruleSets);

  const categorized = transactions.map((tx) => ({ tx, result: categorizer.categorize(tx) }));
  const series =
    options.recurring === false
      ? []
      : detectRecurring(
          categorized.map(({ tx, result }) => ({ id: tx.id, date: tx.date, amount: tx.amount, currency: tx.currency, party: result.party, category: result.category })),
          options.recurring,
        );
  const seriesOf = new Map(series.flatMap((s) => s.transaction_ids.map((id) => [id, s.id] as const)));

  return {
    transactions: categorized.map(({ tx, result }): CategorizedTransaction => {
      const seriesId = seriesOf.get(tx.id);
      return {
        id: tx.id,
        category: result.category,
        confidence: result.confidence,
        rule: result.rule,
        counterparty: result.counterparty,
        recurring: seriesId !== undefined,
        ...(seriesId !== undefined && { recurring_series_id: seriesId }),
      };
    }),
    summary: summarizeCashflow(
      categorized.map(({ tx, result }) => ({ date: tx.date, amount: tx.amount, currency: tx.currency, category: result.category })),
      { ...(currency !== undefined && { currency }), ...(options.multiCurrency !== undefined && { multiCurrency: options.multiCurrency }) },
    ),
    recurring: series,
  };
}
