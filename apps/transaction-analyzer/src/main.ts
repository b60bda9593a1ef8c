import 'reflect-metadata';
import { configureHttpApp, runService, serviceLogger } from '@cashflow/nest-http';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { loadAnalyzerConfig } from './config/analyzer-config.js';

runService(async () => {
  const config = loadAnalyzerConfig();
  const logger = serviceLogger('transaction-analyzer', config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger });
  // A statement's transactions, raw records included, easily pass Express's 100 kB default.
  app.useBodyParser('json', { limit: config.maxBodyBytes });
  configureHttpApp(
    app,
    'Transaction Analyzer',
    'Transactions -> categories (French and English bank labels), recurring payments and a cashflow summary with exact decimal amounts.',
  );
  await app.listen(config.port);
  new Logger('Bootstrap').log(`listening on :${config.port} (rules file: ${config.rulesFile ?? 'none'}); Swagger UI at /docs`);
});
