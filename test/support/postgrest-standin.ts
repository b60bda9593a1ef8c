import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import pg from 'pg';

/**
 * A STAND-IN FOR POSTGREST (Supabase's REST layer), which cannot be installed here. It answers only what
 * supabase-js `rpc()` sends for the persistence functions: `POST /rest/v1/rpc/cf_<name>` with `{ p: ... }`.
 * Like PostgREST it verifies the HS256 JWT of `Authorization`, runs the call in one transaction as the JWT's
 * role with `request.jwt.claims` set, answers the function's JSON, and maps errors to PostgREST's body
 * `{ code, message, details, hint }` and status codes. Everything else is refused.
 */
export interface PostgrestStandin {
  url: string;
  requests: number;
  stop(): Promise<void>;
}

export interface PostgrestStandinOptions {
  /** The real PostgreSQL the calls run on, connected as a role allowed to `set role` to the JWT's role. */
  connectionString: string;
  jwtSecret: string;
  /** The one exposed schema (PostgREST `db-schemas`); supabase-js names it in `Content-Profile`. */
  schema?: string;
}

interface PostgrestError {
  code: string;
  message: string;
  details: string | null;
  hint: string | null;
}

class HttpError extends Error {
  constructor(readonly status: number, readonly body: PostgrestError) {
    super(body.message);
  }
}

export function signJwt(secret: string, claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

function verifyJwt(secret: string, token: string): Record<string, unknown> {
  const [header, payload, signature] = token.split('.');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature ?? '', 'base64url');
  if (!payload || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HttpError(401, { code: 'PGRST301', message: 'JWSError JWSInvalidSignature', details: null, hint: null });
  }
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) {
    throw new HttpError(401, { code: 'PGRST303', message: 'JWT expired', details: null, hint: null });
  }
  return claims;
}

// PostgREST's mapping of SQLSTATE to HTTP status (docs: "Errors", PostgreSQL errors), the classes we can meet.
function statusFor(sqlstate: string, role: string): number {
  if (sqlstate === '42501') return role === 'anon' ? 401 : 403;
  if (sqlstate === '23503' || sqlstate === '23505') return 409;
  if (sqlstate === '42883' || sqlstate === '42P01') return 404;
  if (sqlstate === 'P0001') return 400;
  if (/^(08|53)/.test(sqlstate)) return 503;
  if (/^(0L|0P|28)/.test(sqlstate)) return 403;
  if (/^(09|25|2D|38|39|3B|40|54|55|57|58|F0|HV|P0|XX)/.test(sqlstate)) return 500;
  return 400;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new HttpError(400, { code: 'PGRST102', message: 'Empty or invalid json', details: null, hint: null });
  }
}

export async function startPostgrestStandin(options: PostgrestStandinOptions): Promise<PostgrestStandin> {
  const schema = options.schema ?? 'public';
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 10, application_name: 'postgrest-standin' });
  pool.on('error', () => undefined);
  const standin = { url: '', requests: 0, stop: async () => undefined } as PostgrestStandin;

  async function rpc(fn: string, req: IncomingMessage): Promise<string> {
    if (!req.headers.apikey) {
      throw new HttpError(401, { code: '', message: 'No API key found in request', details: null, hint: null });
    }
    const profile = req.headers['content-profile'];
    if (profile !== undefined && profile !== schema) {
      throw new HttpError(406, { code: 'PGRST106', message: `The schema must be one of the following: ${schema}`, details: null, hint: null });
    }
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const claims = bearer ? verifyJwt(options.jwtSecret, bearer) : { role: 'anon' };
    const role = String(claims.role ?? 'anon');
    const body = await readBody(req);
    const keys = body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : null;
    if (!keys || keys.some((k) => k !== 'p')) {
      throw new HttpError(404, {
        code: 'PGRST202',
        message: `Could not find the function ${schema}.${fn}(${(keys ?? []).join(', ')}) in the schema cache`,
        details: null,
        hint: null,
      });
    }
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [role, JSON.stringify(claims)]);
      const call = keys.length ? `select ${fn}($1::jsonb)::text as r` : `select ${fn}()::text as r`;
      const result = await client.query<{ r: string | null }>(call, keys.length ? [JSON.stringify((body as { p: unknown }).p)] : []);
      await client.query('commit');
      return result.rows[0]?.r ?? 'null';
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      const e = error as pg.DatabaseError;
      if (!e.code) throw error;
      if (e.code === '42883' && e.message.includes(fn)) {
        throw new HttpError(404, { code: 'PGRST202', message: `Could not find the function ${schema}.${fn}(p) in the schema cache`, details: null, hint: null });
      }
      throw new HttpError(statusFor(e.code, role), { code: e.code, message: e.message, details: e.detail ?? null, hint: e.hint ?? null });
    } finally {
      client.release();
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    standin.requests++;
    const match = /^\/rest\/v1\/rpc\/([^/?]+)(\?.*)?$/.exec(req.url ?? '');
    if (!match) throw new HttpError(404, { code: 'PGRST125', message: `Invalid path specified in request URL (stand-in serves only /rest/v1/rpc/cf_*)`, details: null, hint: null });
    if (req.method !== 'POST') throw new HttpError(405, { code: 'PGRST117', message: `Unsupported HTTP method: ${req.method}`, details: null, hint: null });
    const fn = match[1]!;
    if (!/^cf_[a-z0-9_]+$/.test(fn)) {
      throw new HttpError(404, { code: 'PGRST202', message: `Could not find the function ${schema}.${fn} in the schema cache (stand-in serves cf_ functions only)`, details: null, hint: null });
    }
    const json = await rpc(fn, req);
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(json);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const http = error instanceof HttpError ? error : new HttpError(500, { code: '', message: String(error), details: null, hint: null });
      if (res.headersSent) return res.destroy();
      res.writeHead(http.status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(http.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  standin.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  standin.stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await pool.end();
  };
  return standin;
}
