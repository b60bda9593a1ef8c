import { DocumentWorkerPool } from '@cashflow/worker-pool';
import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { EmbeddedDocumentProcessorClient } from './embedded-document-processor.client.js';
import { EmbeddedTransactionAnalyzerClient } from './embedded-transaction-analyzer.client.js';
import { HttpDocumentProcessorClient, HttpTransactionAnalyzerClient } from './http-step.clients.js';
import { DOCUMENT_PROCESSOR_CLIENT, TRANSACTION_ANALYZER_CLIENT } from './step-clients.js';

/** One worker pool for both embedded clients, made only when one of them is used, closed at shutdown. */
@Injectable()
export class EmbeddedWorkers implements OnApplicationShutdown {
  private instance?: DocumentWorkerPool;
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get pool(): DocumentWorkerPool {
    this.instance ??= new DocumentWorkerPool(this.config.budgets);
    return this.instance;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.instance?.close();
  }
}

/** HTTP adapters when the services' URLs are set; otherwise their libraries, in-process. */
@Global()
@Module({
  providers: [
    EmbeddedWorkers,
    {
      provide: DOCUMENT_PROCESSOR_CLIENT,
      inject: [APP_CONFIG, EmbeddedWorkers],
      useFactory: (config: AppConfig, workers: EmbeddedWorkers) =>
        config.documentProcessorUrl
          ? new HttpDocumentProcessorClient({ baseUrl: config.documentProcessorUrl, timeoutMs: config.httpTimeoutMs, replicaId: config.replicaId, maxBytes: config.downstreamMaxBytes })
          : new EmbeddedDocumentProcessorClient(config.documentsDir, workers.pool, config.pdfLayouts),
    },
    {
      provide: TRANSACTION_ANALYZER_CLIENT,
      inject: [APP_CONFIG, EmbeddedWorkers],
      useFactory: (config: AppConfig, workers: EmbeddedWorkers) =>
        config.transactionAnalyzerUrl
          ? new HttpTransactionAnalyzerClient({ baseUrl: config.transactionAnalyzerUrl, timeoutMs: config.httpTimeoutMs, replicaId: config.replicaId, maxBytes: config.downstreamMaxBytes })
          : new EmbeddedTransactionAnalyzerClient(workers.pool),
    },
  ],
  exports: [DOCUMENT_PROCESSOR_CLIENT, TRANSACTION_ANALYZER_CLIENT],
})
export class ClientsModule {}
