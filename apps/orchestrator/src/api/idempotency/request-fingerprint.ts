import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

/**
 * SHA-256 of the request as parsed, serialised by RFC 8785 (JSON Canonicalization Scheme): key order and
 * whitespace do not make two requests differ, any value does. `kind` keeps a start and an upload apart.
 */
export function requestFingerprint(kind: 'start' | 'upload', request: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalize({ kind, request }) ?? '').digest('hex');
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
