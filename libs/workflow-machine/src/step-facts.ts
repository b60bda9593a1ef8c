import type { AnalysisFacts, AnalysisOutput, ExtractionFacts, ExtractionOutput, OutputRef } from './step-contracts.js';

// Warnings can be one per row (a re-decoded line, say): the facts keep the first ones and say how many there were.
const MAX_WARNINGS_KEPT = 20;

/** The facts of an extraction that the snapshot and `results` keep: everything but the transactions. */
export function extractionFacts(output: ExtractionOutput, ref: OutputRef): ExtractionFacts {
  const { transactions, statements, warnings, ...rest } = output;
  const facts: ExtractionFacts = { ...rest, ref, transaction_count: transactions.length };
  if (Array.isArray(statements)) {
    facts.statements = statements.map((s: { transactions?: unknown[] }) => {
      const { transactions: own = [], ...part } = s;
      return { ...part, transaction_count: own.length };
    });
  }
  if (Array.isArray(warnings)) {
    facts.warnings = warnings.slice(0, MAX_WARNINGS_KEPT);
    if (warnings.length > MAX_WARNINGS_KEPT) facts.warning_count = warnings.length;
  }
  return facts;
}

/** The facts of an analysis: its summary and counts; recurring series keep their size, not their members. */
export function analysisFacts(output: AnalysisOutput, ref: OutputRef): AnalysisFacts {
  const { transactions, recurring, ...rest } = output;
  const facts: AnalysisFacts = { ...rest, ref, transaction_count: transactions.length };
  if (Array.isArray(recurring)) {
    facts.recurring = recurring.map((series: { transaction_ids?: unknown[] }) => {
      const { transaction_ids: ids = [], ...kept } = series;
      return { ...kept, transaction_count: ids.length };
    });
  }
  return facts;
}
