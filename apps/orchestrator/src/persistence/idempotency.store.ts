import type { SqlFunctionCaller } from './sql-database.js';

export interface IdempotencyReservation {
  /** True when this call bound the key; false when an earlier request had. */
  reserved: boolean;
  request_hash: string;
  workflow_id: string;
  age_ms: number;
}

/** Idempotency keys bound to the request that first used them (cf_reserve_idempotency_key). */
export class IdempotencyStore {
  constructor(private readonly db: SqlFunctionCaller) {}

  reserve(params: { scope: string; key: string; requestHash: string; workflowId: string }): Promise<IdempotencyReservation> {
    return this.db.call('cf_reserve_idempotency_key', {
      scope: params.scope,
      key: params.key,
      request_hash: params.requestHash,
      workflow_id: params.workflowId,
    });
  }

  /** Unbinds a key whose workflow was never created (its request failed), so a retry is not taken as in flight. */
  async release(params: { scope: string; key: string; workflowId: string }): Promise<void> {
    await this.db.call('cf_release_idempotency_key', { scope: params.scope, key: params.key, workflow_id: params.workflowId });
  }
}
