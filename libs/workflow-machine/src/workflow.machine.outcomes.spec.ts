import { createActor, initialTransition, transition, waitFor, type SnapshotFrom } from 'xstate';
import { assertValidPolicy, DEFAULT_RETRY_POLICY, STEPS, type StepName } from './retry-policy.js';
import { isStepError } from './step-error.js';
import { toWorkflowView } from './workflow-view.js';
import { workflowMachine } from './workflow.machine.js';
import type { WorkflowInput } from './workflow.types.js';

// What each transition leaves in the context, at every step: the cases the mutation run showed untested.
type Snapshot = SnapshotFrom<typeof workflowMachine>;
type AnyEvent = { type: string; [key: string]: unknown };

const ACTORS: Record<StepName, string> = { extracting: 'extractDocument', analyzing: 'analyzeTransactions', storing: 'storeResults' };
const OUTPUTS: Record<StepName, unknown> = {
  // What the engine hands the machine (claim check): facts and a reference to the stored output.
  extracting: { ref: { output: 'extractDocument' }, account: { id: 'FR76' }, period: { start: null, end: null }, currency: 'EUR', transaction_count: 0 },
  analyzing: { ref: { output: 'analyzeTransactions' }, transaction_count: 0, summary: { income: '0.00', expenses: '0.00', net: '0.00', by_category: {}, by_month: {} } },
  storing: { transactionsStored: 0 },
};
const input: WorkflowInput = { workflowId: 'wf-1', userId: 'u-1', documentPath: 'a.ofx', retryPolicy: { maxAttempts: 2, jitter: 0, initialDelayMs: 500 } };
const done = (step: StepName) => ({ type: `xstate.done.actor.${ACTORS[step]}`, output: OUTPUTS[step], actorId: ACTORS[step] });
const fail = (step: StepName, kind: 'transient' | 'permanent') => ({ type: `xstate.error.actor.${ACTORS[step]}`, error: { kind, message: `${kind} failure` }, actorId: ACTORS[step] });
// A missed deadline on the step's task, as the engine delivers it: the step's error.
const timeout = (step: StepName) => ({
  type: `xstate.error.actor.${ACTORS[step]}`,
  error: { kind: 'transient', code: 'STEP_TIMEOUT', message: `${ACTORS[step]} did not finish or report progress within 30000 ms` },
  actorId: ACTORS[step],
});
const retryDue = (step: StepName) => ({ type: `xstate.after.retryDelay.statementWorkflow.${step}.waiting` });
const upTo = (step: StepName): AnyEvent[] => [{ type: 'START' }, ...STEPS.slice(0, STEPS.indexOf(step)).map(done)];

function run(events: AnyEvent[], machineInput = input): [Snapshot, Array<{ type: string; params?: any }>] {
  let [snapshot, actions] = initialTransition(workflowMachine, machineInput);
  for (const event of events) [snapshot, actions] = transition(workflowMachine, snapshot, event as never);
  return [snapshot, actions as never];
}

