import { ProblemException } from '@cashflow/nest-http';
import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { PROCESSOR_CONFIG, type ProcessorConfig } from '../config/processor-config.js';

/** The part of multer's file object this service reads (memory storage). */
export interface UploadedStatement {
  originalname: string;
  size: number;
  buffer: Buffer;
}

/** Placed before FileInterceptor: turns multer's bare "File too large" into a problem naming `file` and the limit. */
@Injectable()
export class UploadLimitInterceptor implements NestInterceptor {
  constructor(@Inject(PROCESSOR_CONFIG) private readonly config: ProcessorConfig) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!(error instanceof PayloadTooLargeException)) throw error;
        const detail = `file is larger than the ${this.config.maxUploadBytes} bytes allowed`;
        throw new ProblemException({ type: '/problems/payload-too-large', title: 'Payload too large', status: 413, detail, errors: [{ field: 'file', messages: [detail] }] });
      }),
    );
  }
}
