import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ANALYZER_CONFIG, type AnalyzerConfig } from './config/analyzer-config.js';
import { HealthController } from './health/health.controller.js';
import { TransactionsModule } from './transactions/transactions.module.js';

@Global()
@Module({})
class ConfigModule {
  static forRoot(config: AnalyzerConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: ANALYZER_CONFIG, useValue: config }], exports: [ANALYZER_CONFIG] };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AnalyzerConfig): DynamicModule {
    return { module: AppModule, imports: [ConfigModule.forRoot(config), TransactionsModule], controllers: [HealthController] };
  }
}
