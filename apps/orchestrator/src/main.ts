import 'reflect-metadata';
import { configureHttpApp, runService, serviceLogger } from '@cashflow/nest-http';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { applyHttpSecurity, documentSecurity } from './auth/http-security.js';
import { loadConfig } from './config/app-config.js';

runService(async () => {
  const config = loadConfig();
  const logger = serviceLogger('orchestrator', config);
  const app = await NestFactory.create(AppModule.forRoot(config), { logger });
  applyHttpSecurity(app, config.auth, config.environment);
  configureHttpApp(
    app,
    'Cashflow Analyzer Orchestrator',
    'Turns a bank statement into stored, categorised transactions and a cashflow summary, as a durable workflow.',
    { docs: config.auth.docsEnabled, document: documentSecurity },
  );
  await app.listen(config.port);
  new Logger('Bootstrap').log(
    `listening on :${config.port} (database: ${config.database.kind}, replica ${config.replicaId})${config.auth.docsEnabled ? '; Swagger UI at /docs' : ''}`,
  );
});
