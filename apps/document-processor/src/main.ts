import 'reflect-metadata';
import { configureHttpApp, runService, serviceLogger } from '@cashflow/nest-http';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdir } from 'node:fs/promises';
import { AppModule } from './app.module.js';
import { loadProcessorConfig } from './config/processor-config.js';

runService(async () => {
  const config = loadProcessorConfig();
  const logger = serviceLogger('document-processor', config);
  // An empty documents directory is a valid start; a missing one would keep /health/ready at 503.
  await mkdir(config.documentsDir, { recursive: true });
  const app = await NestFactory.create(AppModule.forRoot(config), { logger });
  configureHttpApp(
    app,
    'Document Processor',
    'Statement file (OFX/QFX, ISO 20022 CAMT.052/053, CSV, QIF, MT940) -> normalised transactions with exact decimal amounts.',
  );
  await app.listen(config.port);
  new Logger('Bootstrap').log(`listening on :${config.port} (documents: ${config.documentsDir}); Swagger UI at /docs`);
});
