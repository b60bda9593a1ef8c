import { Controller, Get, Param } from '@nestjs/common';
import { ProblemException } from '@cashflow/nest-http';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { uuidParam } from '../api/uuid-param.pipe.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { readerOwner, type Principal } from '../auth/principal.js';
import { UserDataStore } from '../persistence/user-data.store.js';

@ApiTags('workflow')
@ApiUnauthorizedResponse({ description: 'No valid credentials (WWW-Authenticate: Bearer).' })
@Controller('workflow')
export class WebhookDeliveriesController {
  constructor(private readonly reads: UserDataStore) {}

  @Get(':id/webhooks')
  @ApiOperation({ summary: "The webhook delivery log of a workflow: each message, its status (pending, delivered, failed) and every attempt" })
  @ApiOkResponse({ schema: { example: { workflow_id: 'uuid', deliveries: [{ seq: 3, topic: 'webhook', status: 'delivered', attempts: 2, attempt_log: [] }] } } })
  @ApiNotFoundResponse({ description: 'No workflow with this id (or not yours).' })
  async deliveries(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam) id: string) {
    const owner = readerOwner(principal);
    if (!(await this.reads.getWorkflow(owner, id))) throw ProblemException.notFound(`no workflow with id ${id}`);
    return { workflow_id: id, deliveries: await this.reads.webhookDeliveries(owner, id) };
  }
}
