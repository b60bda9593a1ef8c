import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'whsec_';

/** Standard Webhooks secrets are `whsec_` + base64 of the key bytes. */
export function parseWebhookSecret(secret: string): Buffer {
  if (!secret.startsWith(PREFIX)) throw new Error('must start with whsec_');
  const key = Buffer.from(secret.slice(PREFIX.length), 'base64');
  if (key.length < 24) throw new Error('must hold at least 24 bytes of base64 key after whsec_');
  return key;
}

/** `webhook-signature` value: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>"> (Standard Webhooks). */
export function signWebhook(key: Buffer, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** What a receiver does: recompute and compare in constant time, within a tolerance for replayed messages. */
export function verifyWebhook(key: Buffer, headers: Record<string, string | undefined>, body: string, toleranceSeconds = 300, now = Date.now()): boolean {
  const id = headers['webhook-id'];
  const timestamp = Number(headers['webhook-timestamp']);
  const signatures = headers['webhook-signature']?.split(' ') ?? [];
  if (!id || !Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(key, id, timestamp, body));
  return signatures.some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
