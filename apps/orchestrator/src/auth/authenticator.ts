import { ProblemException } from '@cashflow/nest-http';
import { Logger } from '@nestjs/common';
import { verifyApiKey } from './api-key.verifier.js';
import type { AuthConfig } from './auth.config.js';
import { FailedAuthLimiter } from './failed-auth.limiter.js';
import { JwtVerifier, TokenRejected } from './jwt.verifier.js';
import type { Principal } from './principal.js';

export const REALM = 'cashflow-orchestrator';

/** A refusal with the headers it must carry (WWW-Authenticate on a 401, Retry-After on a 429). */
export class AuthenticationRefused extends ProblemException {
  constructor(status: 401 | 429, detail: string, readonly headers: Record<string, string>) {
    super(status === 401
      ? { type: '/problems/unauthorized', title: 'Unauthorized', status, detail }
      : { type: '/problems/too-many-failed-authentications', title: 'Too many requests', status, detail });
  }
}

function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, '')}"`;
}

/** Turns a request's credentials into a principal; nothing it logs or answers contains them. */
export class Authenticator {
  private readonly logger = new Logger('Authentication');
  private readonly jwt: JwtVerifier | null;
  private readonly failures: FailedAuthLimiter;

  constructor(private readonly config: AuthConfig) {
    this.jwt = config.jwt ? new JwtVerifier(config.jwt) : null;
    this.failures = new FailedAuthLimiter(config.authFailuresPerMinute);
  }

  get open(): boolean {
    return this.config.open;
  }

  async authenticate(headers: { authorization?: string; 'x-api-key'?: string | string[] }, address: string): Promise<Principal> {
    if (this.config.open) return { kind: 'open' };
    const wait = this.failures.retryAfterSeconds(address);
    if (wait > 0) {
      throw new AuthenticationRefused(429, `too many failed authentications from this address; retry in ${wait} s`, { 'Retry-After': String(wait) });
    }
    const apiKey = headers['x-api-key'];
    const bearer = /^Bearer +(\S+) *$/i.exec(headers.authorization ?? '')?.[1];
    try {
      if (apiKey !== undefined) {
        const name = typeof apiKey === 'string' ? verifyApiKey(this.config.apiKeys, apiKey) : null;
        if (!name) throw new TokenRejected('the API key is not valid');
        return { kind: 'service', keyName: name };
      }
      if (bearer) {
        if (!this.jwt) throw new TokenRejected('bearer tokens are not accepted: no Supabase JWT secret or JWKS is configured');
        return { kind: 'user', userId: await this.jwt.verify(bearer) };
      }
    } catch (error) {
      if (!(error instanceof TokenRejected)) throw error;
      this.failures.recordFailure(address);
      this.logger.warn(`refused credentials from ${address}: ${error.reason}`);
      const challenge = `Bearer realm=${quoted(REALM)}, error="invalid_token", error_description=${quoted(error.reason)}`;
      throw new AuthenticationRefused(401, error.reason, { 'WWW-Authenticate': challenge });
    }
    // Not a failed guess: nothing was presented, and nothing costly was checked.
    throw new AuthenticationRefused(401, 'authentication required: send Authorization: Bearer <Supabase access token>, or X-API-Key: <key>', {
      'WWW-Authenticate': `Bearer realm=${quoted(REALM)}`,
    });
  }

  /** What is configured, for the start-up log: kinds and key names, never a secret. */
  describe(): string {
    if (this.config.open) return 'open';
    const parts: string[] = [];
    if (this.config.jwt?.secret) parts.push('Supabase JWT (HS256 secret)');
    if (this.config.jwt?.jwksUrl) parts.push(`Supabase JWT (ES256/RS256 keys from ${this.config.jwt.jwksUrl})`);
    if (this.config.apiKeys.length) parts.push(`API keys ${this.config.apiKeys.map((k) => k.name).join(', ')}`);
    return parts.join('; ');
  }
}
