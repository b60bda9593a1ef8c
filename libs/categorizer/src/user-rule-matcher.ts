import type Big from 'big.js';
import { findCategory, type CategoryKind } from './category-taxonomy.js';
import { toBig } from './decimal-amount.js';
import { foldLabel, type NormalizedLabel } from './label-normalizer.js';
import type { CategorizationRuleSet } from './rule-set.types.js';
import { compileUserRegex } from './user-regex.js';

export interface RuleSubject {
  label: NormalizedLabel;
  credit: boolean;
  magnitude: Big;
  mcc?: string;
}

export interface CompiledUserRule {
  id: string;
  category: string;
  confidence: number;
  test(subject: RuleSubject): boolean;
}

const DEFAULT_USER_CONFIDENCE = 0.95;

function normalizeNeedle(text: string): string {
  return foldLabel(text).replace(/[^A-Z0-9]+/g, ' ').trim();
}

function asList<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Compiles validated rule sets, first set first; also returns the kind of each custom category they declare. */
export function compileRuleSets(sets: readonly CategorizationRuleSet[]): { rules: CompiledUserRule[]; customKinds: Map<string, CategoryKind> } {
  const customKinds = new Map<string, CategoryKind>();
  const rules: CompiledUserRule[] = [];
  for (const set of sets) {
    for (const custom of set.categories ?? []) customKinds.set(custom.id, findCategory(custom.parent)!.kind);
    for (const rule of set.rules) {
      const contains = asList(rule.match.contains).map(normalizeNeedle);
      const counterparties = asList(rule.match.counterparty).map(normalizeNeedle);
      const regex = rule.match.regex === undefined ? undefined : compileUserRegex(rule.match.regex);
      const mccs = asList(rule.match.mcc).map((m) => String(m).padStart(4, '0'));
      const min = rule.match.amount?.min === undefined ? undefined : toBig(rule.match.amount.min).abs();
      const max = rule.match.amount?.max === undefined ? undefined : toBig(rule.match.amount.max).abs();
      const sign = rule.match.sign;
      rules.push({
        id: rule.id,
        category: rule.category,
        confidence: rule.confidence ?? DEFAULT_USER_CONFIDENCE,
        test: ({ label, credit, magnitude, mcc }) =>
          (sign === undefined || (sign === 'credit') === credit) &&
          (contains.length === 0 || contains.some((needle) => ` ${label.text} `.includes(needle))) &&
          (counterparties.length === 0 ||
            counterparties.some((cp) => label.counterparty === cp || label.counterparty.startsWith(`${cp} `))) &&
          (regex === undefined || regex.test(label.text)) &&
          (mccs.length === 0 || (mcc !== undefined && mccs.includes(mcc))) &&
          (min === undefined || magnitude.gte(min)) &&
          (max === undefined || magnitude.lte(max)),
      });
    }
  }
  return { rules, customKinds };
}
