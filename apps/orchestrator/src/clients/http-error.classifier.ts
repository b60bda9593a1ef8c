import type { StepError } from '@cashflow/workflow-machine';
import { isAxiosError } from 'axios';

export const TRANSIENT_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function describeBody(data: unknown): string | undefined {
  if (data && typeof data === 'object') {
    const body = data as { detail?: unknown; title?: unknown; message?: unknown };
    const text = body.detail ?? body.message ?? body.title;
    if (typeof text === 'string') return text;
    if (Array.isArray(text)) return text.join('; ');
  }
  return typeof data === 'string' && data.length < 500 ? data : undefined;
}

/** Maps an axios failure to a step error: transient ones are retried by the machine, permanent ones fail at once. */
export function classifyHttpError(service: string, error: unknown): StepError {
  if (!isAxiosError(error)) {
    return { kind: 'transient', code: 'CLIENT_ERROR', message: `${service}: ${(error as Error)?.message ?? String(error)}` };
  }
  const status = error.response?.status;
  if (status === undefined) {
    const timedOut = error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT';
    return {
      kind: 'transient',
      code: timedOut ? 'TIMEOUT' : (error.code ?? 'NETWORK_ERROR'),
      message: `${service}: ${timedOut ? 'no answer before the timeout' : error.message}`,
    };
  }
  return statusError(service, status, error.response?.data, parseRetryAfter(error.response?.headers?.['retry-after']));
}

/**
 * A downstream answer's status and problem body as a step error: an HTTP response, or the problem a failed job
 * reports (document-job.poller.ts). Transient statuses are retried by the machine, the others fail at once.
 */
export function statusError(service: string, status: number, body: unknown, retryAfterMs?: number): StepError {
  const detail = describeBody(body);
  const message = `${service} answered HTTP ${status}${detail ? `: ${detail}` : ''}`;
  if (TRANSIENT_STATUSES.has(status)) {
    return { kind: 'transient', code: `HTTP_${status}`, httpStatus: status, message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  // A problem+json body with its own code (MALFORMED_DOCUMENT, DOCUMENT_NOT_FOUND...) says more than the status.
  const bodyCode = (body as { code?: unknown } | undefined)?.code;
  const code = typeof bodyCode === 'string' && /^[A-Z][A-Z0-9_]{2,63}$/.test(bodyCode) ? bodyCode : `HTTP_${status}`;
  return { kind: 'permanent', code, httpStatus: status, message };
}
