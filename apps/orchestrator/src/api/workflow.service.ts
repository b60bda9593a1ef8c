import { WorkflowEngine } from '@cashflow/workflow-engine';
import type { RetryPolicyOverrides, WorkflowInput } from '@cashflow/workflow-machine';
import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { startingAs } from '../auth/audit-actor.js';
import { actingUserId, auditActor, readerOwner, type Principal } from '../auth/principal.js';
import type { Owner } from '../persistence/owner.js';
import { UserDataStore, type StoredTransaction } from '../persistence/user-data.store.js';
import type { ListWorkflowsQuery } from './dto/list-workflows.query.js';
import type { RetryPolicyDto, StartWorkflowDto } from './dto/start-workflow.dto.js';
import type { WorkflowHistoryResponse, WorkflowPage, WorkflowResponse } from './dto/workflow.response.js';
import { ProblemException } from '@cashflow/nest-http';
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `principal` is who asks (principalKey(principal) names it for per-principal scopes); the workflow is the acting user's. */
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
    // Time-ordered (v7): consecutive workflows share index pages instead of landing on random ones.
    const id = uuidv7();
    const overrides = toOverrides(dto.retry_policy);
    const { timeoutMs, ...defaults } = this.config.retry;
    const input: WorkflowInput = {
      workflowId: id,
      userId,
      documentPath: dto.document_path,
      retryPolicy: { ...defaults, timeoutMs, ...overrides },
      createdAt: new Date().toISOString(),
    };
    let result;
    try {
      result = await startingAs(id, auditActor(principal), () =>
        this.engine.start({ id, userId, documentPath: dto.document_path, input, idempotencyKey }));
    } catch (error) {
      if (error instanceof RangeError) throw ProblemException.badRequest(error.message, [{ field: 'retry_policy', messages: [error.message] }]);
      throw error;
    }
    if (!result.created && result.workflow.document_path !== dto.document_path) {
      throw ProblemException.conflict('this Idempotency-Key was already used for another document_path', {
        workflow_id: result.workflow.id,
      });
    }
    return { created: result.created, workflow: presentWorkflow(result.workflow) };
  }

  async get(principal: Principal, id: string): Promise<WorkflowResponse> {
    return presentWorkflow((await this.load(readerOwner(principal), id)).workflow);
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

  async storedTransactions(principal: Principal, id: string): Promise<{ workflow_id: string; transactions: StoredTransaction[] }> {
    const owner = readerOwner(principal);
    await this.load(owner, id);
    return { workflow_id: id, transactions: await this.reads.transactions(owner, id) };
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
