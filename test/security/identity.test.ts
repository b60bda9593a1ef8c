import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportSPKI } from 'jose';
import { es256Key, makeApiKey, signHs256, startJwksStandin, unsignedToken, userClaims, type JwksStandin, type SigningKey } from '../support/auth-tokens.js';
import { readEventStream } from '../support/api-client.js';
import { startService, tempDataDir, type ServiceProcess } from '../support/orchestrator-process.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres-database.js';
import { ScriptedDownstreams } from '../support/scripted-downstreams.js';
import { readSample } from '../support/statement-uploads.js';
import { waitFor } from '../support/wait-for.js';

const JWT_SECRET = `test-jwt-secret-${randomUUID()}`;
const RATE_LIMIT = 120;
const SSE_MAX = 2;

type Headers = Record<string, string>;
interface Reply {
  status: number;
  body: any;
  headers: globalThis.Headers;
}

/**
 * Identity and ownership over real HTTP: the built orchestrator as a process, users signed in with HS256 tokens
 * signed here (Supabase's shared secret) and ES256 tokens whose public key a JWKS stand-in serves on loopback,
 * services with API keys. Every credential used is collected, and the logs are searched for each at the end.
 */
describe('identity and ownership over HTTP', () => {
  const downstreams = new ScriptedDownstreams();
  let db: ScratchDatabase;
  let dataDir: string;
  let jwks: JwksStandin;
  let es: SigningKey;
  let orchestrator: ServiceProcess;
  const logFiles: string[] = [];
  const credentials: string[] = [JWT_SECRET];
  const billing = makeApiKey('billing');
  const retired = makeApiKey('retired');
  credentials.push(billing.key, retired.key);

  const userA = `user-a-${randomUUID()}`;
  const userB = randomUUID(); // signed in through the JWKS (ES256)
  const userR = `user-r-${randomUUID()}`;
  let tokenA: string;
  let tokenB: string;
  let tokenR: string;
  const asA = (): Headers => ({ Authorization: `Bearer ${tokenA}` });
  const asB = (): Headers => ({ Authorization: `Bearer ${tokenB}` });
  const asService = (): Headers => ({ 'X-API-Key': billing.key });

  let workflowA: string;
  let workflowB: string;
  let failedB: string;

  async function call(method: string, path: string, headers: Headers = {}, body?: unknown): Promise<Reply> {
    const res = await fetch(orchestrator.url + path, {
      method,
      headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // an event stream
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  async function upload(headers: Headers, userId?: string): Promise<Reply> {
    const form = new FormData();
    form.append('file', new Blob([await readSample('releve-2024-03.ofx')]), 'releve.ofx');
    if (userId !== undefined) form.append('user_id', userId);
    const res = await fetch(`${orchestrator.url}/workflow/upload`, { method: 'POST', body: form, headers });
    return { status: res.status, body: await res.json(), headers: res.headers };
  }

  const waitForState = (id: string, states: string[]) =>
    waitFor(async () => {
      const { body } = await call('GET', `/workflow/${id}`, asService());
      return states.includes(body.state) ? body : undefined;
    }, `workflow ${id} to reach ${states.join('|')}`, 30_000, 100);

  /** Every route that reads or commands one workflow. */
  const workflowRoutes = (id: string): Array<[string, string]> => [
    ['GET', `/workflow/${id}`],
    ['GET', `/workflow/${id}/history`],
    ['GET', `/workflow/${id}/transactions`],
    ['GET', `/workflow/${id}/events`],
    ['GET', `/workflow/${id}/webhooks`],
    ['POST', `/workflow/${id}/cancel`],
    ['POST', `/workflow/${id}/retry`],
  ];
  const allRoutes = (id: string): Array<[string, string]> => [
    ['POST', '/workflow/start'],
    ['POST', '/workflow/upload'],
    ['GET', '/workflow'],
    ...workflowRoutes(id),
  ];

  function env(apiKeys: string[], over: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      DOCUMENT_PROCESSOR_URL: downstreams.processorUrl,
      TRANSACTION_ANALYZER_URL: downstreams.analyzerUrl,
      SUPABASE_JWT_SECRET: JWT_SECRET,
      SUPABASE_JWKS_URL: jwks.url,
      API_KEYS: apiKeys.join(','),
      RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      AUTH_FAILURES_PER_MINUTE: '0',
      SSE_MAX_STREAMS: String(SSE_MAX),
      // The most verbose level, so the search of the logs for credentials has everything to look at.
      LOG_LEVEL: 'verbose',
      ...over,
    };
  }

  beforeAll(async () => {
    await downstreams.start();
    // Permanent failures (twice: the first run and the one after a retry), and a step that never answers.
    downstreams.script('processor:statements/fails.ofx', { kind: 'status', status: 422 }, { kind: 'status', status: 422 });
    downstreams.script('processor:statements/hangs.ofx', { kind: 'hang' });
    db = await createScratchDatabase('cf_identity');
    dataDir = await tempDataDir('cf-identity-');
    await mkdir(join(dataDir, 'documents', 'statements'), { recursive: true });
    await writeFile(join(dataDir, 'documents', 'statements', 'shared.ofx'), await readSample('releve-2024-03.ofx'));
    es = await es256Key('key-1');
    jwks = await startJwksStandin([es.publicJwk]);
    tokenA = await signHs256(JWT_SECRET, userClaims(userA));
    tokenB = await es.sign(userClaims(userB));
    tokenR = await signHs256(JWT_SECRET, userClaims(userR));
    credentials.push(tokenA, tokenB, tokenR);
    orchestrator = await startService('orchestrator', env([billing.entry, retired.entry]));
    logFiles.push(orchestrator.logFile);

    const a = await upload(asA());
    expect(a.status).toBe(201);
    workflowA = a.body.id;
    const b = await upload(asB());
    expect(b.status).toBe(201);
    workflowB = b.body.id;
    // A workflow of B's that fails, so retry and cancel have something to accept.
    const failed = await call('POST', '/workflow/start', asService(), { user_id: userB, document_path: 'statements/fails.ofx' });
    expect(failed.status).toBe(201);
    failedB = failed.body.id;
    await Promise.all([waitForState(workflowA, ['completed']), waitForState(workflowB, ['completed']), waitForState(failedB, ['failed'])]);
  });

  afterAll(async () => {
    await orchestrator?.stop();
    await jwks?.stop();
    await downstreams.stop();
    await db?.drop();
  });

  it('refuses every route without credentials: 401 problem+json with WWW-Authenticate: Bearer', async () => {
    for (const [method, path] of allRoutes(workflowA)) {
      const res = await call(method, path);
      expect({ route: `${method} ${path}`, status: res.status }).toEqual({ route: `${method} ${path}`, status: 401 });
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="cashflow-orchestrator"/);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    }
  });

  it('serves health without credentials', async () => {
    expect((await call('GET', '/health/live')).status).toBe(200);
    expect((await call('GET', '/health/ready')).status).toBe(200);
  });

  it("answers 404 for another user's workflow on every route, exactly as for an unknown id, and changes nothing", async () => {
    const unknown = randomUUID();
    const normalise = (body: any, id: string) => JSON.parse(JSON.stringify(body).split(id).join(':id'));
    for (const [method, path] of workflowRoutes(workflowB)) {
      const theirs = await call(method, path, asA());
      const none = await call(method, path.replace(workflowB, unknown), asA());
      expect({ route: `${method} ${path}`, status: theirs.status }).toEqual({ route: `${method} ${path}`, status: 404 });
      expect(normalise(theirs.body, workflowB)).toEqual(normalise(none.body, unknown));
    }
    for (const [method, path] of workflowRoutes(failedB).filter(([m]) => m === 'POST')) {
      expect((await call(method, path, asA())).status).toBe(404);
    }
    expect((await call('GET', `/workflow/${failedB}`, asService())).body.state).toBe('failed');
    // And the other way round, B (ES256 through the JWKS) does not see A's.
    expect((await call('GET', `/workflow/${workflowA}`, asB())).status).toBe(404);
  });

  it("serves a user their own workflow on every read route", async () => {
    for (const [method, path] of workflowRoutes(workflowA).filter(([m, p]) => m === 'GET' && !p.endsWith('/events'))) {
      expect({ path, status: (await call(method, path, asA())).status }).toEqual({ path, status: 200 });
    }
    expect((await call('GET', `/workflow/${workflowA}/transactions`, asA())).body.transactions).toHaveLength(3);
    const events = await readEventStream(`${orchestrator.url}/workflow/${workflowA}/events`, asA());
    expect(events.at(-1)).toMatchObject({ event: 'workflow', data: { id: workflowA, state: 'completed' } });
  });

  it("lists only the caller's workflows, and 403s a user naming another user_id", async () => {
    const mine = await call('GET', '/workflow', asA());
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((w: any) => w.id)).toEqual([workflowA]);
    expect((await call('GET', `/workflow?user_id=${encodeURIComponent(userA)}`, asA())).body.items).toHaveLength(1);
    expect((await call('GET', `/workflow?user_id=${userB}`, asA())).status).toBe(403);
    const start = await call('POST', '/workflow/start', asA(), { user_id: userB, document_path: 'statements/shared.ofx' });
    expect(start.status).toBe(403);
    expect(start.body).toMatchObject({ status: 403, errors: [{ field: 'user_id' }] });
    expect((await upload(asA(), userB)).status).toBe(403);
  });

  it('lets a user start only on documents of their own upload folder, stored under the SHA-256 of their id', async () => {
    const own = (await call('GET', `/workflow/${workflowA}`, asA())).body.document_path as string;
    const { createHash } = await import('node:crypto');
    expect(own).toMatch(new RegExp(`^uploads/${createHash('sha256').update(userA).digest('hex')}/[^/]+-releve\\.ofx$`));
    const again = await call('POST', '/workflow/start', asA(), { document_path: own });
    expect(again.status).toBe(201);
    expect(again.body.user_id).toBe(userA);
    await waitForState(again.body.id, ['completed']);
    const theirs = (await call('GET', `/workflow/${workflowB}`, asService())).body.document_path as string;
    expect((await call('POST', '/workflow/start', asA(), { document_path: theirs })).status).toBe(403);
    expect((await call('POST', '/workflow/start', asA(), { document_path: 'statements/shared.ofx' })).status).toBe(403);
  });

  it('refuses a user id that is empty, longer than 200 characters or has control characters (400)', async () => {
    for (const user_id of ['', 'x'.repeat(201), 'a\u0000b', 'line\nbreak']) {
      const res = await call('POST', '/workflow/start', asService(), { user_id, document_path: 'statements/shared.ofx' });
      expect({ user_id, status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ user_id, status: 400, field: 'user_id' });
    }
    const token = await signHs256(JWT_SECRET, userClaims('a\u0007b'));
    credentials.push(token);
    expect((await call('GET', '/workflow', { Authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it("lets a service key read and command any user's workflow, and list every user's", async () => {
    for (const [method, path] of workflowRoutes(workflowB).filter(([m, p]) => m === 'GET' && !p.endsWith('/events'))) {
      expect({ path, status: (await call(method, path, asService())).status }).toEqual({ path, status: 200 });
    }
    const all = (await call('GET', '/workflow?limit=200', asService())).body.items.map((w: any) => w.user_id);
    expect(all).toEqual(expect.arrayContaining([userA, userB]));
    const onlyB = (await call('GET', `/workflow?user_id=${userB}`, asService())).body.items.map((w: any) => w.user_id);
    expect(new Set(onlyB)).toEqual(new Set([userB]));
    expect((await call('POST', '/workflow/start', asService(), { document_path: 'statements/shared.ofx' })).status).toBe(400);

    expect((await call('POST', `/workflow/${failedB}/retry`, asService())).status).toBe(200);
    await waitForState(failedB, ['failed']);
    expect((await call('POST', `/workflow/${failedB}/cancel`, asService(), { reason: 'support' })).status).toBe(200);
  });

  it('records who asked in the history entry of each command: the user id or the key name, never a credential', async () => {
    const history = (await call('GET', `/workflow/${failedB}/history`, asService())).body.events as any[];
    expect(history.find((e) => e.type === 'created').detail.actor).toEqual({ type: 'service', key_name: 'billing' });
    expect(history.find((e) => e.type === 'redriven').detail.actor).toEqual({ type: 'service', key_name: 'billing' });
    expect(history.find((e) => e.type === 'cancelled').detail.actor).toEqual({ type: 'service', key_name: 'billing' });
    const own = (await call('GET', `/workflow/${workflowA}/history`, asA())).body.events as any[];
    expect(own.find((e) => e.type === 'created').detail.actor).toEqual({ type: 'user', user_id: userA });
    // Steps run by the engine are nobody's command.
    expect(own.filter((e) => e.detail.actor).map((e) => e.type)).toEqual(['created']);
  });

  it('refuses forged, expired, unsigned, wrong-audience, wrong-algorithm and anon tokens (401)', async () => {
    const forged = await signHs256(`another-secret-${randomUUID()}`, userClaims(userA));
    const expired = await signHs256(JWT_SECRET, userClaims(userA, { iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 }));
    const none = unsignedToken(userClaims(userA));
    const audience = await signHs256(JWT_SECRET, userClaims(userA, { aud: 'another-project' }));
    const anon = await signHs256(JWT_SECRET, { role: 'anon', iss: 'supabase', aud: 'authenticated', sub: userA, exp: Math.floor(Date.now() / 1000) + 3600 });
    // An HS256 token whose "secret" is the JWKS public key: a verifier that let the header pick the key type would accept it.
    const confused = await signHs256(await exportSPKI(es.publicKey), userClaims(userB));
    const unknownKey = await (await es256Key('not-published')).sign(userClaims(userB));
    const bad = { forged, expired, none, audience, anon, confused, unknownKey, garbage: 'not.a.jwt' };
    credentials.push(...Object.values(bad));
    for (const [name, token] of Object.entries(bad)) {
      for (const [method, path] of allRoutes(workflowA)) {
        const res = await call(method, path, { Authorization: `Bearer ${token}` });
        expect({ name, route: `${method} ${path}`, status: res.status }).toEqual({ name, route: `${method} ${path}`, status: 401 });
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="cashflow-orchestrator", error="invalid_token"/);
      }
    }
    expect((await call('GET', '/workflow', { 'X-API-Key': 'a-guessed-key' })).status).toBe(401);
  });

  it('caches the JWKS and refetches it when a token names a key it does not hold', async () => {
    const before = jwks.fetches;
    for (let i = 0; i < 5; i++) expect((await call('GET', `/workflow/${workflowB}`, asB())).status).toBe(200);
    expect(jwks.fetches).toBe(before);
    const rotated = await es256Key('key-2');
    const token = await rotated.sign(userClaims(userB));
    credentials.push(token);
    jwks.keys = [es.publicJwk, rotated.publicJwk];
    // The refetch on an unknown kid has a cooldown; the token is accepted once it has passed.
    await waitFor(async () => (await call('GET', `/workflow/${workflowB}`, { Authorization: `Bearer ${token}` })).status === 200, 'the rotated key to be fetched', 30_000, 500);
    expect(jwks.fetches).toBeGreaterThan(before);
  });

  it('answers 429 with Retry-After once a principal passes its rate, while another principal is served', async () => {
    const asR = { Authorization: `Bearer ${tokenR}` };
    const first = await call('GET', '/workflow', asR);
    expect(first.headers.get('x-ratelimit-limit')).toBe(String(RATE_LIMIT));
    let limited: Reply | undefined;
    for (let i = 1; i <= RATE_LIMIT + 1 && !limited; i++) {
      const res = await call('GET', '/workflow', asR);
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(200);
    }
    expect(limited).toBeDefined();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited!.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(limited!.body).toMatchObject({ status: 429, title: 'Too many requests' });
    expect((await call('GET', '/workflow', asA())).status).toBe(200);
    expect((await call('GET', '/workflow', asService())).status).toBe(200);
  });

  it('limits concurrent event streams per principal (429) and ends a stream when its workflow is final', async () => {
    const slow = await call('POST', '/workflow/start', asService(), { user_id: userA, document_path: 'statements/hangs.ofx' });
    await waitFor(async () => (await call('GET', `/workflow/${slow.body.id}`, asA())).body.state === 'extracting', 'the step to run');
    const controllers = Array.from({ length: SSE_MAX }, () => new AbortController());
    const streams = await Promise.all(controllers.map((c) => fetch(`${orchestrator.url}/workflow/${slow.body.id}/events`, { headers: asA(), signal: c.signal })));
    expect(streams.map((s) => s.status)).toEqual(Array(SSE_MAX).fill(200));
    const refused = await call('GET', `/workflow/${slow.body.id}/events`, asA());
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ status: 429 });
    // Another principal has slots of its own.
    const other = new AbortController();
    expect((await fetch(`${orchestrator.url}/workflow/${slow.body.id}/events`, { headers: asService(), signal: other.signal })).status).toBe(200);
    other.abort();
    // Cancelling makes the workflow final: the open streams end by themselves and give their slots back.
    expect((await call('POST', `/workflow/${slow.body.id}/cancel`, asA())).status).toBe(200);
    const bodies = await Promise.all(streams.map((s) => s.text()));
    for (const body of bodies) expect(body).toContain('"state":"cancelled"');
    await waitFor(async () => (await call('GET', `/workflow/${workflowA}/events`, asA())).status === 200, 'a slot to be free again');
  });

  it('ends the stream of a failed workflow', async () => {
    downstreams.script('processor:statements/fails-too.ofx', { kind: 'status', status: 422 });
    const failed = await call('POST', '/workflow/start', asService(), { user_id: userA, document_path: 'statements/fails-too.ofx' });
    await waitForState(failed.body.id, ['failed']);
    const events = await readEventStream(`${orchestrator.url}/workflow/${failed.body.id}/events`, asA(), 15_000);
    expect(events.at(-1)).toMatchObject({ event: 'workflow', data: { state: 'failed' } });
  });

  it('documents both schemes in the OpenAPI document, and sends security headers with CORS closed', async () => {
    const docs = await call('GET', '/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.components.securitySchemes).sort()).toEqual(['api-key', 'supabase-jwt']);
    expect(docs.body.components.securitySchemes['api-key']).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(docs.body.security).toEqual([{ 'supabase-jwt': [] }, { 'api-key': [] }]);
    const res = await fetch(`${orchestrator.url}/workflow`, { headers: { ...asA(), Origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('refuses a key removed from API_KEYS after a restart, limits failed authentications per address, serves no docs with DOCS_ENABLED=false', async () => {
    await orchestrator.stop();
    orchestrator = await startService('orchestrator', env([billing.entry], { AUTH_FAILURES_PER_MINUTE: '3', CORS_ORIGINS: 'https://console.example', DOCS_ENABLED: 'false' }));
    logFiles.push(orchestrator.logFile);
    expect((await call('GET', `/workflow/${workflowA}`, asService())).status).toBe(200);
    expect((await call('GET', '/docs-json')).status).toBe(404);
    const cors = await fetch(`${orchestrator.url}/workflow`, { method: 'OPTIONS', headers: { Origin: 'https://console.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' } });
    expect(cors.headers.get('access-control-allow-origin')).toBe('https://console.example');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('GET', `/workflow/${workflowA}`, { 'X-API-Key': retired.key })).status);
    expect(statuses).toEqual([401, 401, 401]);
    const blocked = await call('GET', `/workflow/${workflowA}`, { 'X-API-Key': retired.key });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // While the address is blocked, not even a valid key is checked: a lucky guess would not be noticed either.
    expect((await call('GET', `/workflow/${workflowA}`, asService())).status).toBe(429);
    // Without TRUST_PROXY a client cannot step out of its block by claiming another address.
    expect((await call('GET', `/workflow/${workflowA}`, { ...asService(), 'X-Forwarded-For': '203.0.113.9' })).status).toBe(429);
  });

  it('counts failed authentications per client behind the proxies TRUST_PROXY names', async () => {
    await orchestrator.stop();
    orchestrator = await startService('orchestrator', env([billing.entry], { AUTH_FAILURES_PER_MINUTE: '2', TRUST_PROXY: 'loopback' }));
    logFiles.push(orchestrator.logFile);
    const guessing = { 'X-API-Key': retired.key, 'X-Forwarded-For': '198.51.100.7' };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('GET', `/workflow/${workflowA}`, guessing)).status);
    expect(statuses).toEqual([401, 401, 429]);
    // Another client behind the same proxy is not locked out with the one guessing.
    expect((await call('GET', `/workflow/${workflowA}`, { ...asService(), 'X-Forwarded-For': '203.0.113.9' })).status).toBe(200);
    expect((await call('GET', `/workflow/${workflowA}`, { ...asService(), 'X-Forwarded-For': '198.51.100.7' })).status).toBe(429);
  });

  it('never writes a token, key or secret to the logs', async () => {
    const logs = (await Promise.all(logFiles.map((file) => readFile(file, 'utf8')))).join('\n');
    // The logs are there and verbose: refusals were logged, with their reason.
    expect(logs).toMatch(/refused credentials from .*the token signature is not valid/);
    expect(logs).toMatch(/authentication: Supabase JWT/);
    for (const credential of credentials) {
      // A token whole, or its signature alone (the part that makes it usable).
      const signature = credential.split('.').at(-1) ?? '';
      const leaked = [credential, ...(signature.length > 20 ? [signature] : [])].filter((part) => logs.includes(part));
      expect({ credential: credential.slice(0, 12), leaked }).toEqual({ credential: credential.slice(0, 12), leaked: [] });
    }
  });
});
