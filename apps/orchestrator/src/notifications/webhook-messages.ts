import type { HistoryEntry, OutboxMessage, Projection, TransitionInfo } from '@cashflow/workflow-engine';

export const WEBHOOK_TOPIC = 'webhook';

/**
 * One webhook per meaningful transition, typed after its history entry (`workflow.step_failed`,
 * `workflow.completed`...). The payload is what a front end needs to update without calling back.
 */
export function webhookMessages(info: TransitionInfo & { projection: Projection; history: HistoryEntry }): OutboxMessage[] {
  const { history, projection } = info;
  if (history.type === 'event_ignored') return [];
  const finished = projection.state === 'completed' || projection.state === 'failed' || projection.state === 'cancelled';
  const type = finished && history.type !== 'cancelled' ? `workflow.${projection.state}` : `workflow.${history.type}`;
  const context = info.next.context as { userId?: string; documentPath?: string };
  return [
    {
      topic: WEBHOOK_TOPIC,
      payload: {
        type,
        data: {
          workflow_id: info.workflowId,
          user_id: context.userId ?? null,
          document_path: context.documentPath ?? null,
          state: projection.state,
          previous_state: history.from_state,
          to_state: history.to_state,
          progress: projection.view,
          error: projection.error ?? null,
          detail: history.detail,
        },
      },
    },
  ];
}
