import { initialTransition, transition } from 'xstate';
import { toWorkflowView } from './workflow-view.js';
import { workflowMachine } from './workflow.machine.js';

const input = { workflowId: 'wf-v', userId: 'u', documentPath: 'a.ofx', retryPolicy: { maxAttempts: 1 } };
const permanent = { type: 'xstate.error.actor.extractDocument', error: { kind: 'permanent', message: 'unreadable' }, actorId: 'extractDocument' };

function after(...events: object[]) {
  let [snapshot] = initialTransition(workflowMachine, input);
  for (const event of events) [snapshot] = transition(workflowMachine, snapshot, event as never);
  return snapshot;
}

describe(toWorkflowView.name, () => {
  it('shows the failure only while failed: a failed workflow cancelled keeps it as the last error', () => {
    const failed = after({ type: 'START' }, permanent);
    expect(toWorkflowView(failed).error).toMatchObject({ step: 'extracting', message: 'unreadable' });
    const cancelled = toWorkflowView(after({ type: 'START' }, permanent, { type: 'CANCEL' }));
    expect(cancelled).toMatchObject({ state: 'cancelled', error: null, step: null, phase: null, attempt: null, maxAttempts: null });
    expect(cancelled.lastError).toMatchObject({ step: 'extracting', message: 'unreadable' });
  });

  it('shows the running step with its attempt and limit', () => {
    expect(toWorkflowView(after({ type: 'START' }))).toMatchObject({ state: 'extracting', step: 'extracting', phase: 'running', attempt: 1, maxAttempts: 1 });
  });

  it('shows null for a step whose facts a completed snapshot lacks, and drops the references of the others', () => {
    const completed = after({ type: 'START' });
    const view = toWorkflowView({
      value: 'completed',
      context: { ...completed.context, extraction: { ref: { output: 'extractDocument' }, account: {}, period: { start: null, end: null }, currency: null, transaction_count: 0 }, analysis: null, storage: { transactionsStored: 0 } },
    });
    expect(view.results).toEqual({
      extraction: { account: {}, period: { start: null, end: null }, currency: null, transaction_count: 0 },
      analysis: null,
      storage: { transactionsStored: 0 },
    });
  });
});
