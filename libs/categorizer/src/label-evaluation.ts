import { TransactionCategorizer } from './transaction-categorizer.js';

export interface LabelledExample {
  label: string;
  /** Signed decimal string; only its sign and size matter. */
  amount: string;
  category: string;
  /** `dev` examples may guide rule writing; `holdout` ones must not. */
  split: 'dev' | 'holdout';
}

export interface AccuracyFigure {
  correct: number;
  total: number;
  accuracy: number;
}

export interface EvaluationMiss extends LabelledExample {
  predicted: string;
  rule: string;
}

export interface EvaluationReport {
  overall: AccuracyFigure;
  bySplit: Record<'dev' | 'holdout', AccuracyFigure>;
  /** Per expected category (recall). */
  byCategory: Record<string, AccuracyFigure>;
  misses: EvaluationMiss[];
}

function tally(): { correct: number; total: number } {
  return { correct: 0, total: 0 };
}

function finish(t: { correct: number; total: number }): AccuracyFigure {
  return { ...t, accuracy: t.total === 0 ? 0 : t.correct / t.total };
}

/** Categorises every labelled example and reports how many got their expected category. */
export function evaluateLabels(examples: readonly LabelledExample[], categorizer = new TransactionCategorizer()): EvaluationReport {
  const overall = tally();
  const bySplit = { dev: tally(), holdout: tally() };
  const byCategory = new Map<string, { correct: number; total: number }>();
  const misses: EvaluationMiss[] = [];
  for (const example of examples) {
    const result = categorizer.categorize({ label: example.label, amount: example.amount });
    const hit = result.category === example.category;
    const category = byCategory.get(example.category) ?? tally();
    byCategory.set(example.category, category);
    for (const t of [overall, bySplit[example.split], category]) {
      t.total++;
      if (hit) t.correct++;
    }
    if (!hit) misses.push({ ...example, predicted: result.category, rule: result.rule });
  }
  return {
    overall: finish(overall),
    bySplit: { dev: finish(bySplit.dev), holdout: finish(bySplit.holdout) },
    byCategory: Object.fromEntries([...byCategory].sort((a, b) => a[0].localeCompare(b[0])).map(([k, v]) => [k, finish(v)])),
    misses,
  };
}
