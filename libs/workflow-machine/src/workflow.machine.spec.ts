import { getAdjacencyMap, getShortestPaths } from '@xstate/graph';
import { initialTransition, transition, type AnyStateNode, type SnapshotFrom } from 'xstate';
import { STEPS, type StepName } from './retry-policy.js';
import { workflowMachine } from './workflow.machine.js';
import { toWorkflowView } from './workflow-view.js';
import type { WorkflowInput } from './workflow.types.js';

type Snapshot = SnapshotFrom<typeof workflowMachine>;
type AnyEvent = { type: string; [key: string]: unknown };

const ACTORS: Record<StepName, string> = { extracting: 'extractDocument', analyzing: 'analyzeTransactions', storing: 'storeResults' };
const OUTPUTS: Record<StepName, unknown> = {
  extracting: { account: { id: 'FR76' }, period: { start: '2024-01-01', end: '2024-01-31' }, currency: 'EUR', transactions: [{ id: 't1', date: '2024-01-02', amount: '-6.60', currency: 'EUR', label: 'CB CARREFOUR' }] },
  analyzing: { transactions: [{ id: 't1', category: 'groceries', confidence: 0.9 }], summary: { income: '0.00', expenses: '6.60', net: '-6.60', by_category: {}, by_month: {} } },
  storing: { transactionsStored: 1 },
};
const input: WorkflowInput = { workflowId: 'wf-1', userId: 'u-1', documentPath: 'a.ofx', retryPolicy: { maxAttempts: 2, jitter: 0 } };

const done = (step: StepName) => ({ type: `xstate.done.actor.${ACTORS[step]}`, output: OUTPUTS[step], actorId: ACTORS[step] });
const fail = (step: StepName, kind: 'transient' | 'permanent', extra: object = {}) => ({
  type: `xstate.error.actor.${ACTORS[step]}`,
  error: { kind, message: `${kind} failure`, ...extra },
  actorId: ACTORS[step],
});
// A missed deadline on the step's task reaches the machine as the step's error (the engine enforces it).
const timeout = (step: StepName) => fail(step, 'transient', { code: 'STEP_TIMEOUT', message: `${step} did not finish in time` });
const retryDue = (step: StepName) => ({ type: `xstate.after.retryDelay.statementWorkflow.${step}.waiting` });

const allEvents: AnyEvent[] = [
  { type: 'START' },
  { type: 'CANCEL', reason: 'user asked' },
  { type: 'RETRY' },
  ...STEPS.flatMap((step) => [done(step), fail(step, 'transient'), fail(step, 'permanent'), timeout(step), retryDue(step)]),
];

function run(events: AnyEvent[], machineInput = input): Snapshot {
  let [snapshot] = initialTransition(workflowMachine, machineInput);
  for (const event of events) [snapshot] = transition(workflowMachine, snapshot, event as never);
  return snapshot;
}

function allStateNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => allStateNodes(child as AnyStateNode))];
}

function transitionKey(t: { source: AnyStateNode; eventType: string }, index: number): string {
  return `${t.source.id} --${t.eventType}[${index}]`;
}

const serializeState = (s: Snapshot) =>
  JSON.stringify([s.value, s.context.attempts, s.context.failure?.step ?? null, s.status]);

