import { PGlite } from '@electric-sql/pglite';
import { mkdir } from 'node:fs/promises';
import type { SqlDatabase } from './sql-database.js';

/** Embedded PostgreSQL (WASM) in this process: the default, so `npm start` needs no database server. */
export async function openPgliteDatabase(dataDir: string | null): Promise<SqlDatabase> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  return {
    kind: 'embedded',
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await db.query<T>(sql, params);
      return result.rows;
    },
    async execInTransaction(sql: string) {
      await db.transaction(async (tx) => {
        await tx.exec(sql);
      });
    },
    close: () => db.close(),
  };
}
