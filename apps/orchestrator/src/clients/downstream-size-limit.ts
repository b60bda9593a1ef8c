import type { StepError } from '@cashflow/workflow-machine';
import { isAxiosError } from 'axios';

export const DEFAULT_DOWNSTREAM_MAX_BYTES = 50 * 1024 * 1024;

function megabytes(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(2))} MB`;
}

/**
 * axios's own errors for an answer over maxContentLength or a request over maxBodyLength (it carries no
 * response, so it would pass for a network error and be retried) as a permanent error naming the limit: the
 * same statement gives the same size every time.
 */
export function downstreamSizeError(service: string, error: unknown, maxBytes: number): StepError | null {
  if (!isAxiosError(error) && (error as { code?: string })?.code !== 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED') return null;
  const message = (error as Error).message ?? '';
  const limit = `DOWNSTREAM_MAX_BYTES (${maxBytes} bytes${maxBytes >= 1024 * 1024 ? `, ${megabytes(maxBytes)}` : ''})`;
  if (message.startsWith('maxContentLength size of')) {
    return { kind: 'permanent', code: 'DOWNSTREAM_RESPONSE_TOO_LARGE', message: `${service}: the answer is larger than ${limit}` };
  }
  if (message.startsWith('Request body larger than maxBodyLength')) {
    return { kind: 'permanent', code: 'DOWNSTREAM_REQUEST_TOO_LARGE', message: `${service}: the request is larger than ${limit}` };
  }
  return null;
}
