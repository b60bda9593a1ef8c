import type { SqlFunctionCaller } from '../persistence/sql-database.js';

export type Readiness = { ready: true; schemaVersion: string } | { ready: false; reason: string };

/** Ready = the database answers (within the timeout) and holds the schema this build expects. */
export async function checkReadiness(db: SqlFunctionCaller, expected: string | undefined, timeoutMs = 3_000): Promise<Readiness> {
  if (db.schemaProblem) return { ready: false, reason: db.schemaProblem };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  let version: string | null;
  try {
    version = await Promise.race([db.schemaVersion(), timeout]);
  } catch (error) {
    return { ready: false, reason: `database unreachable: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
  if (version === null) {
    return { ready: false, reason: `database has no schema: migrations/ are not applied (expected ${expected})` };
  }
  // Newer is fine (migrations are additive): during a rolling deploy old replicas stay ready.
  if (expected && version < expected) return { ready: false, reason: `database schema at ${version}, expected at least ${expected}` };
  return { ready: true, schemaVersion: version };
}
