import { createHash } from 'node:crypto';
import { loadAuthConfig } from './auth.config.js';

const entry = `svc:${createHash('sha256').update('k').digest('hex')}`;

describe(loadAuthConfig.name, () => {
  it('runs open only when nothing is configured, and never in production', () => {
    expect(loadAuthConfig({}, 'development')).toMatchObject({ auth: { open: true }, problems: [] });
    const { problems } = loadAuthConfig({}, 'production');
    expect(problems.join()).toMatch(/SUPABASE_JWT_SECRET.*SUPABASE_JWKS_URL.*API_KEYS/);
    expect(loadAuthConfig({ API_KEYS: entry }, 'production')).toMatchObject({ auth: { open: false }, problems: [] });
  });

  it("takes the JWKS of SUPABASE_URL unless SUPABASE_JWKS_URL names one", () => {
    expect(loadAuthConfig({}, 'test', 'https://p.supabase.co/').auth.jwt?.jwksUrl).toBe('https://p.supabase.co/auth/v1/.well-known/jwks.json');
    expect(loadAuthConfig({ SUPABASE_JWKS_URL: 'https://keys.example/jwks.json' }, 'test', 'https://p.supabase.co').auth.jwt?.jwksUrl).toBe('https://keys.example/jwks.json');
  });

  it('names the variable of a bad value without echoing a secret', () => {
    const { problems } = loadAuthConfig({ SUPABASE_JWT_SECRET: 'short-secret', API_KEYS: 'svc:plain-key', RATE_LIMIT_PER_MINUTE: '-1', DOCS_ENABLED: 'maybe' }, 'test');
    expect(problems.map((p) => p.split(/[=:]/)[0]).sort()).toEqual(['API_KEYS', 'DOCS_ENABLED', 'RATE_LIMIT_PER_MINUTE', 'SUPABASE_JWT_SECRET']);
    expect(problems.join()).not.toMatch(/short-secret|plain-key/);
  });

  it('turns docs off by default in production only, and reads the limits', () => {
    expect(loadAuthConfig({ API_KEYS: entry }, 'production').auth.docsEnabled).toBe(false);
    expect(loadAuthConfig({ API_KEYS: entry, DOCS_ENABLED: 'true' }, 'production').auth.docsEnabled).toBe(true);
    expect(loadAuthConfig({}, 'staging').auth).toMatchObject({ docsEnabled: true, rateLimitPerMinute: 600, sseMaxStreams: 10, corsOrigins: [] });
    expect(loadAuthConfig({ CORS_ORIGINS: 'https://a.example, https://b.example' }, 'test').auth.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('believes X-Forwarded-For only from the proxies TRUST_PROXY names, and never from anyone', () => {
    expect(loadAuthConfig({}, 'test').auth.trustProxy).toBe(false);
    expect(loadAuthConfig({ TRUST_PROXY: '0' }, 'test').auth.trustProxy).toBe(false);
    expect(loadAuthConfig({ TRUST_PROXY: '2' }, 'test').auth.trustProxy).toBe(2);
    expect(loadAuthConfig({ TRUST_PROXY: '10.0.0.0/8, loopback,fd00::1' }, 'test').auth.trustProxy).toEqual(['10.0.0.0/8', 'loopback', 'fd00::1']);
    for (const value of ['true', 'everyone', ',']) {
      const { problems } = loadAuthConfig({ TRUST_PROXY: value }, 'test');
      expect(problems).toEqual([expect.stringMatching(/^TRUST_PROXY=.*not true$/)]);
    }
  });
});
