/** A user's categorisation rules, as JSON. See the README's "User rule sets" section. */
export interface CategorizationRuleSet {
  /** Format version; only 1 exists. */
  version?: 1;
  name?: string;
  /** Extra categories the rules may use, each under a built-in category (or a root: `income`, `expense`). */
  categories?: CustomCategory[];
  /** Tried in order; the first that matches decides. */
  rules: CategorizationRule[];
}

export interface CustomCategory {
  id: string;
  parent: string;
  label?: string;
}

export interface CategorizationRule {
  id: string;
  category: string;
  /** Every condition given must hold; at least one of contains, regex, counterparty or mcc is required. */
  match: RuleMatch;
  /** In [0, 1]; default 0.95. */
  confidence?: number;
}

export interface RuleMatch {
  /** Substring(s) of the normalised label (case and accents ignored); any one suffices. */
  contains?: string | string[];
  /** Tested, case-insensitively, against the normalised label (upper case, no accents, punctuation as spaces). */
  regex?: string;
  /** Normalised counterparty equals this, or starts with it followed by a space; any one suffices. */
  counterparty?: string | string[];
  /** Merchant category code(s). */
  mcc?: string | number | Array<string | number>;
  /** `debit` (amount < 0) or `credit` (amount > 0). */
  sign?: 'debit' | 'credit';
  /** Bounds on the absolute amount, as decimal strings, inclusive. */
  amount?: { min?: string; max?: string };
}
