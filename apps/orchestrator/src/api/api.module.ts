import { Module } from '@nestjs/common';
import { DocumentStorage } from './upload/document-storage.js';
import { WorkflowUploadController } from './upload/workflow-upload.controller.js';
import { WorkflowUploadService } from './upload/workflow-upload.service.js';
import { WorkflowController } from './workflow.controller.js';
import { WorkflowEventStream } from './workflow-event-stream.js';
import { WorkflowService } from './workflow.service.js';

@Module({
  controllers: [WorkflowController, WorkflowUploadController],
  providers: [WorkflowService, WorkflowEventStream, WorkflowUploadService, DocumentStorage],
})
export class ApiModule {}
