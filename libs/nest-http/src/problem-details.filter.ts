import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { ProblemException, type ProblemDetails } from './problem.exception.js';

const STATUS_TITLES: Record<number, string> = {
  400: 'Invalid request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed',
  409: 'Conflict', 413: 'Payload too large', 415: 'Unsupported media type', 422: 'Unprocessable content',
  429: 'Too many requests', 503: 'Service unavailable',
};

/** Every error leaves as application/problem+json; a 500 carries an id that is logged with its cause. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    problem.instance ??= request.originalUrl;
    if (response.headersSent) return;
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof ProblemException) return { ...exception.problem, type: exception.problem.type ?? 'about:blank' };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: string | string[] }).message;
      return {
        type: 'about:blank',
        title: STATUS_TITLES[status] ?? HttpStatus[status] ?? 'Error',
        status,
        detail: Array.isArray(message) ? message.join('; ') : (message ?? exception.message),
      };
    }
    const bodyParser = exception as { type?: string; status?: number; message?: string };
    if (bodyParser?.type === 'entity.parse.failed') {
      return { type: '/problems/invalid-request', title: 'Invalid request', status: 400, detail: 'the request body is not valid JSON', errors: [{ field: 'body', messages: [String(bodyParser.message)] }] };
    }
    if (typeof bodyParser?.status === 'number' && bodyParser.status >= 400 && bodyParser.status < 500) {
      return { type: 'about:blank', title: STATUS_TITLES[bodyParser.status] ?? 'Error', status: bodyParser.status, detail: bodyParser.message };
    }
    const errorId = randomUUID();
    this.logger.error(`unhandled error ${errorId}: ${(exception as Error)?.stack ?? String(exception)}`);
    return { type: 'about:blank', title: 'Internal server error', status: 500, detail: `an unexpected error occurred (error id ${errorId})`, error_id: errorId };
  }
}
