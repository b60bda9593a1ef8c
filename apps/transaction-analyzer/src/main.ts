import 'reflect-metadata';
import { configureHttpApp } from '@cashflow/nest-http';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { ConfigError, loadAnalyzerConfig } from './config/analyzer-config.js';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadAnalyzerConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = LEVELS.slice(0, LEVELS.indexOf(config.logLevel as LogLevel) + 1);
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
}

bootstrap().catch((error) => {
  console.error(error);
  process.exit(1);
});
