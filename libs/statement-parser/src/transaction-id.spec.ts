import type { StatementTransaction } from './statement.types.js';
import { deriveTransactionId, makeIdsUnique } from './transaction-id.js';

describe(deriveTransactionId.name, () => {
  it('is the prefix and 16 hex digits, the same for the same parts', () => {
    const id = deriveTransactionId('csv', ['2024-01-02', '-1.00', 'Shop', 3]);
    expect(id).toMatch(/^csv-[0-9a-f]{16}$/);
    expect(deriveTransactionId('csv', ['2024-01-02', '-1.00', 'Shop', 3])).toBe(id);
  });

  it('differs when a part, the order of parts or the prefix differs', () => {
    const id = deriveTransactionId('csv', ['a', 'b']);
    expect(new Set([id, deriveTransactionId('csv', ['b', 'a']), deriveTransactionId('csv', ['ab']), deriveTransactionId('ofx', ['a', 'b']), deriveTransactionId('csv', ['a', 'b', undefined])]).size).toBe(5);
  });
});

describe(makeIdsUnique.name, () => {
  const tx = (id: string): StatementTransaction => ({ id, date: '2024-01-02', amount: '1.00', currency: 'EUR', label: '', raw: {} });

  it('numbers the later duplicates of an id from 2, leaving the first and the unique ones as they are', () => {
    const txs = ['A', 'B', 'A', 'A', 'C', 'B'].map(tx);
    makeIdsUnique(txs);
    expect(txs.map((t) => t.id)).toEqual(['A', 'B', 'A#2', 'A#3', 'C', 'B#2']);
  });
});
