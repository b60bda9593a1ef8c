import { assign, fromPromise, setup } from 'xstate';
import { computeRetryDelayMs, jitterFraction, resolveRetryPolicies, type StepName } from './retry-policy.js';
import type {
  AnalysisFacts,
  AnalyzeInput,
  ExtractInput,
  ExtractionFacts,
  StorageOutput,
  StoreInput,
} from './step-contracts.js';
import { toStepError } from './step-error.js';
import type { StepFailure, WorkflowContext, WorkflowEvent, WorkflowInput } from './workflow.types.js';

/** Bump when a change could misread snapshots persisted by the previous version (see README). */
export const WORKFLOW_MACHINE_VERSION = 2;

/** What each transition records in the workflow's history: hosts read it from the transition's `meta`. */
export type HistoryKind = 'started' | 'cancelled' | 'redriven' | 'step_succeeded' | 'step_failed' | 'retry_started';
const history = (kind: HistoryKind) => ({ history: kind });

const notProvided = (name: string) =>
  fromPromise<never, unknown>(async () => {
    throw new Error(`step actor "${name}" was not provided: supply it with machine.provide({ actors })`);
  });

/**
 * The time a transition happens is the event's (`at`, ISO 8601, stamped by whoever delivers it), so that
 * transition() on the same snapshot and event always computes the same next snapshot. An event without it (a
 * live actor in a test, the visualizer) falls back to the clock.
 */
function timeOf(event: { at?: unknown }): string {
  return typeof event.at === 'string' ? event.at : new Date().toISOString();
}

function failureOf(context: WorkflowContext, step: StepName, event: { type: string; error?: unknown; at?: unknown }): StepFailure {
  return { ...toStepError(event.error), step, attempt: context.attempts[step], at: timeOf(event) };
}

function stepInput(context: WorkflowContext, step: StepName) {
  const attempt = context.attempts[step];
  return {
    workflowId: context.workflowId,
    userId: context.userId,
    attempt,
    idempotencyKey: `${context.workflowId}:${step}:${attempt}`,
    timeoutMs: context.policies[step].timeoutMs,
  };
}

/** The invoked actor of each working step (its `src` and id). */
export const STEP_ACTORS = { extracting: 'extractDocument', analyzing: 'analyzeTransactions', storing: 'storeResults' } as const;
const NEXT: Record<StepName, string> = {
  extracting: '#statementWorkflow.analyzing',
  analyzing: '#statementWorkflow.storing',
  storing: '#statementWorkflow.completed',
};

const machineSetup = setup({
  types: {
    context: {} as WorkflowContext,
    input: {} as WorkflowInput,
    events: {} as WorkflowEvent,
  },
  actors: {
    extractDocument: notProvided('extractDocument') as unknown as ReturnType<typeof fromPromise<ExtractionFacts, ExtractInput>>,
    analyzeTransactions: notProvided('analyzeTransactions') as unknown as ReturnType<typeof fromPromise<AnalysisFacts, AnalyzeInput>>,
    storeResults: notProvided('storeResults') as unknown as ReturnType<typeof fromPromise<StorageOutput, StoreInput>>,
  },
  delays: {
    retryDelay: ({ context }) => context.retry?.delayMs ?? 0,
  },
  guards: {
    canRetry: ({ context, event }, params: { step: StepName }) => {
      const failure = failureOf(context, params.step, event);
      return failure.kind === 'transient' && context.attempts[params.step] < context.policies[params.step].maxAttempts;
    },
    failedAt: ({ context }, params: { step: StepName }) => context.failure?.step === params.step,
  },
  actions: {
    beginAttempt: assign(({ context, event }, params: { step: StepName }) => ({
      currentStep: params.step,
      attempts: { ...context.attempts, [params.step]: context.attempts[params.step] + 1 },
      attemptStartedAt: timeOf(event),
      retry: null,
    })),
    scheduleRetry: assign(({ context, event }, params: { step: StepName }) => {
      const failure = failureOf(context, params.step, event);
      const jitter = jitterFraction(`${context.workflowId}:${params.step}:${failure.attempt}`);
      const delayMs = computeRetryDelayMs(context.policies[params.step], failure.attempt, failure.retryAfterMs, () => jitter);
      return { lastError: failure, retry: { delayMs, dueAt: new Date(Date.parse(failure.at) + delayMs).toISOString() } };
    }),
    recordFailure: assign(({ context, event }, params: { step: StepName }) => {
      const failure = failureOf(context, params.step, event);
      return { lastError: failure, failure, retry: null, currentStep: null };
    }),
    recordOutput: assign(({ event }, params: { step: StepName }) => {
      const output = (event as unknown as { output: unknown }).output;
      if (params.step === 'extracting') return { extraction: output as ExtractionFacts };
      if (params.step === 'analyzing') return { analysis: output as AnalysisFacts };
      return { storage: output as StorageOutput };
    }),
    // Explicit per state rather than at the root: a root-level CANCEL would also leave final states.
    recordCancel: assign(({ event }) => ({
      cancelledAt: timeOf(event),
      cancelReason: (event as { reason?: string }).reason ?? null,
      retry: null,
      currentStep: null,
    })),
    prepareRedrive: assign(({ context }) => {
      const step = context.failure!.step;
      return { attempts: { ...context.attempts, [step]: 0 }, failure: null, redrives: context.redrives + 1 };
    }),
    recordCompletion: assign(({ event }) => ({ completedAt: timeOf(event), currentStep: null })),
  },
});

