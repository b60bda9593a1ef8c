import { ProblemException } from '@cashflow/nest-http';
import { Injectable, Logger } from '@nestjs/common';
import { WorkflowStore } from '../../persistence/workflow.store.js';
import { IdempotentStart, type StartOutcome } from '../idempotency/idempotent-start.js';
import { requestFingerprint, sha256Hex } from '../idempotency/request-fingerprint.js';
import { actingUserId, principalKey, type Principal } from '../../auth/principal.js';
import type { WorkflowResponse } from '../dto/workflow.response.js';
import { presentWorkflow } from '../workflow.presenter.js';
import { WorkflowService } from '../workflow.service.js';
import { DocumentStorage } from './document-storage.js';
import type { UploadedStatement, UploadWorkflowDto } from './upload-workflow.dto.js';

@Injectable()
export class WorkflowUploadService {
  private readonly logger = new Logger(WorkflowUploadService.name);

  constructor(
    private readonly storage: DocumentStorage,
    private readonly workflows: WorkflowService,
    private readonly idempotent: IdempotentStart,
    private readonly store: WorkflowStore,
  ) {}

  /**
   * Checks everything that can refuse the upload before a byte is written, and removes the file again when the
   * workflow could not be created: a refused upload leaves nothing on disk. Keys are scoped per principal.
   */
  async upload(principal: Principal, file: UploadedStatement | undefined, dto: UploadWorkflowDto, idempotencyKey?: string): Promise<{ created: boolean; workflow: WorkflowResponse }> {
    if (!file) throw ProblemException.badRequest('file is required: send the statement as the multipart part "file"', [{ field: 'file', messages: ['file is required'] }]);
    if (file.size === 0) throw ProblemException.badRequest('file is empty', [{ field: 'file', messages: ['file must not be empty'] }]);
    const userId = actingUserId(principal, dto.user_id);
    const requestHash = requestFingerprint('upload', { user_id: userId, file_name: file.originalname, file_sha256: sha256Hex(file.buffer) });
    const outcome = await this.idempotent.run(
      { scope: principalKey(principal, userId), key: idempotencyKey, requestHash },
      (id) => this.storeAndStart(principal, id, userId, file, idempotencyKey),
      // Before 009 an upload's key named its file, and a different file under the same key was refused then.
      () => true,
    );
    return { created: outcome.created, workflow: presentWorkflow(outcome.workflow) };
  }

  private async storeAndStart(principal: Principal, id: string, userId: string, file: UploadedStatement, idempotencyKey?: string): Promise<StartOutcome> {
    const documentPath = await this.storage.store(userId, file.originalname, file.buffer, id);
    let outcome: StartOutcome;
    try {
      outcome = await this.workflows.createWorkflow(principal, id, userId, { user_id: userId, document_path: documentPath }, idempotencyKey);
    } catch (error) {
      await this.removeUnreferenced(documentPath);
      throw error;
    }
    // The key had made a workflow on another file before keys were bound to requests: this copy is nobody's.
    if (outcome.workflow.document_path !== documentPath) await this.removeUnreferenced(documentPath);
    return outcome;
  }

  /** The workflow may have committed though its answer was lost: delete only a file no workflow references. */
  private async removeUnreferenced(documentPath: string): Promise<void> {
    try {
      if ((await this.store.referencedDocuments([documentPath])).length === 0) await this.storage.remove(documentPath);
    } catch (error) {
      this.logger.warn(`left ${documentPath} for the orphan sweeper: ${(error as Error).message}`);
    }
  }
}
