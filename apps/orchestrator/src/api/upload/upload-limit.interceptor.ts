import { ProblemException } from '@cashflow/nest-http';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';

export const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

/** Multer options of the upload route; browsers and curl send file names as raw UTF-8, not multer's default latin1. */
export const UPLOAD_OPTIONS = { limits: { fileSize: UPLOAD_MAX_BYTES, files: 1 }, defParamCharset: 'utf8' };

/** Placed before FileInterceptor: turns multer's bare "File too large" into a problem naming `file` and the limit. */
@Injectable()
export class UploadLimitInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!(error instanceof PayloadTooLargeException)) throw error;
        const detail = `file is larger than the ${UPLOAD_MAX_BYTES / (1024 * 1024)} MB allowed`;
        throw new ProblemException({ type: '/problems/payload-too-large', title: 'Payload too large', status: 413, detail, errors: [{ field: 'file', messages: [detail] }] });
      }),
    );
  }
}
