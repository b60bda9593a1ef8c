import { type DynamicModule, Global, Module } from '@nestjs/common';
import { PROCESSOR_CONFIG, type ProcessorConfig } from './config/processor-config.js';
import { DocumentsModule } from './documents/documents.module.js';
import { HealthController } from './health/health.controller.js';

@Global()
@Module({})
class ConfigModule {
  static forRoot(config: ProcessorConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: PROCESSOR_CONFIG, useValue: config }], exports: [PROCESSOR_CONFIG] };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: ProcessorConfig): DynamicModule {
    return { module: AppModule, imports: [ConfigModule.forRoot(config), DocumentsModule], controllers: [HealthController] };
  }
}
