import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { assertValidPolicy, DEFAULT_RETRY_POLICY, jitterFraction, STEPS, type StepName } from './retry-policy.js';
import { STEP_ACTORS, workflowMachine, type HistoryKind } from './workflow.machine.js';
import type { WorkflowInput } from './workflow.types.js';

// What hosts read off a transition: the history kind in its `meta`, the actions it runs, the delay it schedules.
type Snapshot = SnapshotFrom<typeof workflowMachine>;
type AnyEvent = { type: string; [key: string]: unknown };

const input: WorkflowInput = { workflowId: 'wf-7', userId: 'u-7', documentPath: 'a.ofx', retryPolicy: { maxAttempts: 2, jitter: 0, initialDelayMs: 700 } };
const OUTPUTS: Record<StepName, unknown> = {
  extracting: { ref: { output: 'extractDocument' }, account: {}, period: { start: null, end: null }, currency: 'EUR', transaction_count: 0 },
  analyzing: { ref: { output: 'analyzeTransactions' }, transaction_count: 0, summary: { income: '0.00', expenses: '0.00', net: '0.00', by_category: {}, by_month: {} } },
  storing: { transactionsStored: 0 },
};
const done = (step: StepName) => ({ type: `xstate.done.actor.${STEP_ACTORS[step]}`, output: OUTPUTS[step], actorId: STEP_ACTORS[step] });
const fail = (step: StepName, kind = 'transient') => ({ type: `xstate.error.actor.${STEP_ACTORS[step]}`, error: { kind, message: 'boom' }, actorId: STEP_ACTORS[step] });
const retryDue = (step: StepName) => ({ type: `xstate.after.retryDelay.statementWorkflow.${step}.waiting` });
const upTo = (step: StepName): AnyEvent[] => [{ type: 'START' }, ...STEPS.slice(0, STEPS.indexOf(step)).map(done)];

function snapshotAfter(events: AnyEvent[]): Snapshot {
  let [snapshot] = initialTransition(workflowMachine, input);
  for (const event of events) [snapshot] = transition(workflowMachine, snapshot, event as never);
  return snapshot;
}

/** The history kinds of the transitions `event` takes from the snapshot after `before`, as a host reads them. */
function historyOf(before: AnyEvent[], event: AnyEvent): Array<HistoryKind | undefined> {
  const taken = workflowMachine.getTransitionData(snapshotAfter(before) as never, event as never);
  return taken.map((t) => (t.meta as { history?: HistoryKind } | undefined)?.history);
}

describe('workflowMachine transition meta', () => {
  it('names the start', () => {
    expect(historyOf([], { type: 'START' })).toEqual(['started']);
  });

  describe.each(STEPS)('%s', (step) => {
    it('names a success, a failure with or without a retry left, and the retry starting', () => {
      expect(historyOf(upTo(step), done(step))).toEqual(['step_succeeded']);
      expect(historyOf(upTo(step), fail(step))).toEqual(['step_failed']);
      expect(historyOf([...upTo(step), fail(step), retryDue(step)], fail(step))).toEqual(['step_failed']);
      expect(historyOf([...upTo(step), fail(step)], retryDue(step))).toEqual(['retry_started']);
    });

    it.each(['running', 'waiting'])('names a cancel from %s', (phase) => {
      const before = [...upTo(step), ...(phase === 'waiting' ? [fail(step)] : [])];
      expect(historyOf(before, { type: 'CANCEL' })).toEqual(['cancelled']);
    });

    it('names a redrive from the step that failed', () => {
      expect(historyOf([...upTo(step), fail(step, 'permanent')], { type: 'RETRY' })).toEqual(['redriven']);
    });

    it('schedules the retry with the policy delay, not at once', () => {
      const [, actions] = transition(workflowMachine, snapshotAfter(upTo(step)), fail(step) as never);
      const raise = actions.find((a) => a.type === 'xstate.raise') as unknown as { params: { delay: number; event: { type: string } } };
      expect(raise.params).toMatchObject({ delay: 700, event: retryDue(step) });
    });
  });

  it.each([
    ['received', []],
    ['failed', [{ type: 'START' }, fail('extracting', 'permanent')]],
  ])('names a cancel from %s and records when and why', (_state, before: AnyEvent[]) => {
    expect(historyOf(before, { type: 'CANCEL' })).toEqual(['cancelled']);
    const cancelled = snapshotAfter([...before, { type: 'CANCEL', at: '2024-03-01T10:00:00.000Z', reason: 'duplicate upload' }]);
    expect(cancelled.context).toMatchObject({ cancelledAt: '2024-03-01T10:00:00.000Z', cancelReason: 'duplicate upload' });
  });

  it('takes no transition for an event a state does not handle', () => {
    expect(historyOf(upTo('analyzing'), { type: 'RETRY' })).toEqual([]);
  });
});

describe(jitterFraction.name, () => {
  // FNV-1a 32-bit reference values: the offset basis for the empty string, and the published vector for "a".
  it('is FNV-1a over every character, scaled to [0, 1)', () => {
    expect(jitterFraction('')).toBe(0x811c9dc5 / 2 ** 32);
    expect(jitterFraction('a')).toBe(0xe40c292c / 2 ** 32);
    expect(jitterFraction('foobar')).toBe(0xbf9cf968 / 2 ** 32);
  });
});

describe(`${assertValidPolicy.name} message`, () => {
  it('lists every problem, separated', () => {
    expect(() => assertValidPolicy({ ...DEFAULT_RETRY_POLICY, maxAttempts: 0, timeoutMs: 0 }, 'analyzing')).toThrow(
      'invalid retry policy for analyzing: maxAttempts must be an integer >= 1; timeoutMs must be > 0',
    );
  });
});
