import type { HistoryEntry, Projection, TransitionInfo } from '@cashflow/workflow-engine';
import { toWorkflowView, type WorkflowView } from '@cashflow/workflow-machine';
import type { AnyMachineSnapshot } from 'xstate';
import { actorOf } from '../auth/audit-actor.js';

type Snapshot = Parameters<typeof toWorkflowView>[0];

export function projectWorkflow(snapshot: AnyMachineSnapshot): Projection {
  const view = toWorkflowView(snapshot as unknown as Snapshot);
  return {
    state: view.state,
    error: view.error,
    results: view.results,
    view: {
      step: view.step,
      phase: view.phase,
      attempt: view.attempt,
      max_attempts: view.maxAttempts,
      next_retry_at: view.nextRetryAt,
      last_error: view.lastError,
    },
  };
}

function stateLabel(view: WorkflowView): string {
  return view.phase ? `${view.state}.${view.phase}` : view.state;
}

function eventKind(eventType: string, previous: WorkflowView | null, next: WorkflowView): string {
  if (eventType === 'xstate.init') return 'created';
  if (eventType === 'START') return 'started';
  if (eventType === 'CANCEL') return 'cancelled';
  if (eventType === 'RETRY') return 'redriven';
  if (eventType.startsWith('xstate.done.actor.')) return 'step_succeeded';
  if (eventType.startsWith('xstate.error.actor.')) return 'step_failed';
  if (eventType.includes('.stepTimeout.')) return 'step_timed_out';
  if (eventType.includes('.retryDelay.')) return 'retry_started';
  return previous && previous.state === next.state && previous.phase === next.phase ? 'event_ignored' : eventType;
}

/** One history row per committed transition: what happened, the step and attempt, the error, the wait. */
export function describeTransition(info: TransitionInfo): HistoryEntry {
  const previous = info.previous ? toWorkflowView(info.previous as unknown as Snapshot) : null;
  const next = toWorkflowView(info.next as unknown as Snapshot);
  const type = eventKind(info.event.type, previous, next);
  const failedStep = previous?.step ?? null;
  const detail: Record<string, unknown> = { event: info.event.type };
  if (type === 'step_succeeded') Object.assign(detail, { step: failedStep, attempt: previous?.attempt });
  if (type === 'step_failed' || type === 'step_timed_out') {
    Object.assign(detail, { step: failedStep, attempt: previous?.attempt, error: next.lastError, will_retry: next.phase === 'waiting' });
  }
  if (next.phase === 'waiting') Object.assign(detail, { next_retry_at: next.nextRetryAt, delay_ms: (info.next.context as { retry?: { delayMs: number } }).retry?.delayMs });
  if (next.phase === 'running') Object.assign(detail, { running: next.step, attempt: next.attempt, max_attempts: next.maxAttempts });
  if (next.state === 'failed') detail.failure = next.error;
  if (type === 'cancelled') detail.reason = (info.event as { reason?: string }).reason ?? null;
  // Commands (start, cancel, retry) record who asked: a user id or an API key's name, never a credential.
  const actor = actorOf(info);
  if (actor) detail.actor = actor;
  return { type, from_state: previous ? stateLabel(previous) : null, to_state: stateLabel(next), detail };
}
