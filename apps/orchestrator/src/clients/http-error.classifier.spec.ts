import { AxiosError, AxiosHeaders } from 'axios';
import { classifyHttpError, parseRetryAfter, statusError } from './http-error.classifier.js';

function answered(status: number, data: unknown, headers: Record<string, string> = {}): AxiosError {
  const config = { headers: new AxiosHeaders() };
  return new AxiosError(`Request failed with status code ${status}`, 'ERR_BAD_RESPONSE', config, {}, { status, statusText: '', data, headers, config });
}

describe(classifyHttpError.name, () => {
  it('retries a 503, keeping the delay Retry-After asks for', () => {
    expect(classifyHttpError('document-processor', answered(503, { detail: 'busy' }, { 'retry-after': '7' }))).toEqual({
      kind: 'transient',
      code: 'HTTP_503',
      httpStatus: 503,
      message: 'document-processor answered HTTP 503: busy',
      retryAfterMs: 7000,
    });
  });

  it("fails at once on a 422, with the problem's own code and detail", () => {
    expect(classifyHttpError('document-processor', answered(422, { title: 'Unprocessable', detail: 'not a statement', code: 'MALFORMED_DOCUMENT' }))).toEqual({
      kind: 'permanent',
      code: 'MALFORMED_DOCUMENT',
      httpStatus: 422,
      message: 'document-processor answered HTTP 422: not a statement',
    });
  });

  it('names the status when the body has no usable code, and reads message arrays and short text bodies', () => {
    expect(classifyHttpError('a', answered(400, { message: ['x must be set', 'y too long'], code: 'lower' }))).toMatchObject({ code: 'HTTP_400', message: 'a answered HTTP 400: x must be set; y too long' });
    expect(classifyHttpError('a', answered(404, 'no such route'))).toMatchObject({ kind: 'permanent', code: 'HTTP_404', message: 'a answered HTTP 404: no such route' });
    expect(classifyHttpError('a', answered(500, 'x'.repeat(600))).message).toBe('a answered HTTP 500');
  });

  it('retries a call that got no answer, saying whether it timed out', () => {
    const timedOut = new AxiosError('timeout of 25000ms exceeded', 'ECONNABORTED');
    expect(classifyHttpError('transaction-analyzer', timedOut)).toEqual({ kind: 'transient', code: 'TIMEOUT', message: 'transaction-analyzer: no answer before the timeout' });
    const refused = new AxiosError('connect ECONNREFUSED 127.0.0.1:8002', 'ECONNREFUSED');
    expect(classifyHttpError('transaction-analyzer', refused)).toEqual({ kind: 'transient', code: 'ECONNREFUSED', message: 'transaction-analyzer: connect ECONNREFUSED 127.0.0.1:8002' });
  });

  it('retries an error that is not an HTTP one as a client error', () => {
    expect(classifyHttpError('a', new Error('socket hang up'))).toEqual({ kind: 'transient', code: 'CLIENT_ERROR', message: 'a: socket hang up' });
  });
});

describe(statusError.name, () => {
  it("maps a failed job's problem as it would the same answer given at once", () => {
    expect(statusError('document-processor', 422, { status: 422, detail: 'the PDF is blank', code: 'UNSUPPORTED_CONTENT' })).toEqual(
      classifyHttpError('document-processor', answered(422, { status: 422, detail: 'the PDF is blank', code: 'UNSUPPORTED_CONTENT' })),
    );
    expect(statusError('document-processor', 502, undefined)).toEqual({ kind: 'transient', code: 'HTTP_502', httpStatus: 502, message: 'document-processor answered HTTP 502' });
  });
});

describe(parseRetryAfter.name, () => {
  it('reads delay-seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(parseRetryAfter(' 3 ', now)).toBe(3000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 09:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
