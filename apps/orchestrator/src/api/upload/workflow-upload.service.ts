import { ProblemException } from '@cashflow/nest-http';
import { Injectable } from '@nestjs/common';
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

  async upload(file: UploadedStatement | undefined, dto: UploadWorkflowDto, idempotencyKey?: string): Promise<{ created: boolean; workflow: WorkflowResponse }> {
    if (!file) throw ProblemException.badRequest('file is required: send the statement as the multipart part "file"', [{ field: 'file', messages: ['file is required'] }]);
    if (file.size === 0) throw ProblemException.badRequest('file is empty', [{ field: 'file', messages: ['file must not be empty'] }]);
    const documentPath = await this.storage.store(dto.user_id, file.originalname, file.buffer, idempotencyKey);
    return this.workflows.start({ user_id: dto.user_id, document_path: documentPath }, idempotencyKey);
  }
}
