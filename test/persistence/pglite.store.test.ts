import { runMigrations } from '../../apps/orchestrator/src/persistence/migrations.runner.js';
import { openPgliteDatabase } from '../../apps/orchestrator/src/persistence/pglite.database.js';
import { sqlFunctionCaller } from '../../apps/orchestrator/src/persistence/sql-database.js';
import { checkReadiness } from '../../apps/orchestrator/src/health/readiness.js';
import { truncateAll } from './postgres-test-db.js';
import { LATEST, MIGRATION_FILES } from './migration-files.js';
import { describeWorkflowStoreConformance } from './workflow-store.conformance.js';
import { openMigratedPglite } from '../support/migrated-pglite.js';

describeWorkflowStoreConformance('PGlite (embedded, in memory)', async () => {
  const db = await openMigratedPglite();
  return { caller: sqlFunctionCaller(db), reset: () => truncateAll(db), close: () => db.close() };
});

describe('migrations on PGlite', () => {
  it('apply once, then running them again is a no-op, and the schema reads as ready', async () => {
    const db = await openPgliteDatabase(null);
    try {
      const caller = sqlFunctionCaller(db);
      expect(await checkReadiness(caller, LATEST)).toEqual({ ready: false, reason: expect.stringMatching(/no schema/) });
      expect(await runMigrations(db)).toEqual(MIGRATION_FILES);
      expect(await runMigrations(db)).toEqual([]);
      expect(await caller.schemaVersion()).toBe(LATEST);
      expect(await caller.call('cf_schema_version', {})).toBe(LATEST);
      expect(await checkReadiness(caller, LATEST)).toEqual({ ready: true, schemaVersion: LATEST });
      const withoutRls = await db.query(
        `select relname from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'r' and not relrowsecurity`,
      );
      expect(withoutRls).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
