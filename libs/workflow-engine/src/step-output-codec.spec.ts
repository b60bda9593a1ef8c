import { gunzipSync } from 'node:zlib';
import { decodeStepOutput, encodeStepOutput } from './step-output-codec.js';

// A statement's extraction past the 64 KB mark (65,536 characters of JSON).
const rows = (count: number) => Array.from({ length: count }, (_, i) => ({ date: '2024-03-01', amount: `-${i}.50`, description: `CARD PAYMENT ${i}` }));
const jsonLength = (value: unknown) => JSON.stringify(value).length;

describe('step output codec', () => {
  it('stores a small output as its JSON text, as is', async () => {
    const value = { transactions: rows(3), currency: 'EUR' };
    const text = await encodeStepOutput(value);
    expect(text).toBe(JSON.stringify(value));
    await expect(decodeStepOutput(text)).resolves.toEqual(value);
  });

  it('gzips an output from 64 KB of JSON on, and reads it back', async () => {
    const value = { transactions: rows(2_000) };
    expect(jsonLength(value)).toBeGreaterThan(64 * 1024);
    const text = await encodeStepOutput(value);
    expect(text.startsWith('gzip:')).toBe(true);
    expect(text.length).toBeLessThan(jsonLength(value) / 4);
    expect(gunzipSync(Buffer.from(text.slice('gzip:'.length), 'base64')).toString('utf8')).toBe(JSON.stringify(value));
    await expect(decodeStepOutput(text)).resolves.toEqual(value);
  });

  it('gzips at exactly 64 KB and not one character below', async () => {
    const sized = (chars: number) => {
      const padding = chars - jsonLength({ p: '' });
      return { p: 'x'.repeat(padding) };
    };
    expect(await encodeStepOutput(sized(64 * 1024 - 1))).toBe(JSON.stringify(sized(64 * 1024 - 1)));
    const atLimit = await encodeStepOutput(sized(64 * 1024));
    expect(atLimit.startsWith('gzip:')).toBe(true);
    await expect(decodeStepOutput(atLimit)).resolves.toEqual(sized(64 * 1024));
  });

  it('reads JSON text that does not start with the gzip mark as plain JSON', async () => {
    await expect(decodeStepOutput('"gzip: is only a mark at the start"')).resolves.toBe('gzip: is only a mark at the start');
    await expect(decodeStepOutput('[1,2]')).resolves.toEqual([1, 2]);
  });
});
