import type { HistoryEntry, Projection, TransitionInfo } from '@cashflow/workflow-engine';
import { toWorkflowView, type HistoryKind, type WorkflowView } from '@cashflow/workflow-machine';
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

/** The history kind the machine gave the transition it took (its `meta.history`); none taken: the event was ignored. */
function eventKind(info: TransitionInfo): string {
  if (!info.previous) return 'created';
  const taken = info.machine.getTransitionData(info.previous as never, info.event as never);
  const kind = taken.map((t) => (t.meta as { history?: HistoryKind } | undefined)?.history).find(Boolean);
  // A missed deadline on the step's task reaches the machine as the step's error; the history names it.
  if (kind === 'step_failed' && (info.event as { error?: { code?: string } }).error?.code === 'STEP_TIMEOUT') return 'step_timed_out';
  return kind ?? 'event_ignored';
}

/** One history row per committed transition: what happened, the step and attempt, the error, the wait. */
export function describeTransition(info: TransitionInfo): HistoryEntry {
  const previous = info.previous ? toWorkflowView(info.previous as unknown as Snapshot) : null;
  const next = toWorkflowView(info.next as unknown as Snapshot);
  const type = eventKind(info);
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
