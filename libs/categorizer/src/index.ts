export * from './categorizer.types.js';
export { CategorizerError, type CategorizerErrorCode } from './categorizer.error.js';
export {
  CATEGORY_TAXONOMY,
  FALLBACK_CATEGORY,
  findCategory,
  isLeafCategory,
  type CategoryDefinition,
  type CategoryId,
  type CategoryKind,
} from './category-taxonomy.js';
export type { CategorizationRule, CategorizationRuleSet, CustomCategory, RuleMatch } from './rule-set.types.js';
export { loadRuleSet } from './rule-set.loader.js';
export { normalizeLabel, type NormalizedLabel, type PaymentMethod } from './label-normalizer.js';
export { categoryForMcc } from './mcc-categories.js';
export { TransactionCategorizer, type CategorizableTransaction, type Categorization } from './transaction-categorizer.js';
export { detectRecurring, type RecurringCandidate, type RecurringInterval, type RecurringOptions, type DetectedSeries } from './recurring-detector.js';
export { summarizeCashflow, type SummaryItem, type SummaryOptions } from './cashflow-summary.js';
export { analyzeTransactions } from './transaction-analyzer.js';
export { evaluateLabels, type AccuracyFigure, type EvaluationMiss, type EvaluationReport, type LabelledExample } from './label-evaluation.js';
export { analysisResultSchema, cashflowTotalsSchema, type AnalysisResultContract } from './analysis-result.schema.js';
