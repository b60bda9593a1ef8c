import { Global, Inject, Module, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SQL_FUNCTIONS } from '../persistence/persistence.module.js';
import type { SqlFunctionCaller } from '../persistence/sql-database.js';
import { WebhookDeliveriesController } from './webhook-deliveries.controller.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';

export const WEBHOOK_DISPATCHER = Symbol('WebhookDispatcher');

/** Signed webhooks (Standard Webhooks) from the transactional outbox, when WEBHOOK_URL is set. */
@Global()
@Module({
  controllers: [WebhookDeliveriesController],
  providers: [
    {
      provide: WEBHOOK_DISPATCHER,
      inject: [APP_CONFIG, SQL_FUNCTIONS],
      useFactory: (config: AppConfig, db: SqlFunctionCaller) =>
        config.webhook
          ? new WebhookDispatcher(db, { ...config.webhook, owner: config.replicaId, pollIntervalMs: config.pollIntervalMs })
          : null,
    },
  ],
  exports: [WEBHOOK_DISPATCHER],
})
export class NotificationsModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(WEBHOOK_DISPATCHER) private readonly dispatcher: WebhookDispatcher | null) {}

  onApplicationBootstrap(): void {
    this.dispatcher?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.dispatcher?.stop();
  }
}
