import { ownerFilter, type Owner } from './owner.js';
import type { SqlFunctionCaller } from './sql-database.js';
import type { LoadedWorkflowRecord, WorkflowSummaryRow } from './workflow.store.js';

export type { WorkflowSummaryRow } from './workflow.store.js';

export interface HistoryRow {
  seq: number;
  type: string;
  from_state: string | null;
  to_state: string;
  detail: Record<string, unknown>;
  replica: string | null;
  created_at: string;
}

export interface StoredTransaction {
  id: string;
  date: string;
  amount: string;
  currency: string;
  label: string;
  category: string | null;
  confidence: number | null;
}

export interface ListWorkflowsQuery {
  state?: string;
  limit: number;
  before?: { createdAt: string; id: string };
}

/**
 * What the API reads of a user's data. The owner is the first, required parameter of every method and is
 * applied in SQL: another user's workflow reads exactly like an unknown one. The engine's own store
 * (workflow.store.ts) stays free of owners; nothing outside the engine reads through it.
 */
export class UserDataStore {
  constructor(private readonly db: SqlFunctionCaller) {}

  getWorkflow(owner: Owner, workflowId: string): Promise<LoadedWorkflowRecord | null> {
    return this.db.call('cf_get_workflow', { workflow_id: workflowId, user_id: ownerFilter(owner) });
  }

  listWorkflows(owner: Owner, query: ListWorkflowsQuery): Promise<WorkflowSummaryRow[]> {
    return this.db.call('cf_list_workflows', {
      user_id: ownerFilter(owner),
      state: query.state ?? null,
      limit: query.limit,
      before_created_at: query.before?.createdAt ?? null,
      before_id: query.before?.id ?? null,
    });
  }

  history(owner: Owner, workflowId: string, afterSeq = 0): Promise<HistoryRow[]> {
    return this.db.call('cf_workflow_history', { workflow_id: workflowId, user_id: ownerFilter(owner), after_seq: afterSeq });
  }

  /** One page in (date, id) order, after `after` (the last row of the previous page). */
  transactions(owner: Owner, workflowId: string, page: { limit: number; after?: { date: string; id: string } }): Promise<StoredTransaction[]> {
    return this.db.call('cf_list_transactions', {
      workflow_id: workflowId,
      user_id: ownerFilter(owner),
      limit: page.limit,
      after_date: page.after?.date ?? null,
      after_id: page.after?.id ?? null,
    });
  }

  webhookDeliveries(owner: Owner, workflowId: string): Promise<unknown[]> {
    return this.db.call('cf_list_outbox', { workflow_id: workflowId, user_id: ownerFilter(owner) });
  }
}
