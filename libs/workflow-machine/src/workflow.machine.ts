import { assign, fromPromise, setup } from 'xstate';
import { computeRetryDelayMs, resolveRetryPolicies, type StepName } from './retry-policy.js';
import type {
  AnalysisOutput,
  AnalyzeInput,
  ExtractInput,
  ExtractionOutput,
  StorageOutput,
  StoreInput,
} from './step-contracts.js';
import { toStepError } from './step-error.js';
import type { StepFailure, WorkflowContext, WorkflowEvent, WorkflowInput } from './workflow.types.js';

/** Bump when a change could misread snapshots persisted by the previous version (see README). */
export const WORKFLOW_MACHINE_VERSION = 1;

const notProvided = (name: string) =>
  fromPromise<never, unknown>(async () => {
    throw new Error(`step actor "${name}" was not provided: supply it with machine.provide({ actors })`);
  });

const now = () => new Date().toISOString();

function failureOf(context: WorkflowContext, step: StepName, event: { type: string; error?: unknown }): StepFailure {
  const error = event.type.startsWith('xstate.error.actor.')
    ? toStepError(event.error)
    : {
        kind: 'transient' as const,
        code: 'STEP_TIMEOUT',
        message: `${step} did not finish within ${context.policies[step].timeoutMs} ms`,
      };
  return { ...error, step, attempt: context.attempts[step], at: now() };
}

function stepInput(context: WorkflowContext, step: StepName) {
  const attempt = context.attempts[step];
  return {
    workflowId: context.workflowId,
    userId: context.userId,
    attempt,
    idempotencyKey: `${context.workflowId}:${step}:${attempt}`,
  };
}

