import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ListWorkflowsQuery } from './dto/list-workflows.query.js';
import { StartWorkflowDto } from './dto/start-workflow.dto.js';
import { CancelWorkflowDto } from './dto/workflow-command.dto.js';
import { StoredTransactionsResponse, WorkflowHistoryResponse, WorkflowPage, WorkflowResponse } from './dto/workflow.response.js';
import { ProblemException } from '@cashflow/nest-http';
import { WorkflowService } from './workflow.service.js';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => ProblemException.badRequest('id must be a UUID', [{ field: 'id', messages: ['id must be a UUID'] }]),
});

@ApiTags('workflow')
@Controller('workflow')
export class WorkflowController {
  constructor(private readonly workflows: WorkflowService) {}

  @Post('start')
  @ApiOperation({ summary: 'Start processing a statement', description: 'Creates a workflow in state received; it moves on at once.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeating a start with the same key and user returns the same workflow (200).' })
  @ApiCreatedResponse({ type: WorkflowResponse })
  @ApiOkResponse({ type: WorkflowResponse, description: 'Replayed: the workflow this Idempotency-Key already created.' })
  @ApiBadRequestResponse({ description: 'application/problem+json naming each invalid field.' })
  async start(@Body() dto: StartWorkflowDto, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: Response): Promise<WorkflowResponse> {
    const { created, workflow } = await this.workflows.start(dto, key?.trim() || undefined);
    res.status(created ? 201 : 200);
    if (!created) res.setHeader('Idempotency-Replayed', 'true');
    return workflow;
  }

  @Get()
  @ApiOperation({ summary: "List a user's workflows, newest first" })
  @ApiOkResponse({ type: WorkflowPage })
  list(@Query() query: ListWorkflowsQuery): Promise<WorkflowPage> {
    return this.workflows.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A workflow: state, progress, error and results' })
  @ApiOkResponse({ type: WorkflowResponse })
  @ApiNotFoundResponse({ description: 'No workflow with this id.' })
  get(@Param('id', uuid) id: string): Promise<WorkflowResponse> {
    return this.workflows.get(id);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'The ordered event log: state changes, attempts, errors, waits, with times' })
  @ApiOkResponse({ type: WorkflowHistoryResponse })
  history(@Param('id', uuid) id: string): Promise<WorkflowHistoryResponse> {
    return this.workflows.history(id);
  }

  @Get(':id/transactions')
  @ApiOperation({ summary: 'The categorised transactions the storing step wrote for this workflow' })
  @ApiOkResponse({ type: StoredTransactionsResponse })
  transactions(@Param('id', uuid) id: string): Promise<StoredTransactionsResponse> {
    return this.workflows.storedTransactions(id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a workflow that has not finished; a running step is aborted' })
  @ApiOkResponse({ type: WorkflowResponse })
  @ApiConflictResponse({ description: 'The workflow already completed or was cancelled.' })
  cancel(@Param('id', uuid) id: string, @Body() dto: CancelWorkflowDto): Promise<WorkflowResponse> {
    return this.workflows.cancel(id, dto?.reason);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Redrive a failed workflow from the step that failed, keeping earlier outputs' })
  @ApiOkResponse({ type: WorkflowResponse })
  @ApiConflictResponse({ description: 'The workflow is not in failed.' })
  retry(@Param('id', uuid) id: string): Promise<WorkflowResponse> {
    return this.workflows.retry(id);
  }
}
