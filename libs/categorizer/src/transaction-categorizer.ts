import { BUILTIN_PHRASE_RULES, type PhraseRule } from './builtin-rules.js';
import { FALLBACK_CATEGORY, findCategory, type CategoryId } from './category-taxonomy.js';
import { toBig } from './decimal-amount.js';
import { normalizeLabel, type PaymentMethod } from './label-normalizer.js';
import { categoryForMcc } from './mcc-categories.js';
import { PhraseMatcher } from './phrase-matcher.js';
import { loadRuleSet } from './rule-set.loader.js';
import type { CategorizationRuleSet } from './rule-set.types.js';
import { compileRuleSets, type CompiledUserRule, type RuleSubject } from './user-rule-matcher.js';

export interface CategorizableTransaction {
  label: string;
  amount: string;
  mcc?: string | number;
}

export interface Categorization {
  category: string;
  confidence: number;
  rule: string;
  counterparty: string;
  /** Who the payment is with, for grouping: the known merchant's name when one matched, else the counterparty. */
  party: string;
  method: PaymentMethod;
}

const CONFIDENCE = { strong: 0.85, merchant: 0.9, keyword: 0.7, derivedRefund: 0.75, mcc: 0.85 } as const;

interface Resolved {
  category: CategoryId;
  confidence: number;
  derived: boolean;
}

function resolvePhrase(rule: PhraseRule, credit: boolean, method: PaymentMethod): Resolved | undefined {
  const kind = findCategory(rule.category)!.kind;
  const confidence = CONFIDENCE[rule.kind];
  if (credit) {
    if (rule.credit) return { category: rule.credit, confidence, derived: false };
    if (kind === 'income') return { category: rule.category, confidence, derived: false };
    return rule.kind === 'keyword' ? undefined : { category: 'refund', confidence: CONFIDENCE.derivedRefund, derived: true };
  }
  if (method === 'direct_debit' && rule.directDebit) return { category: rule.directDebit, confidence, derived: false };
  if (kind === 'expense') return { category: rule.category, confidence, derived: false };
  return rule.debit ? { category: rule.debit, confidence, derived: false } : undefined;
}

type MethodOutcome = readonly [credit: CategoryId | undefined, creditConfidence: number, debit: CategoryId | undefined, debitConfidence: number];

/** Methods that settle the category on their own (a cash withdrawal is one whatever the ATM's town). */
const DECISIVE_METHODS: Partial<Record<PaymentMethod, MethodOutcome>> = {
  atm: [undefined, 0, 'cash_withdrawal', 0.95],
  fee: ['refund', 0.8, 'bank_fees', 0.9],
  loan: [undefined, 0, 'loan_repayment', 0.9],
  interest: ['investment_income', 0.9, 'bank_fees', 0.8],
  card_refund: ['refund', 0.9, undefined, 0],
  cash_deposit: ['other_income', 0.8, undefined, 0],
};

/** Methods that only hint, used when no merchant or keyword matched. */
const HINTING_METHODS: Partial<Record<PaymentMethod, MethodOutcome>> = {
  transfer_in: ['transfer_in', 0.6, 'transfer_out', 0.4],
  transfer_out: ['transfer_in', 0.4, 'transfer_out', 0.6],
  transfer: ['transfer_in', 0.55, 'transfer_out', 0.55],
  card: ['refund', 0.6, 'other_expense', 0.3],
  cheque_deposit: ['other_income', 0.6, undefined, 0],
  cheque: ['other_income', 0.4, 'other_expense', 0.4],
  direct_debit: [undefined, 0, 'other_expense', 0.3],
};

function methodCategory(table: Partial<Record<PaymentMethod, MethodOutcome>>, method: PaymentMethod, credit: boolean): { category: CategoryId; confidence: number } | undefined {
  const entry = table[method];
  if (!entry) return undefined;
  const [category, confidence] = credit ? [entry[0], entry[1]] : [entry[2], entry[3]];
  return category === undefined ? undefined : { category, confidence };
}

/** Categorises one transaction at a time with the built-in rules and, first, the given user rule sets. */
export class TransactionCategorizer {
  private readonly userRules: CompiledUserRule[];
  private readonly matcher = new PhraseMatcher(BUILTIN_PHRASE_RULES);

  /** Custom categories declared by the rule sets, with their kind. */
  readonly customKinds: ReadonlyMap<string, 'income' | 'expense'>;

  constructor(ruleSets: readonly CategorizationRuleSet[] = []) {
    const compiled = compileRuleSets(ruleSets.map((set) => loadRuleSet(set)));
    this.userRules = compiled.rules;
    this.customKinds = compiled.customKinds;
  }

  categorize(transaction: CategorizableTransaction): Categorization {
    const label = normalizeLabel(transaction.label);
    const amount = toBig(transaction.amount);
    const credit = amount.gt(0);
    const mcc = transaction.mcc === undefined ? undefined : String(transaction.mcc).padStart(4, '0');
    const subject: RuleSubject = { label, credit, magnitude: amount.abs(), ...(mcc !== undefined && { mcc }) };
    const result = (category: string, confidence: number, rule: string, party = label.counterparty): Categorization => ({
      category,
      confidence,
      rule,
      counterparty: label.counterparty,
      party,
      method: label.method,
    });

    const user = this.userRules.find((rule) => rule.test(subject));
    if (user) return result(user.category, user.confidence, `user:${user.id}`);

    const phrases = this.matcher
      .matchAll(label.tokens)
      .map((match) => ({ match, resolved: resolvePhrase(match.rule, credit, label.method) }))
      .filter((c): c is { match: (typeof c)['match']; resolved: Resolved } => c.resolved !== undefined);
    const merchant = phrases.find((c) => c.match.rule.kind === 'merchant')?.match.rule.phrase;
    const party = merchant ?? label.counterparty;

    const strong = phrases.find((c) => c.match.rule.kind === 'strong');
    if (strong) return result(strong.resolved.category, strong.resolved.confidence, `keyword:${strong.match.rule.phrase}`, party);

    const byMethod = methodCategory(DECISIVE_METHODS, label.method, credit);
    if (byMethod) return result(byMethod.category, byMethod.confidence, `method:${label.method}`, party);

    const fromMcc = mcc === undefined ? undefined : categoryForMcc(mcc);
    if (fromMcc) {
      const expense = findCategory(fromMcc)!.kind === 'expense';
      if (!credit || !expense) return result(fromMcc, CONFIDENCE.mcc, `mcc:${mcc}`, party);
      return result('refund', CONFIDENCE.derivedRefund, `mcc:${mcc}`, party);
    }

    // On a credit, an income word (SALAIRE, CAF...) says more than a merchant name read as a refund.
    const best = phrases.find((c) => !c.resolved.derived) ?? phrases[0];
    if (best) return result(best.resolved.category, best.resolved.confidence, `${best.match.rule.kind}:${best.match.rule.phrase}`, party);

    const weak = methodCategory(HINTING_METHODS, label.method, credit);
    if (weak) return result(weak.category, weak.confidence, `method:${label.method}`, party);

    return result(FALLBACK_CATEGORY[credit ? 'income' : 'expense'], 0.2, 'fallback', party);
  }
}
