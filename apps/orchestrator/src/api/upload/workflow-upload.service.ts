import { ProblemException } from '@cashflow/nest-http';
import { Injectable } from '@nestjs/common';
import { actingUserId, type Principal } from '../../auth/principal.js';
import type { WorkflowResponse } from '../dto/workflow.response.js';
import { WorkflowService } from '../workflow.service.js';
import { DocumentStorage } from './document-storage.js';
import type { UploadedStatement, UploadWorkflowDto } from './upload-workflow.dto.js';

@Injectable()
export class WorkflowUploadService {
  constructor(
    private readonly storage: DocumentStorage,
    private readonly workflows: WorkflowService,
  ) {}

  async upload(principal: Principal, file: UploadedStatement | undefined, dto: UploadWorkflowDto, idempotencyKey?: string): Promise<{ created: boolean; workflow: WorkflowResponse }> {
    if (!file) throw ProblemException.badRequest('file is required: send the statement as the multipart part "file"', [{ field: 'file', messages: ['file is required'] }]);
    if (file.size === 0) throw ProblemException.badRequest('file is empty', [{ field: 'file', messages: ['file must not be empty'] }]);
    const userId = actingUserId(principal, dto.user_id);
    const documentPath = await this.storage.store(userId, file.originalname, file.buffer, idempotencyKey);
    return this.workflows.start(principal, { user_id: userId, document_path: documentPath }, idempotencyKey);
  }
}
