import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

// Past this, an output is gzipped (on libuv's thread pool, off the event loop) before it goes to the database:
// a large statement's extraction is tens of megabytes of JSON, about ten times less compressed, and an embedded
// database writes what it is given on the same thread as everything else.
const GZIP_FROM_CHARS = 64 * 1024;
const GZIP_PREFIX = 'gzip:';

/** A step output as the text stored beside the workflow. */
export async function encodeStepOutput(value: unknown): Promise<string> {
  const json = JSON.stringify(value);
  if (json.length < GZIP_FROM_CHARS) return json;
  return GZIP_PREFIX + (await gzipAsync(json)).toString('base64');
}

export async function decodeStepOutput(text: string): Promise<unknown> {
  if (!text.startsWith(GZIP_PREFIX)) return JSON.parse(text) as unknown;
  const json = await gunzipAsync(Buffer.from(text.slice(GZIP_PREFIX.length), 'base64'));
  return JSON.parse(json.toString('utf8')) as unknown;
}
