import { analysisFacts, extractionFacts } from './step-facts.js';
import type { AnalysisOutput, ExtractionOutput } from './step-contracts.js';

interface PersistedV1 {
  context: { extraction: ExtractionOutput | null; analysis: AnalysisOutput | null; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * Lifts a snapshot persisted by machine version 1 (outputs inline in the context) to version 2 (facts and a
 * reference): the reference carries the output inline, since a pure function cannot write the step output.
 * States, delays and actor ids are the same in both versions, so pending timers and tasks stay valid.
 */
export function liftSnapshotFromV1(persisted: unknown): unknown {
  const snapshot = persisted as PersistedV1;
  const { extraction, analysis } = snapshot.context;
  return {
    ...snapshot,
    context: {
      ...snapshot.context,
      extraction: extraction && extractionFacts(extraction, { output: 'extractDocument', inline: extraction }),
      analysis: analysis && analysisFacts(analysis, { output: 'analyzeTransactions', inline: analysis }),
    },
  };
}
