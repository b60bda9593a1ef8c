import { emptyToUndefined, readEnvironment } from '@cashflow/nest-http';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Min } from 'class-validator';
import { parseApiKeys, type ApiKeyHash } from './api-key.verifier.js';

const BOOLEANS: Record<string, boolean> = { true: true, '1': true, false: false, '0': false };
/** `true`/`1`, `false`/`0`; empty means unset; anything else stays as it is and fails @IsBoolean, naming the variable. */
const toBoolean = () => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : typeof value === 'string' && value in BOOLEANS ? BOOLEANS[value] : value));

/** The variables of authentication, limits and HTTP hygiene (README: Security; `.env.example`). */
export class AuthEnvironmentVariables {
  @IsOptional() @emptyToUndefined() @IsString()
  SUPABASE_JWT_SECRET?: string;

  @IsOptional() @emptyToUndefined() @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  SUPABASE_JWKS_URL?: string;

  @IsOptional() @emptyToUndefined() @IsString()
  JWT_AUDIENCE = 'authenticated';

  @IsOptional() @emptyToUndefined() @IsString()
  JWT_ISSUER?: string;

  @IsOptional() @emptyToUndefined() @IsString()
  API_KEYS?: string;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(0)
  RATE_LIMIT_PER_MINUTE = 600;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(0)
  AUTH_FAILURES_PER_MINUTE = 60;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(0)
  SSE_MAX_STREAMS = 10;

  @IsOptional() @emptyToUndefined() @IsString()
  CORS_ORIGINS?: string;

  @IsOptional() @toBoolean() @IsBoolean()
  DOCS_ENABLED?: boolean;

  /** Behind a load balancer: which hops' X-Forwarded-For to believe (Express's `trust proxy`); unset = none. */
  @IsOptional() @emptyToUndefined() @IsString()
  TRUST_PROXY?: string;
}

export interface AuthConfig {
  /** No principal configured: every request is served, as before authentication existed (never in production). */
  open: boolean;
  jwt: { secret: Uint8Array | null; jwksUrl: string | null; audience: string; issuer: string | null } | null;
  apiKeys: ApiKeyHash[];
  /** Requests per minute per principal and replica; 0 = unlimited. */
  rateLimitPerMinute: number;
  /** Failed authentications per minute per client address; 0 = unlimited. */
  authFailuresPerMinute: number;
  /** Concurrent event streams per principal; 0 = unlimited. */
  sseMaxStreams: number;
  corsOrigins: string[];
  docsEnabled: boolean;
  /**
   * Express's `trust proxy`: a hop count, or the proxies' addresses/subnets (or `loopback`, `linklocal`,
   * `uniquelocal`); false = the connection's address is the client's, whatever X-Forwarded-For says.
   */
  trustProxy: number | string[] | false;
}

/** `true` would believe any X-Forwarded-For, so a client could pick the address its failed logins count against. */
function parseTrustProxy(value: string | undefined, problems: string[]): AuthConfig['trustProxy'] {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const proxies = value.split(',').map((p) => p.trim()).filter(Boolean);
  const bad = proxies.filter((p) => !/^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(p));
  if (value === 'true' || bad.length || proxies.length === 0) {
    problems.push(`TRUST_PROXY=${JSON.stringify(value)}: give the number of proxies in front, or their addresses or subnets (comma-separated; loopback, linklocal, uniquelocal allowed), not true`);
    return false;
  }
  return proxies;
}

/** Supabase's HS256 secret is at least 32 characters; a shorter one is guessable offline from any token. */
const MIN_SECRET_LENGTH = 32;

/** `supabaseUrl` is the validated SUPABASE_URL: its JWKS is used unless SUPABASE_JWKS_URL names another. */
export function loadAuthConfig(env: NodeJS.ProcessEnv, environment: string, supabaseUrl?: string): { auth: AuthConfig; problems: string[] } {
  const { vars, problems } = readEnvironment(AuthEnvironmentVariables, env);
  let apiKeys: ApiKeyHash[] = [];
  try {
    apiKeys = vars.API_KEYS ? parseApiKeys(vars.API_KEYS) : [];
  } catch (error) {
    problems.push(`API_KEYS: ${(error as Error).message}`);
  }
  if (vars.SUPABASE_JWT_SECRET && vars.SUPABASE_JWT_SECRET.length < MIN_SECRET_LENGTH) {
    problems.push(`SUPABASE_JWT_SECRET: must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  const jwksUrl = vars.SUPABASE_JWKS_URL ?? (supabaseUrl ? `${supabaseUrl.replace(/\/+$/, '')}/auth/v1/.well-known/jwks.json` : null);
  const jwt = vars.SUPABASE_JWT_SECRET || jwksUrl
    ? {
        secret: vars.SUPABASE_JWT_SECRET ? new TextEncoder().encode(vars.SUPABASE_JWT_SECRET) : null,
        jwksUrl,
        audience: vars.JWT_AUDIENCE,
        issuer: vars.JWT_ISSUER ?? null,
      }
    : null;
  const open = !jwt && apiKeys.length === 0;
  if (open && environment === 'production' && !vars.API_KEYS) {
    problems.push('authentication: ENVIRONMENT=production needs SUPABASE_JWT_SECRET, SUPABASE_JWKS_URL (or SUPABASE_URL) or API_KEYS; the service does not run open in production');
  }
  return {
    auth: {
      open,
      jwt,
      apiKeys,
      rateLimitPerMinute: vars.RATE_LIMIT_PER_MINUTE,
      authFailuresPerMinute: vars.AUTH_FAILURES_PER_MINUTE,
      sseMaxStreams: vars.SSE_MAX_STREAMS,
      corsOrigins: (vars.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
      docsEnabled: vars.DOCS_ENABLED ?? environment !== 'production',
      trustProxy: parseTrustProxy(vars.TRUST_PROXY, problems),
    },
    problems,
  };
}
