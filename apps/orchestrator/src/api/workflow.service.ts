import { WorkflowEngine } from '@cashflow/workflow-engine';
import type { RetryPolicyOverrides, WorkflowInput } from '@cashflow/workflow-machine';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TransactionsStore } from '../persistence/transactions.store.js';
import { WorkflowStore } from '../persistence/workflow.store.js';
import { DEFAULT_TRANSACTIONS_PAGE, type TransactionsPageQuery } from './dto/transactions-page.query.js';
import { decodeTransactionCursor, encodeTransactionCursor } from './transactions-cursor.js';
import type { ListWorkflowsQuery } from './dto/list-workflows.query.js';
import type { RetryPolicyDto, StartWorkflowDto } from './dto/start-workflow.dto.js';
import type { StoredTransactionsPage, WorkflowHistoryResponse, WorkflowPage, WorkflowResponse } from './dto/workflow.response.js';
import { ProblemException } from '@cashflow/nest-http';
import { IdempotentStart, type StartOutcome } from './idempotency/idempotent-start.js';
import { requestFingerprint } from './idempotency/request-fingerprint.js';
import { confineDocumentPath } from './upload/document-storage.js';
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
    private readonly store: WorkflowStore,
    private readonly transactions: TransactionsStore,
    private readonly idempotent: IdempotentStart,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts a workflow, or replays the one this Idempotency-Key already started. `scope` is whose keys these are
   * (the user today; the authenticated principal once requests carry one).
   */
  async start(dto: StartWorkflowDto, idempotencyKey?: string, scope: string = dto.user_id): Promise<{ created: boolean; workflow: WorkflowResponse }> {
    confineDocumentPath(this.config.documentsDir, dto.document_path);
    const requestHash = requestFingerprint('start', { ...dto });
    const outcome = await this.idempotent.run(
      { scope, key: idempotencyKey, requestHash },
      (id) => this.createWorkflow(id, dto, idempotencyKey),
      (row) => row.document_path === dto.document_path,
    );
    return { created: outcome.created, workflow: presentWorkflow(outcome.workflow) };
  }

  /** Creates the workflow under `id` (the engine answers the existing one when the key already made one). */
  async createWorkflow(id: string, dto: StartWorkflowDto, idempotencyKey?: string): Promise<StartOutcome> {
    const overrides = toOverrides(dto.retry_policy);
    const { timeoutMs, ...defaults } = this.config.retry;
    const input: WorkflowInput = {
      workflowId: id,
      userId: dto.user_id,
      documentPath: dto.document_path,
      retryPolicy: { ...defaults, timeoutMs, ...overrides },
      createdAt: new Date().toISOString(),
    };
    try {
      return (await this.engine.start({ id, input, attributes: { user_id: dto.user_id, document_path: dto.document_path }, idempotencyKey })) as StartOutcome;
    } catch (error) {
      if (error instanceof RangeError) throw ProblemException.badRequest(error.message, [{ field: 'retry_policy', messages: [error.message] }]);
      throw error;
    }
  }

  async get(id: string): Promise<WorkflowResponse> {
    const loaded = await this.store.getWorkflow(id);
    if (!loaded) throw ProblemException.notFound(`no workflow with id ${id}`);
    return presentWorkflow(loaded.workflow, true, loaded.tasks);
  }

  async list(query: ListWorkflowsQuery): Promise<WorkflowPage> {
    const limit = query.limit ?? 50;
    const rows = await this.store.listWorkflows({
      userId: query.user_id,
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

  async history(id: string): Promise<WorkflowHistoryResponse> {
    const loaded = await this.store.getWorkflow(id);
    if (!loaded) throw ProblemException.notFound(`no workflow with id ${id}`);
    return { workflow_id: id, events: await this.store.history(id) };
  }

  async storedTransactions(id: string, query: TransactionsPageQuery): Promise<StoredTransactionsPage> {
    const loaded = await this.store.getWorkflow(id);
    if (!loaded) throw ProblemException.notFound(`no workflow with id ${id}`);
    const limit = query.limit ?? DEFAULT_TRANSACTIONS_PAGE;
    const rows = await this.transactions.list(id, loaded.workflow.user_id, {
      limit: limit + 1,
      after: query.cursor ? decodeTransactionCursor(query.cursor) : undefined,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { workflow_id: id, transactions: page, next_cursor: rows.length > limit && last ? encodeTransactionCursor(last) : null };
  }

  cancel(id: string, reason?: string): Promise<WorkflowResponse> {
    return this.command(id, { type: 'CANCEL', ...(reason ? { reason } : {}) }, 'cancelled');
  }

  retry(id: string): Promise<WorkflowResponse> {
    return this.command(id, { type: 'RETRY' }, 'redriven');
  }

  private async command(id: string, event: { type: 'CANCEL' | 'RETRY'; reason?: string }, verb: string): Promise<WorkflowResponse> {
    const result = await this.engine.send(id, event);
    if (result.status === 'not_found') throw ProblemException.notFound(`no workflow with id ${id}`);
    if (result.status === 'rejected') {
      const hint = event.type === 'RETRY' ? 'only a failed workflow can be retried' : 'a completed or cancelled workflow cannot be cancelled';
      throw ProblemException.conflict(`workflow ${id} cannot be ${verb} in state ${result.state}: ${hint}`, { state: result.state });
    }
    return this.get(id);
  }
}
