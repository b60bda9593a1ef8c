import { WorkflowEngine } from '@cashflow/workflow-engine';
import type { RetryPolicyOverrides, WorkflowInput } from '@cashflow/workflow-machine';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { startingAs } from '../auth/audit-actor.js';
import { actingUserId, auditActor, principalKey, readerOwner, type Principal } from '../auth/principal.js';
import type { Owner } from '../persistence/owner.js';
import { UserDataStore } from '../persistence/user-data.store.js';
import { DEFAULT_TRANSACTIONS_PAGE, type TransactionsPageQuery } from './dto/transactions-page.query.js';
import { decodeTransactionCursor, encodeTransactionCursor } from './transactions-cursor.js';
import type { ListWorkflowsQuery } from './dto/list-workflows.query.js';
import type { RetryPolicyDto, StartWorkflowDto } from './dto/start-workflow.dto.js';
import type { StoredTransactionsPage, WorkflowHistoryResponse, WorkflowPage, WorkflowResponse } from './dto/workflow.response.js';
import { ProblemException } from '@cashflow/nest-http';
import { IdempotentStart, type StartOutcome } from './idempotency/idempotent-start.js';
import { requestFingerprint } from './idempotency/request-fingerprint.js';
import { confineDocumentPath, isInUserFolder } from './upload/document-storage.js';
import { presentWorkflow } from './workflow.presenter.js';

function toOverrides(dto?: RetryPolicyDto): RetryPolicyOverrides {
  if (!dto) return {};
  const overrides: RetryPolicyOverrides = {
    maxAttempts: dto.max_attempts,
    initialDelayMs: dto.initial_delay_ms,
    backoffFactor: dto.backoff_factor,
    maxDelayMs: dto.max_delay_ms,
    jitter: dto.jitter,
    timeoutMs: dto.timeout_ms,
  };
  return Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
}

function encodeCursor(row: { created_at: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.created_at, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error();
    return { createdAt, id };
  } catch {
    throw ProblemException.badRequest('cursor is not a next_cursor this API returned', [{ field: 'cursor', messages: ['invalid cursor'] }]);
  }
}

@Injectable()
export class WorkflowService {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly reads: UserDataStore,
    private readonly idempotent: IdempotentStart,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts a workflow for the acting user (a signed-in user, or the user a service names), or replays the one
   * this Idempotency-Key already started: keys are scoped per principal (principalKey).
   */
  async start(principal: Principal, dto: StartWorkflowDto, idempotencyKey?: string): Promise<{ created: boolean; workflow: WorkflowResponse }> {
    const userId = actingUserId(principal, dto.user_id);
    const resolved = confineDocumentPath(this.config.documentsDir, dto.document_path);
    if (principal.kind === 'user' && !isInUserFolder(this.config.documentsDir, userId, resolved)) {
      throw new ProblemException({
        type: '/problems/forbidden',
        title: 'Forbidden',
        status: 403,
        detail: 'a user may only start workflows on documents of their own upload folder (POST /workflow/upload)',
        errors: [{ field: 'document_path', messages: ['document_path is outside your upload folder'] }],
      });
    }
    const requestHash = requestFingerprint('start', { ...dto, user_id: userId });
    const outcome = await this.idempotent.run(
      { scope: principalKey(principal, userId), key: idempotencyKey, requestHash },
      (id) => this.createWorkflow(principal, id, userId, dto, idempotencyKey),
      (row) => row.document_path === dto.document_path,
    );
    return { created: outcome.created, workflow: presentWorkflow(outcome.workflow) };
  }

  /** Creates the workflow under `id` (the engine answers the existing one when the key already made one). */
  async createWorkflow(principal: Principal, id: string, userId: string, dto: StartWorkflowDto, idempotencyKey?: string): Promise<StartOutcome> {
    const overrides = toOverrides(dto.retry_policy);
    const { timeoutMs, ...defaults } = this.config.retry;
    const input: WorkflowInput = {
      workflowId: id,
      userId,
      documentPath: dto.document_path,
      retryPolicy: { ...defaults, timeoutMs, ...overrides },
      createdAt: new Date().toISOString(),
    };
    try {
      return (await startingAs(id, auditActor(principal), () =>
        this.engine.start({ id, input, attributes: { user_id: userId, document_path: dto.document_path }, idempotencyKey }))) as unknown as StartOutcome;
    } catch (error) {
      if (error instanceof RangeError) throw ProblemException.badRequest(error.message, [{ field: 'retry_policy', messages: [error.message] }]);
      throw error;
    }
  }

  async get(principal: Principal, id: string): Promise<WorkflowResponse> {
    const loaded = await this.load(readerOwner(principal), id);
    return presentWorkflow(loaded.workflow, true, loaded.tasks);
  }

  async list(principal: Principal, query: ListWorkflowsQuery): Promise<WorkflowPage> {
    const limit = query.limit ?? 50;
    const rows = await this.reads.listWorkflows(readerOwner(principal, query.user_id), {
      state: query.state,
      limit: limit + 1,
      before: query.cursor ? decodeCursor(query.cursor) : undefined,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => presentWorkflow(row, false)),
      next_cursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
    };
  }

  async history(principal: Principal, id: string): Promise<WorkflowHistoryResponse> {
    const owner = readerOwner(principal);
    await this.load(owner, id);
    return { workflow_id: id, events: await this.reads.history(owner, id) };
  }

  async storedTransactions(principal: Principal, id: string, query: TransactionsPageQuery): Promise<StoredTransactionsPage> {
    const owner = readerOwner(principal);
    await this.load(owner, id);
    const limit = query.limit ?? DEFAULT_TRANSACTIONS_PAGE;
    const rows = await this.reads.transactions(owner, id, {
      limit: limit + 1,
      after: query.cursor ? decodeTransactionCursor(query.cursor) : undefined,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { workflow_id: id, transactions: page, next_cursor: rows.length > limit && last ? encodeTransactionCursor(last) : null };
  }

  cancel(principal: Principal, id: string, reason?: string): Promise<WorkflowResponse> {
    return this.command(principal, id, { type: 'CANCEL', ...(reason ? { reason } : {}) }, 'cancelled');
  }

  retry(principal: Principal, id: string): Promise<WorkflowResponse> {
    return this.command(principal, id, { type: 'RETRY' }, 'redriven');
  }

  /** Another user's workflow answers exactly as an unknown id does. */
  private async load(owner: Owner, id: string) {
    const loaded = await this.reads.getWorkflow(owner, id);
    if (!loaded) throw ProblemException.notFound(`no workflow with id ${id}`);
    return loaded;
  }

  private async command(principal: Principal, id: string, event: { type: 'CANCEL' | 'RETRY'; reason?: string }, verb: string): Promise<WorkflowResponse> {
    // A workflow never changes owner, so checking it before sending the command leaves no gap.
    await this.load(readerOwner(principal), id);
    // The event carries who asked into its history entry (workflow-history.ts); the machine ignores the field.
    const command = { ...event, actor: auditActor(principal) };
    const result = await this.engine.send(id, command);
    if (result.status === 'not_found') throw ProblemException.notFound(`no workflow with id ${id}`);
    if (result.status === 'rejected') {
      const hint = event.type === 'RETRY' ? 'only a failed workflow can be retried' : 'a completed or cancelled workflow cannot be cancelled';
      throw ProblemException.conflict(`workflow ${id} cannot be ${verb} in state ${result.state}: ${hint}`, { state: result.state });
    }
    return this.get(principal, id);
  }
}
