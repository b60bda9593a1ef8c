import { StepOutputCache } from './step-output-cache.js';

describe(StepOutputCache.name, () => {
  it('gives back what was set, by workflow and key', () => {
    const cache = new StepOutputCache(8);
    cache.set('w1', 'extract', { rows: 1 });
    cache.set('w2', 'extract', { rows: 2 });
    cache.set('w1', 'analyze', { rows: 3 });
    expect(cache.get('w1', 'extract')).toEqual({ rows: 1 });
    expect(cache.get('w2', 'extract')).toEqual({ rows: 2 });
    expect(cache.get('w1', 'analyze')).toEqual({ rows: 3 });
    expect(cache.get('w2', 'analyze')).toBeUndefined();
    expect(cache.size).toBe(3);
  });

  it('keeps workflow and key apart, so no two pairs share an entry', () => {
    const cache = new StepOutputCache(8);
    cache.set('w1', 'ab', 'first');
    cache.set('w1a', 'b', 'second');
    expect(cache.get('w1', 'ab')).toBe('first');
    expect(cache.get('w1a', 'b')).toBe('second');
  });

  it('drops the oldest entries past its size, counting a set again as new', () => {
    const cache = new StepOutputCache(2);
    cache.set('w1', 'k', 1);
    cache.set('w2', 'k', 2);
    cache.set('w1', 'k', 11); // w1 is now the newest
    cache.set('w3', 'k', 3);
    expect(cache.get('w2', 'k')).toBeUndefined();
    expect(cache.get('w1', 'k')).toBe(11);
    expect(cache.get('w3', 'k')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('drops as many as it must when over its size', () => {
    const cache = new StepOutputCache(1);
    cache.set('w1', 'k', 1);
    cache.set('w2', 'k', 2);
    expect(cache.size).toBe(1);
    expect(cache.get('w1', 'k')).toBeUndefined();
    expect(cache.get('w2', 'k')).toBe(2);
  });

  it('keeps nothing at size 0 (every read goes to the store)', () => {
    const cache = new StepOutputCache(0);
    cache.set('w1', 'k', 1);
    expect(cache.get('w1', 'k')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('deletes one entry', () => {
    const cache = new StepOutputCache(4);
    cache.set('w1', 'a', 1);
    cache.set('w1', 'b', 2);
    cache.delete('w1', 'a');
    expect(cache.get('w1', 'a')).toBeUndefined();
    expect(cache.get('w1', 'b')).toBe(2);
  });

  it('forgets every entry of a finished workflow and only those', () => {
    const cache = new StepOutputCache(8);
    cache.set('w1', 'extract', 1);
    cache.set('w1', 'analyze', 2);
    cache.set('w10', 'extract', 3);
    cache.set('w2', 'extract', 4);
    cache.forget('w1');
    expect(cache.get('w1', 'extract')).toBeUndefined();
    expect(cache.get('w1', 'analyze')).toBeUndefined();
    // w10 starts with "w1": only the separator tells them apart.
    expect(cache.get('w10', 'extract')).toBe(3);
    expect(cache.get('w2', 'extract')).toBe(4);
    expect(cache.size).toBe(2);
  });
});
