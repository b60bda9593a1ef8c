import { createHash, timingSafeEqual } from 'node:crypto';

export interface ApiKeyHash {
  name: string;
  sha256: Buffer;
}

const ENTRY = /^([A-Za-z0-9._-]{1,64}):([0-9a-fA-F]{64})$/;

/**
 * `API_KEYS=name:sha256hex,...`: the environment holds hashes, never keys. Errors name the entry by its position
 * and name only, so a key pasted by mistake in place of its hash is not echoed.
 */
export function parseApiKeys(value: string): ApiKeyHash[] {
  const keys: ApiKeyHash[] = [];
  value.split(',').map((entry) => entry.trim()).filter(Boolean).forEach((entry, index) => {
    const match = ENTRY.exec(entry);
    if (!match) throw new Error(`entry ${index + 1} is not name:sha256hex (a name of letters, digits, '.', '_' or '-', then the 64 hex digits of the key's SHA-256)`);
    if (keys.some((k) => k.name === match[1])) throw new Error(`the name ${match[1]} is used twice`);
    keys.push({ name: match[1]!, sha256: Buffer.from(match[2]!, 'hex') });
  });
  if (keys.length === 0) throw new Error('no key listed');
  return keys;
}

/** The name of the key whose hash matches, or null. Every listed hash is compared, in constant time each. */
export function verifyApiKey(keys: readonly ApiKeyHash[], presented: string): string | null {
  const digest = createHash('sha256').update(presented, 'utf8').digest();
  let found: string | null = null;
  for (const key of keys) {
    if (timingSafeEqual(digest, key.sha256) && found === null) found = key.name;
  }
  return found;
}
