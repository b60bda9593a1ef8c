import { initialTransition, transition } from 'xstate';
import { workflowMachine } from './workflow.machine.js';

const input = { workflowId: 'wf-det', userId: 'u', documentPath: 'a.csv', createdAt: '2024-05-01T10:00:00.000Z', retryPolicy: { jitter: 0.5 } };
const at = (s: number) => new Date(Date.UTC(2024, 4, 1, 10, 0, s)).toISOString();

/** Everything a transition decides, as the engine persists and executes it (an action's `info` names the throwaway actor XState made). */
function outcome(events: Array<Record<string, unknown>>) {
  let [snapshot] = initialTransition(workflowMachine, input);
  const all: unknown[] = [];
  for (const event of events) {
    let actions;
    [snapshot, actions] = transition(workflowMachine, snapshot, event as never);
    all.push(actions.map((a) => ({ type: a.type, params: (a as { params?: unknown }).params })));
  }
  return JSON.stringify({ snapshot: workflowMachine.getPersistedSnapshot(snapshot), actions: all });
}

describe('workflowMachine determinism', () => {
  const failure = { type: 'xstate.error.actor.extractDocument', actorId: 'extractDocument', error: { kind: 'transient', message: 'HTTP 503', code: 'HTTP_503' } };
  const path = [
    { type: 'START', at: at(0) },
    { ...failure, at: at(1) },
    { type: 'xstate.after.retryDelay.statementWorkflow.extracting.waiting', at: at(3) },
    { type: 'CANCEL', reason: 'user asked', at: at(4) },
  ];

  it('computes the same snapshot and actions from the same snapshot and events, whenever and however often it runs', async () => {
    const first = outcome(path);
    await new Promise((r) => setTimeout(r, 5));
    expect(outcome(path)).toBe(first);
  });

  it('takes the time of each step from its event, not from the clock', () => {
    const [snapshot] = [path.slice(0, 2)].map((events) => {
      let [s] = initialTransition(workflowMachine, input);
      for (const e of events) [s] = transition(workflowMachine, s, e as never);
      return s;
    });
    expect(snapshot!.context.attemptStartedAt).toBe(at(0));
    expect(snapshot!.context.lastError).toMatchObject({ at: at(1), attempt: 1 });
    expect(snapshot!.context.retry!.dueAt).toBe(new Date(Date.parse(at(1)) + snapshot!.context.retry!.delayMs).toISOString());
  });

  it('draws the retry jitter from the workflow, step and attempt: same inputs, same delay; another workflow, another delay', () => {
    const delayOf = (workflowId: string) => {
      let [s] = initialTransition(workflowMachine, { ...input, workflowId });
      for (const e of path.slice(0, 2)) [s] = transition(workflowMachine, s, e as never);
      return s.context.retry!.delayMs;
    };
    expect(delayOf('wf-a')).toBe(delayOf('wf-a'));
    const delays = new Set(['wf-a', 'wf-b', 'wf-c', 'wf-d', 'wf-e'].map(delayOf));
    expect(delays.size).toBeGreaterThan(1);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(500);
    for (const d of delays) expect(d).toBeLessThanOrEqual(1000);
  });
});
