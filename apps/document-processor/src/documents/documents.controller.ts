import { Body, Controller, Headers, HttpCode, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBadRequestResponse, ApiBody, ApiConsumes, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse,
  ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { DocumentsService } from './documents.service.js';
import { DocumentResultResponse } from './dto/document-result.response.js';
import { ParseUploadDto, ProcessDocumentDto } from './dto/process-document.dto.js';
import { UploadLimitInterceptor, type UploadedStatement } from './upload-limit.interceptor.js';

const IDEMPOTENCY_KEY = { name: 'Idempotency-Key', required: false, description: 'Logged with the outcome to trace a caller\'s attempt; parsing is pure, so a repeat gives the same answer.' };
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
  @ApiUnprocessableEntityResponse(UNPROCESSABLE)
  process(@Body() dto: ProcessDocumentDto, @Headers('idempotency-key') key?: string): Promise<DocumentResultResponse> {
    return this.documents.process(dto, key);
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
