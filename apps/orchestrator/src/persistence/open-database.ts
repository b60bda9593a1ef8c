import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { describeDrift, migrateSchema } from './migrations.runner.js';
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
    const report = await migrateSchema(db);
    if (report.drift.length) {
      // Not fatal, as an outage is not: the process stays up and /health/ready says why until the files are restored.
      for (const d of report.drift) logger.error(`migration ${d.file} changed since it was applied (${d.reason}): nothing was applied`);
      return sqlFunctionCaller(db, describeDrift(report.drift));
    }
    if (report.applied.length) logger.log(`applied migrations: ${report.applied.join(', ')}`);
    if (report.functions.length) logger.log(`applied function files: ${report.functions.join(', ')}`);
    if (report.aheadOfBuild) logger.warn('the database has migrations newer than this build: its SQL functions were left as they are');
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return sqlFunctionCaller(db);
}
