import type { RetryPolicies, RetryPolicyOverrides, StepName } from './retry-policy.js';
import type { AnalysisFacts, ExtractionFacts, StorageOutput } from './step-contracts.js';
import type { StepError } from './step-error.js';

export const PUBLIC_STATES = ['received', 'extracting', 'analyzing', 'storing', 'completed', 'failed', 'cancelled'] as const;
export type PublicState = (typeof PUBLIC_STATES)[number];

export interface WorkflowInput {
  workflowId: string;
  userId: string;
  documentPath: string;
  /** Defaults for every step, then per-step overrides (`{ maxAttempts: 3, storing: { timeoutMs: 5000 } }`). */
  retryPolicy?: RetryPolicyOverrides;
  createdAt?: string;
}

export interface StepFailure extends StepError {
  step: StepName;
  attempt: number;
  at: string;
}

export interface WorkflowContext {
  workflowId: string;
  userId: string;
  documentPath: string;
  policies: RetryPolicies;
  attempts: Record<StepName, number>;
  currentStep: StepName | null;
  attemptStartedAt: string | null;
  /** Facts and a reference, never the transactions: the outputs themselves are step outputs (claim check). */
  extraction: ExtractionFacts | null;
  analysis: AnalysisFacts | null;
  storage: StorageOutput | null;
  /** The most recent failed attempt, kept after a successful retry so the history stays explainable. */
  lastError: StepFailure | null;
  /** Set while waiting between attempts. */
  retry: { delayMs: number; dueAt: string } | null;
  /** Set in `failed`: which step, after how many attempts, and why. */
  failure: StepFailure | null;
  redrives: number;
  createdAt: string;
  completedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}

/** `at`: when the event happened (ISO 8601), stamped by the engine; the machine reads time only from events. */
export type WorkflowEvent =
  | { type: 'START'; at?: string }
  | { type: 'CANCEL'; reason?: string; at?: string }
  | { type: 'RETRY'; at?: string };
