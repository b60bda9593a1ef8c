import type { SnapshotFrom } from 'xstate';
import type { StepName } from './retry-policy.js';
import type { WorkflowMachine } from './workflow.machine.js';
import type { AnalysisFacts, ExtractionFacts } from './step-contracts.js';
import type { PublicState, StepFailure, WorkflowContext } from './workflow.types.js';

export interface WorkflowView {
  state: PublicState;
  /** The working step and its phase; null outside extracting/analyzing/storing. */
  step: StepName | null;
  phase: 'running' | 'waiting' | null;
  attempt: number | null;
  maxAttempts: number | null;
  nextRetryAt: string | null;
  /** In `failed`, why; otherwise null. */
  error: StepFailure | null;
  /** The last failed attempt, even when a retry later succeeded. */
  lastError: StepFailure | null;
  /** What the seed's `results` column holds once the workflow completed. */
  results: WorkflowResults | null;
}

/** The seed's `results`: each step's facts without its reference (the transactions are read page by page). */
export interface WorkflowResults {
  extraction: Omit<ExtractionFacts, 'ref'> | null;
  analysis: Omit<AnalysisFacts, 'ref'> | null;
  storage: WorkflowContext['storage'];
}

function withoutRef<T extends { ref: unknown }>(facts: T | null): Omit<T, 'ref'> | null {
  if (!facts) return null;
  const { ref: _ref, ...rest } = facts;
  return rest;
}

type SnapshotLike = Pick<SnapshotFrom<WorkflowMachine>, 'value' | 'context'>;

export function toWorkflowView(snapshot: SnapshotLike): WorkflowView {
  const value = snapshot.value as string | Record<string, string>;
  const state = (typeof value === 'string' ? value : Object.keys(value)[0]) as PublicState;
  const phase = typeof value === 'string' ? null : (Object.values(value)[0] as 'running' | 'waiting');
  const context = snapshot.context;
  const step = phase ? (state as StepName) : null;
  return {
    state,
    step,
    phase,
    attempt: step ? context.attempts[step] : null,
    maxAttempts: step ? context.policies[step].maxAttempts : null,
    nextRetryAt: phase === 'waiting' ? (context.retry?.dueAt ?? null) : null,
    error: state === 'failed' ? context.failure : null,
    lastError: context.lastError,
    results:
      state === 'completed'
        ? { extraction: withoutRef(context.extraction), analysis: withoutRef(context.analysis), storage: context.storage }
        : null,
  };
}
