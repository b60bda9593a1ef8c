import { findUnsafeInput } from './unsafe-input.js';

describe(findUnsafeInput.name, () => {
  it('names strings holding NUL or a lone surrogate, at any depth', () => {
    const problems = findUnsafeInput({ user_id: 'a\u0000b', lines: [{ label: 'ok' }, { label: 'x\ud800' }], note: 'y\udc00' });
    expect(problems.map((p) => p.field)).toEqual(['user_id', 'lines[1].label', 'note']);
  });

  it('accepts well-formed text, surrogate pairs included', () => {
    expect(findUnsafeInput({ label: 'REÇU 😀 café', n: 3, nested: { ok: [null, true, 'x'] } })).toEqual([]);
  });

  it('names prototype keys at any depth like any unknown field', () => {
    const body = JSON.parse('{"__proto__": {"x": 1}, "retry_policy": {"constructor": {}, "prototype": 1}, "items": [{"__proto__": 2}]}');
    expect(findUnsafeInput(body).map((p) => p.field)).toEqual(['__proto__', 'retry_policy.constructor', 'retry_policy.prototype', 'items[0].__proto__']);
    expect(findUnsafeInput(body)[0]!.message).toBe('property __proto__ should not exist');
  });

  it('names a route parameter or query value by its name', () => {
    expect(findUnsafeInput('\u0000', 'id')).toEqual([{ field: 'id', message: 'id must not contain a NUL character' }]);
  });
});
