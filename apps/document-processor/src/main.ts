import 'reflect-metadata';
import { configureHttpApp } from '@cashflow/nest-http';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { ConfigError, loadProcessorConfig } from './config/processor-config.js';
import { mkdir } from 'node:fs/promises';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadProcessorConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = LEVELS.slice(0, LEVELS.indexOf(config.logLevel as LogLevel) + 1);
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
}

bootstrap().catch((error) => {
  console.error(error);
  process.exit(1);
});
