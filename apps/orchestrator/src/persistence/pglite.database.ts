import { PGlite } from '@electric-sql/pglite';
import { mkdir } from 'node:fs/promises';
import type { SqlDatabase } from './sql-database.js';

export interface PgliteDatabase extends SqlDatabase {
  /** The whole cluster as a tar archive, for `loadDataDir`. */
  dumpDataDir(): Promise<Blob>;
}

/**
 * Embedded PostgreSQL (WASM) in this process: the default, so `npm start` needs no database server.
 * `loadDataDir` starts an in-memory database from a dump (`dumpDataDir`) instead of an empty cluster.
 */
export async function openPgliteDatabase(dataDir: string | null, options: { loadDataDir?: Blob } = {}): Promise<PgliteDatabase> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = dataDir ? await PGlite.create(dataDir, options) : await PGlite.create(options);
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
    dumpDataDir: () => db.dumpDataDir('none'),
  };
}
