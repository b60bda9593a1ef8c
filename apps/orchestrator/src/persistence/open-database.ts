import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { runMigrations } from './migrations.runner.js';
import { openPgDatabase } from './pg.database.js';
import { openPgliteDatabase } from './pglite.database.js';
import { sqlFunctionCaller, type SqlDatabase, type SqlFunctionCaller } from './sql-database.js';
import { supabaseFunctionCaller } from './supabase.caller.js';

const logger = new Logger('Persistence');

/** Opens the configured database and brings its schema up to date (Supabase: checks it, see supabase.caller.ts). */
export async function openDatabase(config: AppConfig): Promise<SqlFunctionCaller> {
  const { database } = config;
  switch (database.kind) {
    case 'embedded':
      return migrated(await openPgliteDatabase(database.dataDir));
    case 'postgres':
      return migrated(openPgDatabase(database.url, { poolSize: database.poolSize, applicationName: `cashflow-orchestrator ${config.replicaId}` }));
    case 'supabase': {
      const caller = supabaseFunctionCaller(database.url, database.key);
      // Not fatal: a project without the schema (or briefly unreachable) reports it on /health/ready.
      await caller.schemaVersion().then(
        (version) => version ?? logger.warn('the Supabase project has no schema: apply migrations/ (see supabase.caller.ts)'),
        (error: Error) => logger.warn(`Supabase is not answering yet: ${error.message}`),
      );
      return caller;
    }
  }
}

async function migrated(db: SqlDatabase): Promise<SqlFunctionCaller> {
  try {
    const applied = await runMigrations(db);
    if (applied.length) logger.log(`applied migrations: ${applied.join(', ')}`);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return sqlFunctionCaller(db);
}
