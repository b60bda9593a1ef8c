import { createHash } from 'node:crypto';

import type { StatementTransaction } from './statement.types.js';

/** A deterministic id from a transaction's content and position, for sources without a bank id. */
export function deriveTransactionId(prefix: string, parts: ReadonlyArray<string | number | undefined>): string {
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
  return `${prefix}-${digest}`;
}

/** Bank ids are not always unique (a reference reused, a batch split): later duplicates get `#n`. */
export function makeIdsUnique(transactions: StatementTransaction[]): void {
  const seen = new Map<string, number>();
  for (const tx of transactions) {
    const count = (seen.get(tx.id) ?? 0) + 1;
    seen.set(tx.id, count);
    if (count > 1) tx.id = `${tx.id}#${count}`;
  }
}
