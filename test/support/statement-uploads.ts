import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { REPO_ROOT } from './paths.js';

/** Statements written for this repository (README worked example and e2e tests). */
export const SAMPLES_DIR = resolve(REPO_ROOT, 'samples');

export function readSample(name: string): Promise<Buffer> {
  return readFile(resolve(SAMPLES_DIR, name));
}

export interface UploadOptions {
  fileName?: string;
  /** Omit the user_id field (to test validation). */
  userId?: string | null;
  idempotencyKey?: string;
  /** Omit the file part (to test validation). */
  withoutFile?: boolean;
  /** The route to post to (default /workflow/upload). */
  path?: string;
  /** More headers (credentials). */
  headers?: Record<string, string>;
}

/** A multipart upload as a browser or `curl -F` sends it: the `file` part, plus `user_id`. */
export async function uploadFile(
  baseUrl: string,
  bytes: Uint8Array,
  options: UploadOptions = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const form = new FormData();
  if (!options.withoutFile) form.append('file', new Blob([bytes]), options.fileName ?? 'statement');
  if (options.userId !== null) form.append('user_id', options.userId ?? 'user-e2e');
  const res = await fetch(baseUrl + (options.path ?? '/workflow/upload'), {
    method: 'POST',
    body: form,
    headers: { ...options.headers, ...(options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {}) },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}
