import { ProblemException } from '@cashflow/nest-http';
import type { WorkflowRecord } from '../../persistence/workflow.store.js';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { IdempotencyStore } from '../../persistence/idempotency.store.js';
import { WorkflowStore } from '../../persistence/workflow.store.js';

/** Longer than any start takes between binding its key and committing its workflow. */
export const IN_FLIGHT_MS = 30_000;

export interface IdempotentRequest {
  /** Whose keys these are: requests of one scope share a key space. Today the user_id; the principal once there is one. */
  scope: string;
  key: string | undefined;
  /** requestFingerprint() of the request. */
  requestHash: string;
}

export type StartOutcome = { created: boolean; workflow: WorkflowRecord };

function keyReusedProblem(key: string, workflowId: string): ProblemException {
  return new ProblemException({
    type: '/problems/idempotency-key-reused',
    title: 'Idempotency-Key reused',
    status: 422,
    detail: `Idempotency-Key "${key}" was already used for a different request`,
    errors: [{ field: 'Idempotency-Key', messages: ['already used for a different request'] }],
    workflow_id: workflowId,
  });
}

/**
 * Idempotency as draft-ietf-httpapi-idempotency-key-header: the first request binds its key to its fingerprint
 * and to the id its workflow will get; the same key with the same request replays that workflow, with another
 * request it is a 422, and while the first is still in flight a 409. Nothing is created for a refused request.
 */
@Injectable()
export class IdempotentStart {
  constructor(
    private readonly keys: IdempotencyStore,
    private readonly workflows: WorkflowStore,
  ) {}

  /** `create` makes the workflow under the id given; it is called at most once, and never for a refused request. */
  async run(request: IdempotentRequest, create: (workflowId: string) => Promise<StartOutcome>, sameLegacyRequest: (row: WorkflowRecord) => boolean): Promise<StartOutcome> {
    if (!request.key) return create(uuidv7());
    const binding = await this.keys.reserve({ scope: request.scope, key: request.key, requestHash: request.requestHash, workflowId: uuidv7() });
    if (binding.request_hash !== request.requestHash) throw keyReusedProblem(request.key, binding.workflow_id);
    if (!binding.reserved) {
      const existing = await this.workflows.getWorkflow(binding.workflow_id);
      if (existing) return { created: false, workflow: existing.workflow };
      if (binding.age_ms < IN_FLIGHT_MS) {
        throw ProblemException.conflict(`a request with Idempotency-Key "${request.key}" is still being processed; repeat it later`, { retry_after_ms: IN_FLIGHT_MS - binding.age_ms });
      }
      // Older than any start: its process died between binding the key and creating the workflow. Take over.
    }
    let outcome: StartOutcome;
    try {
      outcome = await create(binding.workflow_id);
    } catch (error) {
      await this.keys.release({ scope: request.scope, key: request.key, workflowId: binding.workflow_id }).catch(() => undefined);
      throw error;
    }
    // A workflow made with this key before keys were bound to requests (migration 009) has another id: the
    // binding would point at nothing, so it goes, and the key is judged by what that workflow holds.
    if (!outcome.created && outcome.workflow.id !== binding.workflow_id) {
      await this.keys.release({ scope: request.scope, key: request.key, workflowId: binding.workflow_id });
      if (!sameLegacyRequest(outcome.workflow)) throw keyReusedProblem(request.key, outcome.workflow.id);
    }
    return outcome;
  }
}
