import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { EmbeddedDocumentProcessorClient } from './embedded-document-processor.client.js';
import { EmbeddedTransactionAnalyzerClient } from './embedded-transaction-analyzer.client.js';
import { HttpDocumentProcessorClient, HttpTransactionAnalyzerClient } from './http-step.clients.js';
import { DOCUMENT_PROCESSOR_CLIENT, TRANSACTION_ANALYZER_CLIENT } from './step-clients.js';

/** HTTP adapters when the services' URLs are set; otherwise their libraries, in-process. */
@Global()
@Module({
  providers: [
    {
      provide: DOCUMENT_PROCESSOR_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.documentProcessorUrl
          ? new HttpDocumentProcessorClient({ baseUrl: config.documentProcessorUrl, timeoutMs: config.httpTimeoutMs, replicaId: config.replicaId })
          : new EmbeddedDocumentProcessorClient(config.documentsDir),
    },
    {
      provide: TRANSACTION_ANALYZER_CLIENT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.transactionAnalyzerUrl
          ? new HttpTransactionAnalyzerClient({ baseUrl: config.transactionAnalyzerUrl, timeoutMs: config.httpTimeoutMs, replicaId: config.replicaId })
          : new EmbeddedTransactionAnalyzerClient(),
    },
  ],
  exports: [DOCUMENT_PROCESSOR_CLIENT, TRANSACTION_ANALYZER_CLIENT],
})
export class ClientsModule {}