const inputs: Record<StepName, (context: WorkflowContext) => object> = {
  extracting: (context) => ({ ...stepInput(context, 'extracting'), documentPath: context.documentPath }),
  analyzing: (context) => ({ ...stepInput(context, 'analyzing'), extraction: context.extraction!.ref }),
  storing: (context) => ({
    ...stepInput(context, 'storing'),
    documentPath: context.documentPath,
    extraction: context.extraction!.ref,
    analysis: context.analysis!.ref,
  }),
};

/**
 * A working step: `running` (one attempt) and `waiting` (the backoff before the next one). An attempt's timeout
 * is not a timer of the machine's: it is a deadline on the step's task (`timeoutMs` of its input), extended by each
 * progress report (a heartbeat), and a missed deadline arrives as the step's error, `kind: transient`,
 * `code: STEP_TIMEOUT`.
 */
function stepState(step: StepName) {
  const params = { step };
  const failed = [
    { guard: { type: 'canRetry', params }, target: 'waiting', actions: { type: 'scheduleRetry', params }, meta: history('step_failed') },
    { target: '#statementWorkflow.failed', actions: { type: 'recordFailure', params }, meta: history('step_failed') },
  ] as const;
  return {
    initial: 'running',
    on: { CANCEL: { target: '#statementWorkflow.cancelled', actions: 'recordCancel', meta: history('cancelled') } },
    states: {
      running: {
        entry: { type: 'beginAttempt', params },
        invoke: {
          id: STEP_ACTORS[step],
          src: STEP_ACTORS[step],
          input: ({ context }: { context: WorkflowContext }) => inputs[step](context),
          onDone: { target: NEXT[step], actions: { type: 'recordOutput', params }, meta: history('step_succeeded') },
          onError: failed,
        },
      },
      waiting: { after: { retryDelay: { target: 'running', meta: history('retry_started') } } },
    },
  } as const;
}

export const workflowMachine = machineSetup.createMachine({
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
    createdAt: input.createdAt ?? new Date().toISOString(),
    completedAt: null,
    cancelledAt: null,
    cancelReason: null,
  }),
  initial: 'received',
  states: {
    received: {
      on: {
        START: { target: 'extracting', meta: history('started') },
        CANCEL: { target: 'cancelled', actions: 'recordCancel', meta: history('cancelled') },
      },
    },
    extracting: stepState('extracting') as never,
    analyzing: stepState('analyzing') as never,
    storing: stepState('storing') as never,
    completed: { type: 'final', entry: 'recordCompletion' },
    failed: {
      on: {
        CANCEL: { target: 'cancelled', actions: 'recordCancel', meta: history('cancelled') },
        RETRY: (['extracting', 'analyzing', 'storing'] as const).map((step) => ({
          guard: { type: 'failedAt', params: { step } },
          target: step,
          actions: 'prepareRedrive',
          meta: history('redriven'),
        })) as never,
      },
    },
    cancelled: { type: 'final' },
  },
});

export type WorkflowMachine = typeof workflowMachine;
