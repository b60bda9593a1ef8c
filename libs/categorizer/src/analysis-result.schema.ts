import Big from 'big.js';
import { z } from 'zod';

/**
 * The Transaction Analyzer's answer (POST /transactions/analyze), as ARCHITECTURE.md "Downstream contracts" fixes
 * it: the one schema the orchestrator's client checks answers with, the reference service's tests check its real
 * answers with, and every stand-in checks its own answers with. Expenses are negative, as on the statement, and
 * net is income + expenses exactly. Fields beyond the contract are allowed.
 */
const DECIMAL = /^-?\d+(\.\d+)?$/;
const decimal = z.string().regex(DECIMAL, 'must be a decimal string (no float, no thousands separator)');
// The sign and sum checks run on values that are decimals, the regex having refused the others.
const isDecimal = (v: unknown): v is string => typeof v === 'string' && DECIMAL.test(v);

const totalsShape = {
  income: decimal.refine((v) => !isDecimal(v) || new Big(v).gte(0), 'income must be >= 0'),
  expenses: decimal.refine((v) => !isDecimal(v) || new Big(v).lte(0), 'expenses must be <= 0 (debits are negative)'),
  net: decimal,
};

function netIsIncomePlusExpenses(totals: { income: string; expenses: string; net: string }, ctx: z.RefinementCtx): void {
  if (![totals.income, totals.expenses, totals.net].every(isDecimal)) return;
  if (!new Big(totals.income).plus(totals.expenses).eq(totals.net)) {
    ctx.addIssue({ code: 'custom', path: ['net'], message: `net ${totals.net} is not income ${totals.income} + expenses ${totals.expenses}` });
  }
}

export const cashflowTotalsSchema = z.looseObject(totalsShape).superRefine(netIsIncomePlusExpenses);

export const analysisResultSchema = z.looseObject({
  transactions: z.array(
    z.looseObject({
      id: z.string().min(1),
      category: z.string().min(1),
      confidence: z.number().min(0).max(1),
    }),
  ),
  summary: z
    .looseObject({
      ...totalsShape,
      by_category: z.record(z.string(), decimal),
      by_month: z.record(z.string().regex(/^\d{4}-\d{2}$/, 'must be a month YYYY-MM'), cashflowTotalsSchema),
    })
    .superRefine(netIsIncomePlusExpenses),
});

export type AnalysisResultContract = z.infer<typeof analysisResultSchema>;