describe('workflowMachine outcomes', () => {
  describe.each(STEPS)('%s', (step) => {
    it('waits for a retry after a step timeout with attempts left, then fails on the last one with STEP_TIMEOUT', () => {
      const [waiting] = run([...upTo(step), timeout(step)]);
      expect(waiting.value).toEqual({ [step]: 'waiting' });
      expect(waiting.context.lastError).toMatchObject({ step, attempt: 1, kind: 'transient', code: 'STEP_TIMEOUT', message: `${ACTORS[step]} did not finish or report progress within 30000 ms` });
      const [failed] = run([...upTo(step), timeout(step), retryDue(step), timeout(step)]);
      expect(failed.value).toBe('failed');
      expect(failed.context.failure).toMatchObject({ step, attempt: 2, code: 'STEP_TIMEOUT' });
      expect(failed.context.currentStep).toBeNull();
    });

    it('fails at once on a permanent error, naming the step', () => {
      const [failed] = run([...upTo(step), fail(step, 'permanent')]);
      expect(failed.value).toBe('failed');
      expect(failed.context.failure).toMatchObject({ step, attempt: 1, kind: 'permanent', message: 'permanent failure' });
      expect(toWorkflowView(failed).error).toEqual(failed.context.failure);
    });

    it('schedules the retry at now + its delay', () => {
      const before = Date.now();
      const [waiting] = run([...upTo(step), fail(step, 'transient')]);
      const after = Date.now();
      expect(waiting.context.retry!.delayMs).toBe(500);
      const due = Date.parse(waiting.context.retry!.dueAt);
      expect(due).toBeGreaterThanOrEqual(before + 500);
      expect(due).toBeLessThanOrEqual(after + 500);
      expect(toWorkflowView(waiting).nextRetryAt).toBe(waiting.context.retry!.dueAt);
    });

    it.each(['running', 'waiting'])('cancels from %s, keeping the reason, into a final state', (phase) => {
      const events = [...upTo(step), ...(phase === 'waiting' ? [fail(step, 'transient')] : [])];
      const [cancelled] = run([...events, { type: 'CANCEL', reason: 'wrong file' }]);
      expect(cancelled.value).toBe('cancelled');
      expect(cancelled.status).toBe('done');
      expect(cancelled.context).toMatchObject({ cancelReason: 'wrong file', retry: null, currentStep: null });
      expect(typeof cancelled.context.cancelledAt).toBe('string');
    });

    it('gives the step its idempotency key and attempt', () => {
      const [, actions] = run(upTo(step));
      const spawn = actions.find((a) => a.type === 'xstate.spawnChild')!;
      expect(spawn.params).toMatchObject({ id: ACTORS[step], src: ACTORS[step] });
      expect(spawn.params.input).toMatchObject({ workflowId: 'wf-1', userId: 'u-1', attempt: 1, idempotencyKey: `wf-1:${step}:1` });
    });
  });

  it('hands the storing step both earlier outputs', () => {
    const [, actions] = run(upTo('storing'));
    const spawn = actions.find((a) => a.type === 'xstate.spawnChild')!;
    expect(spawn.params.input).toMatchObject({ documentPath: 'a.ofx', extraction: { output: 'extractDocument' }, analysis: { output: 'analyzeTransactions' } });
  });

  it('cancels from received and from failed, with no reason recorded as null', () => {
    for (const events of [[], [{ type: 'START' }, fail('extracting', 'permanent')]]) {
      const [cancelled] = run([...events, { type: 'CANCEL' }]);
      expect(cancelled.value).toBe('cancelled');
      expect(cancelled.status).toBe('done');
      expect(cancelled.context.cancelReason).toBeNull();
    }
  });

  it('records when it completed, with no step current, and shows the results only then', () => {
    const [completed] = run([{ type: 'START' }, ...STEPS.map(done)]);
    expect(completed.status).toBe('done');
    expect(completed.context.currentStep).toBeNull();
    expect(Number.isNaN(Date.parse(completed.context.completedAt!))).toBe(false);
    // The results keep each step's facts, not its reference to the stored output.
    const facts = (output: unknown) => {
      const { ref: _ref, ...rest } = output as { ref: unknown };
      return rest;
    };
    expect(toWorkflowView(completed).results).toEqual({ extraction: facts(OUTPUTS.extracting), analysis: facts(OUTPUTS.analyzing), storage: OUTPUTS.storing });
    const [running] = run([{ type: 'START' }]);
    expect(toWorkflowView(running)).toMatchObject({ results: null, error: null, nextRetryAt: null });
  });

  it('keeps a given createdAt, and stamps one otherwise', () => {
    expect(run([], { ...input, createdAt: '2024-01-01T00:00:00.000Z' })[0].context.createdAt).toBe('2024-01-01T00:00:00.000Z');
    expect(Number.isNaN(Date.parse(run([])[0].context.createdAt))).toBe(false);
  });

  it('fails a step whose actor was not provided, saying so', async () => {
    const actor = createActor(workflowMachine, { input: { ...input, retryPolicy: { maxAttempts: 1 } } }).start();
    actor.send({ type: 'START' });
    const failed = await waitFor(actor, (s) => s.value === 'failed');
    actor.stop();
    expect(failed.context.failure!.message).toBe('step actor "extractDocument" was not provided: supply it with machine.provide({ actors })');
  });
});

describe(assertValidPolicy.name, () => {
  const valid = { ...DEFAULT_RETRY_POLICY };
  it('accepts the bounds themselves', () => {
    expect(() => assertValidPolicy({ ...valid, maxAttempts: 1, initialDelayMs: 0, backoffFactor: 1, jitter: 0 }, 'x')).not.toThrow();
    expect(() => assertValidPolicy({ ...valid, jitter: 1, maxDelayMs: valid.initialDelayMs }, 'x')).not.toThrow();
  });
  it.each([
    [{ maxAttempts: 0 }, 'maxAttempts must be an integer >= 1'],
    [{ maxAttempts: 1.5 }, 'maxAttempts must be an integer >= 1'],
    [{ initialDelayMs: -1 }, 'initialDelayMs must be >= 0'],
    [{ backoffFactor: 0.5 }, 'backoffFactor must be >= 1'],
    [{ maxDelayMs: 10, initialDelayMs: 20 }, 'maxDelayMs must be >= initialDelayMs'],
    [{ jitter: -0.1 }, 'jitter must be between 0 and 1'],
    [{ jitter: 1.1 }, 'jitter must be between 0 and 1'],
    [{ timeoutMs: 0 }, 'timeoutMs must be > 0'],
  ])('refuses %j, naming the step and the problem', (change, problem) => {
    expect(() => assertValidPolicy({ ...valid, ...change }, 'storing')).toThrow(`invalid retry policy for storing: ${problem}`);
  });
});

describe(isStepError.name, () => {
  it.each([null, undefined, 'transient', 42, { kind: 'transient' }, { kind: 'other', message: 'm' }, { message: 'm' }])('refuses %j', (value) => {
    expect(isStepError(value)).toBe(false);
  });
  it('accepts both kinds with a message', () => {
    expect(isStepError({ kind: 'transient', message: 'm' })).toBe(true);
    expect(isStepError({ kind: 'permanent', message: 'm' })).toBe(true);
  });
});
