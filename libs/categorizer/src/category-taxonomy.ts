export type CategoryKind = 'income' | 'expense';

export interface CategoryDefinition {
  /** Stable id, stored by callers: never rename one. */
  id: string;
  /** `income` or `expense` (the two roots), or null for a root itself. */
  parent: CategoryKind | null;
  kind: CategoryKind;
  label: string;
  label_fr: string;
}

const income = (id: string, label: string, label_fr: string): CategoryDefinition => ({ id, parent: 'income', kind: 'income', label, label_fr });
const expense = (id: string, label: string, label_fr: string): CategoryDefinition => ({ id, parent: 'expense', kind: 'expense', label, label_fr });

export const CATEGORY_TAXONOMY: readonly CategoryDefinition[] = Object.freeze([
  { id: 'income', parent: null, kind: 'income', label: 'Income', label_fr: 'Revenus' },
  income('salary', 'Salary', 'Salaire'),
  income('benefits', 'Benefits and pensions', 'Prestations sociales et pensions'),
  income('transfer_in', 'Transfers in', 'Virements reçus'),
  income('refund', 'Refunds', 'Remboursements'),
  income('investment_income', 'Interest and investment income', 'Intérêts et revenus financiers'),
  income('other_income', 'Other income', 'Autres revenus'),
  { id: 'expense', parent: null, kind: 'expense', label: 'Expenses', label_fr: 'Dépenses' },
  expense('housing', 'Housing and rent', 'Logement et loyer'),
  expense('groceries', 'Groceries', 'Alimentation'),
  expense('restaurants', 'Restaurants and take-away', 'Restaurants'),
  expense('transport', 'Transport', 'Transports'),
  expense('fuel', 'Fuel', 'Carburant'),
  expense('utilities', 'Utilities (energy, water)', 'Énergie et eau'),
  expense('telecom', 'Phone and internet', 'Téléphone et internet'),
  expense('subscriptions', 'Subscriptions and digital services', 'Abonnements'),
  expense('insurance', 'Insurance', 'Assurances'),
  expense('health', 'Health', 'Santé'),
  expense('shopping', 'Shopping', 'Achats'),
  expense('leisure', 'Leisure', 'Loisirs'),
  expense('travel', 'Travel', 'Voyages'),
  expense('taxes', 'Taxes', 'Impôts et taxes'),
  expense('bank_fees', 'Bank fees', 'Frais bancaires'),
  expense('cash_withdrawal', 'Cash withdrawal', 'Retraits d’espèces'),
  expense('transfer_out', 'Transfers out', 'Virements émis'),
  expense('loan_repayment', 'Loan repayment', 'Remboursement de prêt'),
  expense('education', 'Education and childcare', 'Éducation et garde d’enfants'),
  expense('other_expense', 'Other expenses', 'Autres dépenses'),
]);

/** Category ids of the built-in taxonomy (roots excluded: transactions are never put in a root). */
export type CategoryId =
  | 'salary' | 'benefits' | 'transfer_in' | 'refund' | 'investment_income' | 'other_income'
  | 'housing' | 'groceries' | 'restaurants' | 'transport' | 'fuel' | 'utilities' | 'telecom'
  | 'subscriptions' | 'insurance' | 'health' | 'shopping' | 'leisure' | 'travel' | 'taxes'
  | 'bank_fees' | 'cash_withdrawal' | 'transfer_out' | 'loan_repayment' | 'education' | 'other_expense';

export const FALLBACK_CATEGORY: Readonly<Record<CategoryKind, CategoryId>> = { income: 'other_income', expense: 'other_expense' };

const byId = new Map(CATEGORY_TAXONOMY.map((c) => [c.id, c]));

export function findCategory(id: string): CategoryDefinition | undefined {
  return byId.get(id);
}

export function isLeafCategory(id: string): boolean {
  const found = byId.get(id);
  return found !== undefined && found.parent !== null;
}
