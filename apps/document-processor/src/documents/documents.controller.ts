import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse, ApiBadRequestResponse, ApiBody, ApiConsumes, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse,
  ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { DocumentJob } from './document-jobs.js';
import { DocumentJobResponse } from './dto/document-job.response.js';
import { DocumentsService } from './documents.service.js';
import { DocumentResultResponse } from './dto/document-result.response.js';
import { ParseUploadDto, ProcessDocumentDto } from './dto/process-document.dto.js';
import { UploadLimitInterceptor, type UploadedStatement } from './upload-limit.interceptor.js';

const IDEMPOTENCY_KEY = { name: 'Idempotency-Key', required: false, description: 'Logged with the outcome to trace a caller\'s attempt; parsing is pure, so a repeat gives the same answer.' };
const PREFER = { name: 'Prefer', required: false, description: '`respond-async`: answer 202 with a job URL at once instead of waiting for the parse (OCR of a scan takes tens of seconds).' };
const UNPROCESSABLE = { description: 'application/problem+json: empty, unknown or malformed statement (a PDF that is encrypted, truncated, blank, not a statement, or an OCR result that does not reconcile), with the parser\'s `code` and `location` (line, element or page).' };

@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post('process')
  @HttpCode(200)
  @ApiOperation({ summary: 'Parse a statement file from the documents directory into normalised transactions' })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiOkResponse({ type: DocumentResultResponse })
  @ApiBadRequestResponse({ description: 'application/problem+json naming each invalid field; `document_path` escaping the documents directory is one.' })
  @ApiNotFoundResponse({ description: 'application/problem+json, code DOCUMENT_NOT_FOUND: no file at document_path.' })
  @ApiHeader(PREFER)
  @ApiAcceptedResponse({ type: DocumentJobResponse, description: 'With `Prefer: respond-async`: the parse runs as a job; `Location` is its URL (GET /documents/jobs/{id}).' })
  @ApiUnprocessableEntityResponse(UNPROCESSABLE)
  async process(
    @Body() dto: ProcessDocumentDto,
    @Headers('idempotency-key') key: string | undefined,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DocumentResultResponse | DocumentJobResponse> {
    if (!/(^|[,;\s])respond-async\b/i.test(prefer ?? '')) return this.documents.process(dto, key);
    const job = this.documents.startProcess(dto, key);
    res.status(202).setHeader('Location', `/documents/jobs/${job.job_id}`).setHeader('Preference-Applied', 'respond-async');
    return job;
  }

  @Get('jobs/:id')
  @ApiOperation({ summary: 'A parse job started with Prefer: respond-async: its progress, then its result or its problem' })
  @ApiOkResponse({ type: DocumentJobResponse, description: 'While `running`, a `Retry-After: 1` header says when to ask again.' })
  @ApiNotFoundResponse({ description: 'application/problem+json: unknown job, expired (kept 15 minutes after it ends) or lost in a restart: submit again.' })
  job(@Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) res: Response): DocumentJob {
    const job = this.documents.job(id);
    if (job.status === 'running') res.setHeader('Retry-After', '1');
    return job;
  }

  @Post('parse')
  @HttpCode(200)
  @UseInterceptors(UploadLimitInterceptor, FileInterceptor('file'))
  @ApiOperation({ summary: 'Parse an uploaded statement file (multipart) without storing it' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ParseUploadDto })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiOkResponse({ type: DocumentResultResponse })
  @ApiBadRequestResponse({ description: 'application/problem+json: no `file` part.' })
  @ApiPayloadTooLargeResponse({ description: 'application/problem+json: the file is larger than MAX_UPLOAD_BYTES.' })
  @ApiUnprocessableEntityResponse(UNPROCESSABLE)
  parse(@UploadedFile() file: UploadedStatement | undefined, @Headers('idempotency-key') key?: string): Promise<DocumentResultResponse> {
    return this.documents.parseUpload(file, key);
  }
}
