import { Body, Controller, Headers, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation,
  ApiPayloadTooLargeResponse, ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { WorkflowResponse } from '../dto/workflow.response.js';
import { UPLOAD_OPTIONS, UploadLimitInterceptor } from './upload-limit.interceptor.js';
import { UPLOAD_BODY_SCHEMA, UploadWorkflowDto, type UploadedStatement } from './upload-workflow.dto.js';
import { WorkflowUploadService } from './workflow-upload.service.js';

@ApiTags('workflow')
@Controller('workflow')
export class WorkflowUploadController {
  constructor(private readonly uploads: WorkflowUploadService) {}

  @Post('upload')
  @UseInterceptors(UploadLimitInterceptor, FileInterceptor('file', UPLOAD_OPTIONS))
  @ApiOperation({
    summary: 'Upload a statement and start processing it',
    description: 'Stores the file under the documents directory as uploads/<SHA-256 hex of the user id>/<id>-<name> and starts a workflow on it; answers like POST /workflow/start.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_BODY_SCHEMA })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeating an upload of the same file with the same key and user returns the same workflow (200) and stores nothing new.' })
  @ApiCreatedResponse({ type: WorkflowResponse })
  @ApiOkResponse({ type: WorkflowResponse, description: 'Replayed: the workflow this Idempotency-Key already created.' })
  @ApiBadRequestResponse({ description: 'application/problem+json: no or empty `file`, invalid `user_id`.' })
  @ApiConflictResponse({ description: 'This Idempotency-Key was already used for a different file.' })
  @ApiPayloadTooLargeResponse({ description: 'application/problem+json: the file is larger than 20 MB.' })
  async upload(
    @CurrentPrincipal() principal: Principal,
    @UploadedFile() file: UploadedStatement | undefined,
    @Body() dto: UploadWorkflowDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WorkflowResponse> {
    const { created, workflow } = await this.uploads.upload(principal, file, dto, key?.trim() || undefined);
    res.status(created ? 201 : 200);
    if (!created) res.setHeader('Idempotency-Replayed', 'true');
    return workflow;
  }
}
