import 'reflect-metadata';
import { ConsoleLogger, Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { configureHttpApp } from '@cashflow/nest-http';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // One JSON object per line outside development, so log shippers need no parsing rules.
  const logger = new ConsoleLogger({
    logLevels: LEVELS.slice(0, LEVELS.indexOf(config.logLevel as LogLevel) + 1),
    json: config.environment !== 'development',
    colors: config.environment === 'development' && process.stdout.isTTY,
    prefix: 'orchestrator',
  });
  const app = await NestFactory.create(AppModule.forRoot(config), { logger });
  configureHttpApp(
    app,
    'Cashflow Analyzer Orchestrator',
    'Turns a bank statement into stored, categorised transactions and a cashflow summary, as a durable workflow.',
  );
  await app.listen(config.port);
  new Logger('Bootstrap').log(
    `listening on :${config.port} (database: ${config.database.kind}, replica ${config.replicaId}); Swagger UI at /docs`,
  );
}

bootstrap().catch((error) => {
  console.error(error);
  process.exit(1);
});
