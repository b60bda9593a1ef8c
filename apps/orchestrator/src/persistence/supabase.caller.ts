import { createClient, type RealtimeClientOptions } from '@supabase/supabase-js';
import type { SqlFunctionCaller } from './sql-database.js';

/*
 * Migrations cannot be applied through PostgREST, so this adapter never migrates. Apply migrations/ to the
 * project once per release, either by booting one replica with DATABASE_URL set to the project's direct
 * connection (postgresql://postgres:<password>@db.<ref>.supabase.co:5432/postgres; the runner applies and
 * records each file), or with the Supabase CLI / SQL editor followed by recording the versions in
 * schema_migrations. Until then /health/ready reports the schema as missing or behind.
 */

export interface SupabaseCallerOptions {
  requestTimeoutMs?: number;
}

/** A PostgREST error, kept with its code (e.g. 23505, PGRST202) so callers can tell them apart. */
export class SupabaseRpcError extends Error {
  constructor(
    readonly fn: string,
    readonly code: string,
    message: string,
    readonly details: string | null,
    readonly hint: string | null,
  ) {
    super(`${fn}: ${message}${details ? ` (${details})` : ''}`);
    this.name = 'SupabaseRpcError';
  }
}

// The function or the tables it reads do not exist: the project has no schema yet.
const MISSING_SCHEMA_CODES = new Set(['PGRST202', '42883', '42P01']);

// supabase-js builds a Realtime client in createClient(), which throws on Node 20 (no global WebSocket) unless a
// transport is given. The orchestrator only calls rpc(); front ends are the ones subscribing to `workflows`.
class RealtimeUnused {
  constructor() {
    throw new Error('the orchestrator does not use Supabase Realtime');
  }
}

/** The SQL functions of migrations/ over supabase-js `rpc()`, with the service-role key. */
export function supabaseFunctionCaller(url: string, serviceRoleKey: string, options: SupabaseCallerOptions = {}): SqlFunctionCaller {
  const client = createClient(url, serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: RealtimeUnused as unknown as NonNullable<RealtimeClientOptions['transport']> },
  });
  const timeoutMs = options.requestTimeoutMs ?? 30_000;

  async function call<T>(fn: string, payload: object): Promise<T> {
    if (!/^cf_[a-z_]+$/.test(fn)) throw new Error(`not a persistence function: ${fn}`);
    const response = await client.rpc(fn, { p: payload }).abortSignal(AbortSignal.timeout(timeoutMs));
    const data: unknown = response.data;
    const error = response.error;
    if (error) throw new SupabaseRpcError(fn, error.code ?? '', error.message, error.details || null, error.hint || null);
    return data as T;
  }

  return {
    call,
    async schemaVersion() {
      try {
        return await call<string | null>('cf_schema_version', {});
      } catch (error) {
        if (error instanceof SupabaseRpcError && MISSING_SCHEMA_CODES.has(error.code)) return null;
        throw error;
      }
    },
    async close() {
      await client.removeAllChannels();
    },
  };
}
