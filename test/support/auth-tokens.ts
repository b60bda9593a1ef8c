import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload, type CryptoKey } from 'jose';

/** A random API key and the `name:sha256hex` entry of API_KEYS that accepts it, as the README tells operators. */
export function makeApiKey(name: string): { key: string; entry: string } {
  const key = randomBytes(32).toString('hex');
  return { key, entry: `${name}:${createHash('sha256').update(key).digest('hex')}` };
}

const now = () => Math.floor(Date.now() / 1000);

/** The claims of a Supabase access token of a signed-in user, valid for an hour. */
export function userClaims(sub: string, over: JWTPayload = {}): JWTPayload {
  return { sub, role: 'authenticated', aud: 'authenticated', iat: now(), exp: now() + 3600, ...over };
}

/** An HS256 token, as Supabase signs with the project's shared JWT secret. */
export function signHs256(secret: string, claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

/** An unsigned token (`alg: none`), which no verifier may accept. */
export function unsignedToken(claims: JWTPayload): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  sign(claims: JWTPayload): Promise<string>;
}

export async function es256Key(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return {
    kid,
    privateKey,
    publicKey,
    publicJwk,
    sign: (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' }).sign(privateKey),
  };
}

/**
 * A stand-in for Supabase Auth's key endpoint (`/auth/v1/.well-known/jwks.json`) on loopback: serves the public
 * keys it is given, and counts the fetches so a test sees the caching and the refetch on an unknown kid.
 */
export interface JwksStandin {
  url: string;
  fetches: number;
  keys: JWK[];
  stop(): Promise<void>;
}

export async function startJwksStandin(keys: JWK[]): Promise<JwksStandin> {
  const state = { fetches: 0, keys };
  const server: Server = createServer((req, res) => {
    if (req.url !== '/auth/v1/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    state.fetches++;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=600' }).end(JSON.stringify({ keys: state.keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/auth/v1/.well-known/jwks.json`,
    get fetches() {
      return state.fetches;
    },
    set fetches(value: number) {
      state.fetches = value;
    },
    get keys() {
      return state.keys;
    },
    set keys(value: JWK[]) {
      state.keys = value;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
