import type { WorkflowRecord } from '../persistence/workflow.store.js';
import type { WorkflowResponse } from './dto/workflow.response.js';

type Row = Omit<WorkflowRecord, 'snapshot' | 'results'> & { results?: unknown };

/** `running`: the workflow's running step tasks, when read with it; their progress is `progress.detail`. */
export function presentWorkflow(row: Row, includeResults = true, running?: Array<{ progress?: unknown }>): WorkflowResponse {
  const view = (row.view ?? {}) as Record<string, unknown>;
  const detail = running?.find((t) => t.progress)?.progress as { done: number; total: number; unit: string } | undefined;
  return {
    id: row.id,
    workflow_id: row.id,
    user_id: row.user_id,
    document_path: row.document_path,
    state: row.state,
    created_at: row.created_at,
    updated_at: row.updated_at,
    error: (row.error as Record<string, unknown> | null) ?? null,
    ...(includeResults ? { results: (row.results as Record<string, unknown> | null) ?? null } : {}),
    progress: {
      step: (view.step as string) ?? null,
      phase: (view.phase as string) ?? null,
      attempt: (view.attempt as number) ?? null,
      max_attempts: (view.max_attempts as number) ?? null,
      next_retry_at: (view.next_retry_at as string) ?? null,
      ...(running ? { detail: view.phase === 'running' ? (detail ?? null) : null } : {}),
    },
    last_error: (view.last_error as Record<string, unknown>) ?? null,
  };
}