export const workflowMachine = setup({
  types: {
    context: {} as WorkflowContext,
    input: {} as WorkflowInput,
    events: {} as WorkflowEvent,
  },
  actors: {
    extractDocument: notProvided('extractDocument') as unknown as ReturnType<typeof fromPromise<ExtractionOutput, ExtractInput>>,
    analyzeTransactions: notProvided('analyzeTransactions') as unknown as ReturnType<typeof fromPromise<AnalysisOutput, AnalyzeInput>>,
    storeResults: notProvided('storeResults') as unknown as ReturnType<typeof fromPromise<StorageOutput, StoreInput>>,
  },
  delays: {
    retryDelay: ({ context }) => context.retry?.delayMs ?? 0,
    stepTimeout: ({ context }) => (context.currentStep ? context.policies[context.currentStep].timeoutMs : 0),
  },
  guards: {
    canRetry: ({ context, event }, params: { step: StepName }) => {
      const failure = failureOf(context, params.step, event);
      return failure.kind === 'transient' && context.attempts[params.step] < context.policies[params.step].maxAttempts;
    },
    failedAt: ({ context }, params: { step: StepName }) => context.failure?.step === params.step,
  },
  actions: {
    beginAttempt: assign(({ context }, params: { step: StepName }) => ({
      currentStep: params.step,
      attempts: { ...context.attempts, [params.step]: context.attempts[params.step] + 1 },
      attemptStartedAt: now(),
      retry: null,
    })),
    scheduleRetry: assign(({ context, event }, params: { step: StepName }) => {
      const failure = failureOf(context, params.step, event);
      const delayMs = computeRetryDelayMs(context.policies[params.step], failure.attempt, failure.retryAfterMs);
      return { lastError: failure, retry: { delayMs, dueAt: new Date(Date.now() + delayMs).toISOString() } };
    }),
    recordFailure: assign(({ context, event }, params: { step: StepName }) => {
      const failure = failureOf(context, params.step, event);
      return { lastError: failure, failure, retry: null, currentStep: null };
    }),
    // Explicit per state rather than at the root: a root-level CANCEL would also leave final states.
    recordCancel: assign(({ event }) => ({
      cancelledAt: now(),
      cancelReason: (event as { reason?: string }).reason ?? null,
      retry: null,
      currentStep: null,
    })),
    prepareRedrive: assign(({ context }) => {
      const step = context.failure!.step;
      return { attempts: { ...context.attempts, [step]: 0 }, failure: null, redrives: context.redrives + 1 };
    }),
  },
}).createMachine({
  id: 'statementWorkflow',
  // XState's pure transition() builds a throwaway actor without input; tolerate it instead of throwing each time.
  context: ({ input = {} as WorkflowInput }) => ({
    workflowId: input.workflowId,
    userId: input.userId,
    documentPath: input.documentPath,
    policies: resolveRetryPolicies(input.retryPolicy),
    attempts: { extracting: 0, analyzing: 0, storing: 0 },
    currentStep: null,
    attemptStartedAt: null,
    extraction: null,
    analysis: null,
    storage: null,
    lastError: null,
    retry: null,
    failure: null,
    redrives: 0,
    createdAt: input.createdAt ?? now(),
    completedAt: null,
    cancelledAt: null,
    cancelReason: null,
  }),
  initial: 'received',
  states: {
    received: {
      on: { START: 'extracting', CANCEL: { target: 'cancelled', actions: 'recordCancel' } },
    },
    extracting: {
      initial: 'running',
      on: { CANCEL: { target: 'cancelled', actions: 'recordCancel' } },
      states: {
        running: {
          entry: { type: 'beginAttempt', params: { step: 'extracting' } },
          invoke: {
            id: 'extractDocument',
            src: 'extractDocument',
            input: ({ context }) => ({ ...stepInput(context, 'extracting'), documentPath: context.documentPath }),
            onDone: { target: '#statementWorkflow.analyzing', actions: assign({ extraction: ({ event }) => event.output }) },
            onError: [
              { guard: { type: 'canRetry', params: { step: 'extracting' } }, target: 'waiting', actions: { type: 'scheduleRetry', params: { step: 'extracting' } } },
              { target: '#statementWorkflow.failed', actions: { type: 'recordFailure', params: { step: 'extracting' } } },
            ],
          },
          after: {
            stepTimeout: [
              { guard: { type: 'canRetry', params: { step: 'extracting' } }, target: 'waiting', actions: { type: 'scheduleRetry', params: { step: 'extracting' } } },
              { target: '#statementWorkflow.failed', actions: { type: 'recordFailure', params: { step: 'extracting' } } },
            ],
          },
        },
        waiting: { after: { retryDelay: 'running' } },
      },
    },
    analyzing: {
      initial: 'running',
      on: { CANCEL: { target: 'cancelled', actions: 'recordCancel' } },
      states: {
        running: {
          entry: { type: 'beginAttempt', params: { step: 'analyzing' } },
          invoke: {
            id: 'analyzeTransactions',
            src: 'analyzeTransactions',
            input: ({ context }) => ({ ...stepInput(context, 'analyzing'), transactions: context.extraction!.transactions }),
            onDone: { target: '#statementWorkflow.storing', actions: assign({ analysis: ({ event }) => event.output }) },
            onError: [
              { guard: { type: 'canRetry', params: { step: 'analyzing' } }, target: 'waiting', actions: { type: 'scheduleRetry', params: { step: 'analyzing' } } },
              { target: '#statementWorkflow.failed', actions: { type: 'recordFailure', params: { step: 'analyzing' } } },
            ],
          },
          after: {
            stepTimeout: [
              { guard: { type: 'canRetry', params: { step: 'analyzing' } }, target: 'waiting', actions: { type: 'scheduleRetry', params: { step: 'analyzing' } } },
              { target: '#statementWorkflow.failed', actions: { type: 'recordFailure', params: { step: 'analyzing' } } },
            ],
          },
        },
        waiting: { after: { retryDelay: 'running' } },
      },
    },
    storing: {
      initial: 'running',
      on: { CANCEL: { target: 'cancelled', actions: 'recordCancel' } },
      states: {
        running: {
          entry: { type: 'beginAttempt', params: { step: 'storing' } },
          invoke: {
            id: 'storeResults',
            src: 'storeResults',
            input: ({ context }) => ({
              ...stepInput(context, 'storing'),
              documentPath: context.documentPath,
              extraction: context.extraction!,
              analysis: context.analysis!,
            }),
            onDone: { target: '#statementWorkflow.completed', actions: assign({ storage: ({ event }) => event.output }) },
            onError: [
              { guard: { type: 'canRetry', params: { step: 'storing' } }, target: 'waiting', actions: { type: 'scheduleRetry', params: { step: 'storing' } } },
              { target: '#statementWorkflow.failed', actions: { type: 'recordFailure', params: { step: 'storing' } } },
            ],
          },
          after: {
            stepTimeout: [
              { guard: { type: 'canRetry', params: { step: 'storing' } }, target: 'waiting', actions: { type: 'scheduleRetry', params: { step: 'storing' } } },
              { target: '#statementWorkflow.failed', actions: { type: 'recordFailure', params: { step: 'storing' } } },
            ],
          },
        },
        waiting: { after: { retryDelay: 'running' } },
      },
    },
    completed: {
      type: 'final',
      entry: assign({ completedAt: () => now(), currentStep: null }),
    },
    failed: {
      on: {
        CANCEL: { target: 'cancelled', actions: 'recordCancel' },
        RETRY: [
          { guard: { type: 'failedAt', params: { step: 'extracting' } }, target: 'extracting', actions: 'prepareRedrive' },
          { guard: { type: 'failedAt', params: { step: 'analyzing' } }, target: 'analyzing', actions: 'prepareRedrive' },
          { guard: { type: 'failedAt', params: { step: 'storing' } }, target: 'storing', actions: 'prepareRedrive' },
        ],
      },
    },
    cancelled: { type: 'final' },
  },
});

export type WorkflowMachine = typeof workflowMachine;
