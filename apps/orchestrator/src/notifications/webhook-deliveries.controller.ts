import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ProblemException } from '@cashflow/nest-http';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SQL_FUNCTIONS } from '../persistence/persistence.module.js';
import type { SqlFunctionCaller } from '../persistence/sql-database.js';
import { WorkflowStore } from '../persistence/workflow.store.js';
import { uuidParam } from '../api/uuid-param.pipe.js';


@ApiTags('workflow')
@Controller('workflow')
export class WebhookDeliveriesController {
  constructor(
    private readonly store: WorkflowStore,
    @Inject(SQL_FUNCTIONS) private readonly db: SqlFunctionCaller,
  ) {}

  @Get(':id/webhooks')
  @ApiOperation({ summary: "The webhook delivery log of a workflow: each message, its status (pending, delivered, failed) and every attempt" })
  @ApiOkResponse({ schema: { example: { workflow_id: 'uuid', deliveries: [{ seq: 3, topic: 'webhook', status: 'delivered', attempts: 2, attempt_log: [] }] } } })
  async deliveries(@Param('id', uuidParam) id: string) {
    if (!(await this.store.getWorkflow(id))) throw ProblemException.notFound(`no workflow with id ${id}`);
    return { workflow_id: id, deliveries: await this.db.call('cf_list_outbox', { workflow_id: id }) };
  }
}
