import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { PROCESSOR_CONFIG, type ProcessorConfig } from '../config/processor-config.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentJobs } from './document-jobs.js';
import { DocumentsService } from './documents.service.js';
import { UploadLimitInterceptor } from './upload-limit.interceptor.js';

@Module({
  imports: [
    // Memory storage: an uploaded statement is parsed and dropped, never written to disk. File names arrive as raw UTF-8.
    MulterModule.registerAsync({
      inject: [PROCESSOR_CONFIG],
      useFactory: (config: ProcessorConfig) => ({ limits: { fileSize: config.maxUploadBytes, files: 1 }, defParamCharset: 'utf8' }),
    }),
  ],
  controllers: [DocumentsController],
  providers: [DocumentsService, DocumentJobs, UploadLimitInterceptor],
})
export class DocumentsModule {}
