import type {
  ClaimedWork,
  CommitResult,
  CommitTransitionParams,
  CreateWorkflowParams,
  CreateWorkflowResult,
  EngineStore,
  LoadedWorkflow,
  RecordEventParams,
} from '@cashflow/workflow-engine';
import type { SqlFunctionCaller } from './sql-database.js';

/**
 * The engine's store: each method is one SQL function of migrations/. It reads workflows without an owner, as the
 * engine must; the API reads users' data through UserDataStore, whose every method takes one.
 */
export class WorkflowStore implements EngineStore {
  constructor(private readonly db: SqlFunctionCaller) {}

  createWorkflow(params: CreateWorkflowParams): Promise<CreateWorkflowResult> {
    return this.db.call('cf_start_workflow', params);
  }

  commitTransition(params: CommitTransitionParams): Promise<CommitResult> {
    return this.db.call('cf_commit_transition', params);
  }

  commitTransitions(params: CommitTransitionParams[]): Promise<CommitResult[]> {
    return this.db.call('cf_commit_transitions', { items: params });
  }

  recordEvent(params: RecordEventParams): Promise<{ ok: boolean }> {
    return this.db.call('cf_record_event', params);
  }

  getWorkflow(workflowId: string, userId?: string): Promise<LoadedWorkflow | null> {
    return this.db.call('cf_get_workflow', { workflow_id: workflowId, user_id: userId ?? null });
  }

  claimWork(owner: string, limit: number, leaseMs: number): Promise<ClaimedWork> {
    return this.db.call('cf_claim_work', { owner, limit, lease_ms: leaseMs });
  }

  async renewLeases(owner: string, taskIds: string[], leaseMs: number): Promise<string[]> {
    const result = await this.db.call<{ renewed: string[] }>('cf_renew_leases', { owner, task_ids: taskIds, lease_ms: leaseMs });
    return result.renewed;
  }

  async releaseLeases(owner: string): Promise<void> {
    await this.db.call('cf_release_leases', { owner });
  }
}
