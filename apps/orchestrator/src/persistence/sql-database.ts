/** The little the persistence layer needs from a SQL connection; PGlite and node-postgres both fit. */
export interface SqlDatabase {
  readonly kind: 'embedded' | 'postgres';
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements (a migration file) in one transaction, under an advisory lock when the database has other clients. */
  execInTransaction(sql: string, lockKey?: number): Promise<void>;
  close(): Promise<void>;
}

/** Calls one of the SQL functions of migrations/ with a jsonb argument and returns its jsonb result. */
export interface SqlFunctionCaller {
  call<T>(fn: string, payload: object): Promise<T>;
  /** The last migration applied, or null when the database answers but holds no schema; rejects when unreachable. */
  schemaVersion(): Promise<string | null>;
  /** Why the schema must not be trusted (migration files changed since they were applied), or null. */
  readonly schemaProblem?: string | null;
  close(): Promise<void>;
}

export function sqlFunctionCaller(db: SqlDatabase, schemaProblem: string | null = null): SqlFunctionCaller {
  return {
    schemaProblem,
    async call<T>(fn: string, payload: object): Promise<T> {
      if (!/^cf_[a-z_]+$/.test(fn)) throw new Error(`not a persistence function: ${fn}`);
      const rows = await db.query<{ r: T }>(`select ${fn}($1::jsonb) as r`, [JSON.stringify(payload)]);
      return rows[0]!.r;
    },
    async schemaVersion() {
      const [table] = await db.query<{ t: string | null }>(`select to_regclass('schema_migrations')::text as t`);
      if (!table?.t) return null;
      const rows = await db.query<{ v: string | null }>('select max(version) as v from schema_migrations');
      return rows[0]?.v ?? null;
    },
    close: () => db.close(),
  };
}
