import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { SqlDatabase } from './sql-database.js';

export interface PgDatabaseOptions {
  poolSize?: number;
  /** Server-side limit per statement; migrations lift it for their own transaction. */
  statementTimeoutMs?: number;
  /** How long a query waits for a connection, so readiness answers during an outage instead of hanging. */
  connectTimeoutMs?: number;
  applicationName?: string;
}

const logger = new Logger('PgDatabase');

/** Any PostgreSQL through node-postgres (self-hosted, or Supabase's direct connection). */
export function openPgDatabase(connectionString: string, options: PgDatabaseOptions = {}): SqlDatabase {
  const statementTimeout = options.statementTimeoutMs ?? 30_000;
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: statementTimeout,
    // A connection whose server vanished without a FIN (network partition) must not hold a query forever.
    query_timeout: statementTimeout + 5_000,
    idle_in_transaction_session_timeout: 60_000,
    keepAlive: true,
    application_name: options.applicationName ?? 'cashflow-orchestrator',
  });
  // An idle client loses its server when PostgreSQL restarts; the pool drops it and connects anew on the next
  // query. Without this listener the 'error' event would crash the process.
  pool.on('error', (error) => logger.warn(`idle database connection lost: ${error.message}`));

  return {
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await pool.query(sql, params);
      return result.rows as T[];
    },
    async execInTransaction(sql: string, lockKey?: number) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('begin');
        await client.query('set local statement_timeout = 0');
        if (lockKey !== undefined) await client.query('select pg_advisory_xact_lock($1)', [lockKey]);
        await client.query(sql);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        // A client that could not even roll back is destroyed rather than returned to the pool.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
