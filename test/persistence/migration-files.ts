import { defaultMigrationsDir, listMigrations } from '../../apps/orchestrator/src/persistence/migrations.runner.js';

/** The files of migrations/, as the runner sees them: suites must not assume they end at a given number. */
export const MIGRATIONS = await listMigrations(defaultMigrationsDir());
export const MIGRATION_FILES = MIGRATIONS.map((m) => m.file);
export const LATEST = MIGRATIONS.at(-1)!.version;

