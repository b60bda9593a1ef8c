import { createHash } from 'node:crypto';
import { parseApiKeys, verifyApiKey } from './api-key.verifier.js';

const hash = (key: string) => createHash('sha256').update(key).digest('hex');

describe(verifyApiKey.name, () => {
  const keys = parseApiKeys(`billing:${hash('key-one')}, console:${hash('key-two')}`);

  it('names the key whose SHA-256 is listed, with several keys valid at once for rotation', () => {
    expect(verifyApiKey(keys, 'key-one')).toBe('billing');
    expect(verifyApiKey(keys, 'key-two')).toBe('console');
  });

  it('refuses a key that is not listed, and the hash itself presented as a key', () => {
    expect(verifyApiKey(keys, 'key-three')).toBeNull();
    expect(verifyApiKey(keys, hash('key-one'))).toBeNull();
    expect(verifyApiKey(keys, '')).toBeNull();
  });
});

describe(parseApiKeys.name, () => {
  it('refuses entries that are not name:sha256hex without echoing them', () => {
    expect(() => parseApiKeys('billing:my-secret-key')).toThrow(/entry 1 is not name:sha256hex/);
    expect(() => parseApiKeys('billing:my-secret-key')).not.toThrow(/my-secret-key/);
    expect(() => parseApiKeys(`a:${hash('x')},a:${hash('y')}`)).toThrow(/used twice/);
    expect(() => parseApiKeys(' , ')).toThrow(/no key/);
  });
});
