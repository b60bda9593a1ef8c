import type { AppConfig } from '../config/app-config.js';
import { runMigrations } from './migrations.runner.js';
import { openPgliteDatabase } from './pglite.database.js';
import { sqlFunctionCaller, type SqlFunctionCaller } from './sql-database.js';

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: AppConfig): Promise<SqlFunctionCaller> {
  const { database } = config;
  switch (database.kind) {
    case 'embedded': {
      const db = await openPgliteDatabase(database.dataDir);
      await runMigrations(db);
      return sqlFunctionCaller(db);
    }
    default:
      throw new Error(`database adapter "${database.kind}" is not available yet`);
  }
}
