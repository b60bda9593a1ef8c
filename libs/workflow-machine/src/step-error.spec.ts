import { toStepError } from './step-error.js';

describe(toStepError.name, () => {
  it('keeps a classified error as it is, without undefined fields', () => {
    expect(toStepError({ kind: 'permanent', message: 'bad file', code: 'INVALID_DOCUMENT', httpStatus: undefined })).toEqual({
      kind: 'permanent',
      message: 'bad file',
      code: 'INVALID_DOCUMENT',
    });
  });

  it('treats an unclassified Error as transient and keeps its message', () => {
    expect(toStepError(new TypeError('boom'))).toEqual({ kind: 'transient', message: 'boom', code: 'TypeError' });
  });

  it('turns a thrown non-error into a transient error with its text', () => {
    expect(toStepError('socket hang up')).toEqual({ kind: 'transient', message: 'socket hang up' });
  });

  it('keeps only the JSON-safe fields of an error object that is classified, so it round-trips as it is', () => {
    // What an HTTP client throws: an Error subclass carrying a kind, with a circular request and a function on it.
    class ClassifiedHttpError extends Error {
      readonly kind = 'transient' as const;
      readonly code = 'HTTP_503';
      readonly httpStatus = 503;
      readonly retryAfterMs = 2000;
      readonly request: { self?: unknown } = {};
      readonly toJSON = undefined;
      readonly retry = () => undefined;
      constructor() {
        super('HTTP 503');
        this.request.self = this.request;
      }
    }
    const error = toStepError(new ClassifiedHttpError());
    const expected = { kind: 'transient', message: 'HTTP 503', code: 'HTTP_503', httpStatus: 503, retryAfterMs: 2000 };
    expect(error).toStrictEqual(expected);
    expect(JSON.parse(JSON.stringify(error))).toStrictEqual(expected);
  });
});
