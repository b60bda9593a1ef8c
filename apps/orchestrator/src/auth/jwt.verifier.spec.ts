import { exportSPKI, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { JwtVerifier } from './jwt.verifier.js';

const SECRET = 'a-project-jwt-secret-of-at-least-32-chars';
const now = () => Math.floor(Date.now() / 1000);
const claims = (over: JWTPayload = {}): JWTPayload => ({ sub: 'user-1', role: 'authenticated', aud: 'authenticated', exp: now() + 600, ...over });
const hs256 = (payload: JWTPayload, secret = SECRET) =>
  new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));

describe(JwtVerifier.name, () => {
  const verifier = new JwtVerifier({ secret: new TextEncoder().encode(SECRET), jwksUrl: null, audience: 'authenticated', issuer: null });

  it("returns the user id (sub) of a token signed with the project's secret", async () => {
    await expect(verifier.verify(await hs256(claims()))).resolves.toBe('user-1');
  });

  it.each([
    ['another secret', () => hs256(claims(), 'another-secret-of-at-least-32-characters'), /signature/],
    ['expired past the skew', () => hs256(claims({ exp: now() - 60 })), /expired/],
    ['not yet valid', () => hs256(claims({ nbf: now() + 60 })), /nbf/],
    ['another audience', () => hs256(claims({ aud: 'other' })), /aud/],
    ['an anon key', () => hs256(claims({ role: 'anon' })), /anon/],
    ['no sub', () => hs256({ role: 'authenticated', aud: 'authenticated', exp: now() + 600 }), /sub/],
    ['alg none', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.`, /"none"/],
    ['ES256 with no JWKS configured', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      return new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', kid: 'k' }).sign(privateKey);
    }, /ES256/],
  ])('refuses a token signed with %s', async (_name, token, reason) => {
    await expect(verifier.verify(await token())).rejects.toMatchObject({ name: 'TokenRejected', reason: expect.stringMatching(reason) });
  });

  it('refuses an HS256 token "signed" with a public key when only a JWKS is configured', async () => {
    const { publicKey } = await generateKeyPair('ES256', { extractable: true });
    const jwksOnly = new JwtVerifier({ secret: null, jwksUrl: 'http://127.0.0.1:9/jwks.json', audience: 'authenticated', issuer: null });
    const token = await hs256(claims(), await exportSPKI(publicKey));
    await expect(jwksOnly.verify(token)).rejects.toMatchObject({ reason: expect.stringMatching(/HS256/) });
  });

  it('checks the issuer when one is configured', async () => {
    const withIssuer = new JwtVerifier({ secret: new TextEncoder().encode(SECRET), jwksUrl: null, audience: 'authenticated', issuer: 'https://p.supabase.co/auth/v1' });
    await expect(withIssuer.verify(await hs256(claims({ iss: 'https://p.supabase.co/auth/v1' })))).resolves.toBe('user-1');
    await expect(withIssuer.verify(await hs256(claims({ iss: 'https://evil.example' })))).rejects.toMatchObject({ reason: expect.stringMatching(/iss/) });
  });
});
