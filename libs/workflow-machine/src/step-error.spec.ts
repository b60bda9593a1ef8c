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

  it('produces JSON that round-trips', () => {
    const error = toStepError({ kind: 'transient', message: 'HTTP 503', retryAfterMs: 2000, httpStatus: 503 });
    expect(JSON.parse(JSON.stringify(error))).toEqual(error);
  });
});