describe('workflowMachine', () => {
  describe('model-based walk', () => {
    const adjacency = getAdjacencyMap(workflowMachine, {
      input,
      events: allEvents as never,
      serializeState: serializeState as never,
    });

    it('takes every transition the machine defines at least once', () => {
      const defined = new Set<string>();
      for (const node of allStateNodes(workflowMachine.root)) {
        for (const [, list] of node.transitions) list.forEach((t, i) => defined.add(transitionKey(t, i)));
      }
      const taken = new Set<string>();
      for (const { state, transitions } of Object.values(adjacency)) {
        for (const { event } of Object.values(transitions) as Array<{ event: AnyEvent }>) {
          for (const t of workflowMachine.getTransitionData(state as Snapshot, event as never)) {
            const list = t.source.transitions.get(t.eventType)!;
            taken.add(transitionKey(t, list.indexOf(t)));
          }
        }
      }
      expect([...defined].filter((key) => !taken.has(key))).toEqual([]);
      expect(defined.size).toBeGreaterThan(20);
    });

    it('keeps every reachable state JSON-serialisable and consistent with its public view', () => {
      for (const { state } of Object.values(adjacency)) {
        const snapshot = state as Snapshot;
        const persisted = JSON.parse(JSON.stringify(workflowMachine.getPersistedSnapshot(snapshot)));
        expect(persisted.context).toEqual(snapshot.context);
        const view = toWorkflowView(snapshot);
        for (const step of STEPS) expect(snapshot.context.attempts[step]).toBeLessThanOrEqual(2);
        if (view.phase === 'waiting') expect(view.nextRetryAt).not.toBeNull();
        if (view.state === 'failed') expect(view.error?.step).toBeDefined();
      }
    });

    it('reaches every public state', () => {
      const paths = getShortestPaths(workflowMachine, { input, events: allEvents as never, serializeState: serializeState as never });
      const reached = new Set(paths.map((p) => toWorkflowView(p.state as Snapshot).state));
      expect([...reached].sort()).toEqual(['analyzing', 'cancelled', 'completed', 'extracting', 'failed', 'received', 'storing']);
    });
  });

  it('runs the three steps in order and completes with every output', () => {
    const snapshot = run([{ type: 'START' }, done('extracting'), done('analyzing'), done('storing')]);
    expect(snapshot.status).toBe('done');
    expect(toWorkflowView(snapshot).results).toEqual({ extraction: OUTPUTS.extracting, analysis: OUTPUTS.analyzing, storage: OUTPUTS.storing });
  });

  it('invokes each step with an idempotency key naming workflow, step and attempt', () => {
    const [first] = initialTransition(workflowMachine, input);
    const [, actions] = transition(workflowMachine, first, { type: 'START' });
    const spawn = actions.find((a) => a.type === 'xstate.spawnChild') as unknown as { params: { input: Record<string, unknown> } };
    expect(spawn.params.input).toMatchObject({ idempotencyKey: 'wf-1:extracting:1', documentPath: 'a.ofx', attempt: 1 });
  });

  it('waits with backoff after a transient error, then runs the next attempt', () => {
    const waiting = run([{ type: 'START' }, fail('extracting', 'transient', { httpStatus: 503 })]);
    const view = toWorkflowView(waiting);
    expect(view).toMatchObject({ state: 'extracting', phase: 'waiting', attempt: 1 });
    expect(waiting.context.retry?.delayMs).toBe(1000);
    const [again, actions] = transition(workflowMachine, waiting, retryDue('extracting') as never);
    expect(toWorkflowView(again)).toMatchObject({ phase: 'running', attempt: 2 });
    expect(actions.map((a) => a.type)).toContain('xstate.spawnChild');
  });

  it('honours Retry-After when it asks for longer than the backoff', () => {
    const waiting = run([{ type: 'START' }, fail('extracting', 'transient', { retryAfterMs: 7000 })]);
    expect(waiting.context.retry?.delayMs).toBe(7000);
  });

  it('fails at once on a permanent error, recording step, attempt, kind and reason', () => {
    const failed = run([{ type: 'START' }, done('extracting'), fail('analyzing', 'permanent', { code: 'HTTP_422', httpStatus: 422 })]);
    expect(toWorkflowView(failed).error).toMatchObject({ step: 'analyzing', attempt: 1, kind: 'permanent', code: 'HTTP_422' });
  });

  it('fails after the last allowed attempt', () => {
    const failed = run([{ type: 'START' }, fail('extracting', 'transient'), retryDue('extracting'), timeout('extracting')]);
    expect(toWorkflowView(failed)).toMatchObject({ state: 'failed', error: { step: 'extracting', attempt: 2, code: 'STEP_TIMEOUT' } });
  });

  it('redrives a failed workflow from the failed step, keeping earlier outputs', () => {
    const failed = run([{ type: 'START' }, done('extracting'), done('analyzing'), fail('storing', 'permanent')]);
    const [redriven, actions] = transition(workflowMachine, failed, { type: 'RETRY' });
    expect(toWorkflowView(redriven)).toMatchObject({ state: 'storing', phase: 'running', attempt: 1, error: null });
    expect(redriven.context.extraction).toEqual(OUTPUTS.extracting);
    expect(redriven.context.redrives).toBe(1);
    const spawn = actions.find((a) => a.type === 'xstate.spawnChild') as unknown as { params: { src: string } };
    expect(spawn.params.src).toBe('storeResults');
  });

  it('accepts CANCEL in every non-final state and nothing after a final one', () => {
    for (const events of [[], [{ type: 'START' }], [{ type: 'START' }, fail('extracting', 'transient')], [{ type: 'START' }, fail('extracting', 'permanent')]]) {
      const snapshot = run(events);
      expect(snapshot.can({ type: 'CANCEL' })).toBe(true);
      expect(toWorkflowView(transition(workflowMachine, snapshot, { type: 'CANCEL' })[0]).state).toBe('cancelled');
    }
    const completed = run([{ type: 'START' }, done('extracting'), done('analyzing'), done('storing')]);
    expect(completed.status).toBe('done');
    for (const type of ['CANCEL', 'RETRY'] as const) {
      const [after, actions] = transition(workflowMachine, completed, { type });
      expect(toWorkflowView(after).state).toBe('completed');
      expect(actions).toEqual([]);
    }
  });

  it('accepts RETRY only in failed', () => {
    expect(run([{ type: 'START' }]).can({ type: 'RETRY' })).toBe(false);
    expect(run([{ type: 'START' }, fail('extracting', 'permanent')]).can({ type: 'RETRY' })).toBe(true);
  });

  it('stops the running step when cancelled', () => {
    const running = run([{ type: 'START' }]);
    const [, actions] = transition(workflowMachine, running, { type: 'CANCEL' });
    expect(actions.map((a) => a.type)).toEqual(['xstate.stopChild']);
  });

  it('gives each attempt its deadline in the step input, and arms no timer of its own for it', () => {
    const [, actions] = transition(workflowMachine, run([]), { type: 'START' });
    expect(actions.map((a) => a.type)).toEqual(['xstate.spawnChild']);
    expect((actions[0] as unknown as { params: { input: { timeoutMs: number } } }).params.input.timeoutMs).toBe(30_000);
  });
});
