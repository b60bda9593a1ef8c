import { Module } from '@nestjs/common';
import { IdempotentStart } from './idempotency/idempotent-start.js';
import { OrphanUploadSweeper } from './upload/orphan-upload.sweeper.js';
import { DocumentStorage } from './upload/document-storage.js';
import { WorkflowUploadController } from './upload/workflow-upload.controller.js';
import { WorkflowUploadService } from './upload/workflow-upload.service.js';
import { WorkflowController } from './workflow.controller.js';
import { WorkflowEventStream } from './workflow-event-stream.js';
import { WorkflowService } from './workflow.service.js';

@Module({
  controllers: [WorkflowController, WorkflowUploadController],
  providers: [WorkflowService, IdempotentStart, WorkflowEventStream, WorkflowUploadService, DocumentStorage, OrphanUploadSweeper],
})
export class ApiModule {}
