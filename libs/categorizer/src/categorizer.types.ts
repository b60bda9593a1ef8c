import type { CategorizationRuleSet } from './rule-set.types.js';
import type { DetectedSeries, RecurringOptions } from './recurring-detector.js';

/** A decimal string: optional sign, digits, optional '.' and digits. Never a binary float. */
export type DecimalString = string;

export interface AnalysisTransactionInput {
  id: string;
  /** ISO date YYYY-MM-DD (a date-time is accepted; its date part is used). */
  date: string;
  /** Signed decimal string: negative for a debit, positive for a credit. */
  amount: DecimalString;
  /** ISO 4217 code. */
  currency: string;
  label: string;
  /** Merchant category code (ISO 18245), when the bank provides one. */
  mcc?: string | number;
}

export interface AnalysisInput {
  user_id: string;
  transactions: AnalysisTransactionInput[];
}

export interface AnalysisOptions {
  /** User rule sets, highest precedence first; all of them win over the built-in rules. */
  ruleSets?: CategorizationRuleSet[];
  /** Currency of the top-level summary totals; default: the currency with the most transactions. */
  currency?: string;
  /** `per_currency` (default) summarises each currency apart; `refuse` throws MIXED_CURRENCIES instead. */
  multiCurrency?: 'per_currency' | 'refuse';
  /** Recurring-payment detection settings, or false to skip it. */
  recurring?: RecurringOptions | false;
}

export interface CategorizedTransaction {
  id: string;
  category: string;
  /** In [0, 1]: user or merchant rule high, keyword medium, payment-method guess or fallback low. */
  confidence: number;
  /** Which rule decided: `user:<id>`, `merchant:<name>`, `keyword:<word>`, `method:<kind>`, `mcc:<code>`, `fallback`. */
  rule: string;
  /** Normalised counterparty extracted from the label (may be empty). */
  counterparty: string;
  recurring: boolean;
  recurring_series_id?: string;
}

export interface CashflowTotals {
  /** Sum of credits, >= 0. */
  income: DecimalString;
  /** Sum of debits, <= 0 (negative, as on the statement). */
  expenses: DecimalString;
  /** income + expenses. */
  net: DecimalString;
}

export interface CurrencySummary extends CashflowTotals {
  currency: string;
  transaction_count: number;
  /** Category id -> signed total (sums to `net`). */
  by_category: Record<string, DecimalString>;
  /** YYYY-MM -> totals of that month. */
  by_month: Record<string, CashflowTotals>;
}

export interface CashflowSummary extends CashflowTotals {
  /** Currency of the top-level figures; null when there are no transactions. */
  currency: string | null;
  transaction_count: number;
  by_category: Record<string, DecimalString>;
  by_month: Record<string, CashflowTotals>;
  /** Every currency present, sorted. */
  currencies: string[];
  /** One summary per currency (including the top-level one). Amounts of different currencies are never added. */
  by_currency: Record<string, CurrencySummary>;
}

export type RecurringSeries = DetectedSeries;

export interface AnalysisResult {
  transactions: CategorizedTransaction[];
  summary: CashflowSummary;
  recurring: RecurringSeries[];
}
