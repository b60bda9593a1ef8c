import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { AuthConfig } from './auth.config.js';
import { isValidUserId } from './user-id.js';

const ASYMMETRIC = ['ES256', 'RS256'];
const CLOCK_SKEW_SECONDS = 5;
// An unknown `kid` refetches the key set at most this often, so made-up kids cannot make us hammer the issuer.
const JWKS_REFETCH_COOLDOWN_MS = 5_000;

/** Why a token was refused; said in the 401 and logged, never with the token. */
export class TokenRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TokenRejected';
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is not valid';
  if (error instanceof errors.JWKSNoMatchingKey) return "no key of the issuer's key set matches the token";
  if (error instanceof errors.JOSEAlgNotAllowed) return "the token's algorithm is not accepted";
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JOSEError) return `the token cannot be verified (${error.code})`;
  return 'the token cannot be verified';
}

/**
 * Verifies Supabase access tokens: HS256 against the project's shared secret and/or ES256/RS256 against its
 * JWKS (keys cached; an unknown kid refetches them). The header's algorithm chooses the key family, and each
 * family accepts only its own algorithms, so `alg: none` and an HS token "signed" with a public key both fail.
 */
export class JwtVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet> | null;

  constructor(private readonly config: NonNullable<AuthConfig['jwt']>) {
    this.jwks = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl), { cooldownDuration: JWKS_REFETCH_COOLDOWN_MS }) : null;
  }

  /** Returns the user id (`sub`) of a valid token, or throws TokenRejected. */
  async verify(token: string): Promise<string> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new TokenRejected('the bearer token is not a JWT');
    }
    const options = {
      audience: this.config.audience,
      ...(this.config.issuer ? { issuer: this.config.issuer } : {}),
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ['sub', 'exp'],
    };
    let payload: JWTPayload;
    try {
      if (alg === 'HS256' && this.config.secret) {
        ({ payload } = await jwtVerify(token, this.config.secret, { ...options, algorithms: ['HS256'] }));
      } else if (alg && ASYMMETRIC.includes(alg) && this.jwks) {
        ({ payload } = await jwtVerify(token, this.jwks, { ...options, algorithms: ASYMMETRIC }));
      } else {
        throw new TokenRejected(`tokens signed with ${JSON.stringify(alg ?? null)} are not accepted`);
      }
    } catch (error) {
      if (error instanceof TokenRejected) throw error;
      throw new TokenRejected(reasonOf(error));
    }
    // Supabase signs anon keys with the same secret: they identify a project, not a user.
    if (payload.role === 'anon') throw new TokenRejected('an anon token does not identify a user');
    if (!isValidUserId(payload.sub)) throw new TokenRejected("the token's sub is not a valid user id");
    return payload.sub;
  }
}
