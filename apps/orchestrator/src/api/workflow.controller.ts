import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation,
  ApiProduces, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ListWorkflowsQuery } from './dto/list-workflows.query.js';
import { TransactionsPageQuery } from './dto/transactions-page.query.js';
import { StartWorkflowDto } from './dto/start-workflow.dto.js';
import { CancelWorkflowDto } from './dto/workflow-command.dto.js';
import { StoredTransactionsResponse, WorkflowHistoryResponse, WorkflowPage, WorkflowResponse } from './dto/workflow.response.js';
import { IDEMPOTENCY_KEY_DESCRIPTION } from './idempotency/idempotency-docs.js';
import { parseIdempotencyKey } from './idempotency/idempotency-key.js';
import { WorkflowEventStream } from './workflow-event-stream.js';
import { WorkflowService } from './workflow.service.js';
import { uuidParam } from './uuid-param.pipe.js';

@ApiTags('workflow')
@ApiUnauthorizedResponse({ description: 'No valid credentials (WWW-Authenticate: Bearer).' })
@ApiTooManyRequestsResponse({ description: 'Over the rate limit of this principal (Retry-After).' })
@Controller('workflow')
export class WorkflowController {
  constructor(
    private readonly workflows: WorkflowService,
    private readonly eventStream: WorkflowEventStream,
  ) {}

  @Post('start')
  @ApiOperation({ summary: 'Start processing a statement', description: 'Creates a workflow in state received; it moves on at once.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: IDEMPOTENCY_KEY_DESCRIPTION })
  @ApiCreatedResponse({ type: WorkflowResponse })
  @ApiOkResponse({ type: WorkflowResponse, description: 'Replayed: the workflow this Idempotency-Key already created (header Idempotency-Replayed: true).' })
  @ApiBadRequestResponse({ description: 'application/problem+json naming each invalid field (an Idempotency-Key over 255 characters is one).' })
  @ApiForbiddenResponse({ description: 'A signed-in user named another user_id, or a document outside their upload folder.' })
  @ApiConflictResponse({ description: 'A request with this Idempotency-Key is still being processed.' })
  @ApiUnprocessableEntityResponse({ description: 'This Idempotency-Key was already used for a different request.' })
  async start(@CurrentPrincipal() principal: Principal, @Body() dto: StartWorkflowDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response): Promise<WorkflowResponse> {
    const { created, workflow } = await this.workflows.start(principal, dto, parseIdempotencyKey(key));
    res.status(created ? 201 : 200);
    if (!created) res.setHeader('Idempotency-Replayed', 'true');
    return workflow;
  }

  @Get()
  @ApiOperation({ summary: "List a user's workflows, newest first" })
  @ApiOkResponse({ type: WorkflowPage })
  @ApiForbiddenResponse({ description: 'A signed-in user named another user_id.' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListWorkflowsQuery): Promise<WorkflowPage> {
    return this.workflows.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A workflow: state, progress, error and results' })
  @ApiOkResponse({ type: WorkflowResponse })
  @ApiNotFoundResponse({ description: 'No workflow with this id.' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam) id: string): Promise<WorkflowResponse> {
    return this.workflows.get(principal, id);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'The ordered event log: state changes, attempts, errors, waits, with times' })
  @ApiOkResponse({ type: WorkflowHistoryResponse })
  history(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam) id: string): Promise<WorkflowHistoryResponse> {
    return this.workflows.history(principal, id);
  }

  @Get(':id/events')
  @ApiOperation({
    summary: 'Server-Sent Events: each history entry (event: history, id: seq) and the workflow after it (event: workflow)',
    description: 'Resumes after Last-Event-ID (or ?after=seq); the stream ends once the workflow is completed, cancelled or failed (a failed one may be retried: reconnect with Last-Event-ID).',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream' })
  @ApiTooManyRequestsResponse({ description: 'This principal already has SSE_MAX_STREAMS streams open.' })
  events(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.eventStream.stream(principal, id, req, res);
  }

  @Get(':id/transactions')
  @ApiOperation({ summary: 'The categorised transactions the storing step wrote for this workflow, page by page (limit, cursor)' })
  @ApiOkResponse({ type: StoredTransactionsResponse })
  transactions(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam) id: string, @Query() query: TransactionsPageQuery): Promise<StoredTransactionsResponse> {
    return this.workflows.storedTransactions(principal, id, query);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a workflow that has not finished; a running step is aborted' })
  @ApiOkResponse({ type: WorkflowResponse })
  @ApiConflictResponse({ description: 'The workflow already completed or was cancelled.' })
  cancel(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam) id: string, @Body() dto: CancelWorkflowDto): Promise<WorkflowResponse> {
    return this.workflows.cancel(principal, id, dto?.reason);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Redrive a failed workflow from the step that failed, keeping earlier outputs' })
  @ApiOkResponse({ type: WorkflowResponse })
  @ApiConflictResponse({ description: 'The workflow is not in failed.' })
  retry(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam) id: string): Promise<WorkflowResponse> {
    return this.workflows.retry(principal, id);
  }
}
