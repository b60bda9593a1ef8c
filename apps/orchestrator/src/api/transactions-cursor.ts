import { ProblemException } from '@cashflow/nest-http';

/** Opaque to clients: the (date, id) of the last row of a page. */
export function encodeTransactionCursor(row: { date: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.date, row.id])).toString('base64url');
}

export function decodeTransactionCursor(cursor: string): { date: string; id: string } {
  try {
    const [date, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || typeof id !== 'string') throw new Error('not a cursor');
    return { date, id };
  } catch {
    throw ProblemException.badRequest('cursor is not a next_cursor this API returned', [{ field: 'cursor', messages: ['invalid cursor'] }]);
  }
}
