import type {
  ClaimedWork,
  CommitResult,
  CommitTransitionParams,
  CreateWorkflowParams,
  CreateWorkflowResult,
  EngineStore,
  LoadedWorkflow,
  TaskProgress,
  RecordEventParams,
  WorkflowRow,
} from '@cashflow/workflow-engine';
import type { SqlFunctionCaller } from './sql-database.js';

/** A workflow row with the host's own columns: who started it, on what, and the projection of its snapshot. */
export interface WorkflowRecord extends WorkflowRow {
  user_id: string;
  document_path: string;
  error: unknown;
  results: unknown;
  view: Record<string, unknown>;
}

export type WorkflowSummaryRow = Omit<WorkflowRecord, 'snapshot' | 'results'>;

export interface LoadedWorkflowRecord extends LoadedWorkflow {
  workflow: WorkflowRecord;
}

/**
 * The engine's store: each method is one SQL function of migrations/. It reads workflows without an owner, as the
 * engine must; the API reads users' data through UserDataStore, whose every method takes one.
 */
export class WorkflowStore implements EngineStore {
  constructor(private readonly db: SqlFunctionCaller) {}

  createWorkflow(params: CreateWorkflowParams): Promise<CreateWorkflowResult & { workflow: WorkflowRecord }> {
    return this.db.call('cf_start_workflow', params);
  }

  commitTransition(params: CommitTransitionParams): Promise<CommitResult> {
    return this.db.call('cf_commit_transition', params);
  }

  commitTransitions(params: CommitTransitionParams[]): Promise<CommitResult[]> {
    return this.db.call('cf_commit_transitions', { items: params });
  }

  getStepOutput(workflowId: string, key: string): Promise<string | null> {
    return this.db.call('cf_get_step_output', { workflow_id: workflowId, key });
  }

  recordEvent(params: RecordEventParams): Promise<{ ok: boolean }> {
    return this.db.call('cf_record_event', params);
  }

  getWorkflow(workflowId: string): Promise<LoadedWorkflowRecord | null> {
    return this.db.call('cf_get_workflow', { workflow_id: workflowId, user_id: null });
  }

  claimWork(owner: string, limit: number, leaseMs: number): Promise<ClaimedWork> {
    return this.db.call('cf_claim_work', { owner, limit, lease_ms: leaseMs });
  }

  async renewLeases(owner: string, taskIds: string[], leaseMs: number): Promise<string[]> {
    const result = await this.db.call<{ renewed: string[] }>('cf_renew_leases', { owner, task_ids: taskIds, lease_ms: leaseMs });
    return result.renewed;
  }

  async reportProgress(owner: string, taskId: string, progress: TaskProgress): Promise<boolean> {
    const result = await this.db.call<{ held: boolean }>('cf_report_progress', { owner, task_id: taskId, progress });
    return result.held;
  }

  async releaseLeases(owner: string): Promise<void> {
    await this.db.call('cf_release_leases', { owner });
  }

  /** Which of these document paths (uploads only) a workflow references; the others may be deleted. */
  referencedDocuments(documentPaths: string[]): Promise<string[]> {
    return this.db.call('cf_referenced_documents', { document_paths: documentPaths });
  }
}
