import { Body, Controller, Headers, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation,
  ApiPayloadTooLargeResponse, ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { WorkflowResponse } from '../dto/workflow.response.js';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../idempotency/idempotency-docs.js';
import { parseIdempotencyKey } from '../idempotency/idempotency-key.js';
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
    // Swagger UI renders descriptions as Markdown with HTML allowed: a bare <user> is taken for a tag and vanishes,
    // while a code span shows it as written.
    description: 'Stores the file under the documents directory as `uploads/<SHA-256 hex of the user id>/<workflow id>-<name>` and starts a workflow on it; answers like POST /workflow/start. A refused upload leaves nothing stored.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_BODY_SCHEMA })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: IDEMPOTENCY_KEY_DESCRIPTION })
  @ApiCreatedResponse({ type: WorkflowResponse })
  @ApiOkResponse({ type: WorkflowResponse, description: 'Replayed: the workflow this Idempotency-Key already created.' })
  @ApiBadRequestResponse({ description: 'application/problem+json: no or empty `file`, invalid `user_id`.' })
  @ApiConflictResponse({ description: 'A request with this Idempotency-Key is still being processed.' })
  @ApiUnprocessableEntityResponse({ description: 'This Idempotency-Key was already used for a different request (another file, name or user).' })
  @ApiPayloadTooLargeResponse({ description: 'application/problem+json: the file is larger than 20 MB.' })
  async upload(
    @CurrentPrincipal() principal: Principal,
    @UploadedFile() file: UploadedStatement | undefined,
    @Body() dto: UploadWorkflowDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WorkflowResponse> {
    const { created, workflow } = await this.uploads.upload(principal, file, dto, parseIdempotencyKey(key));
    res.status(created ? 201 : 200);
    if (!created) res.setHeader('Idempotency-Replayed', 'true');
    return workflow;
  }
}
