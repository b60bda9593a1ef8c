export const IDEMPOTENCY_KEY_DESCRIPTION =
  'At most 255 printable ASCII characters, bare or as a quoted string. The same key with the same request (same user, ' +
  'same JSON body once parsed; for an upload the same file and fields) returns the workflow it already created (200, ' +
  'Idempotency-Replayed: true); with a different request it is a 422.';
