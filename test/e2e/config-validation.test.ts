import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../support/paths.js';

function boot(env: Record<string, string>, app = 'orchestrator') {
  return spawnSync(process.execPath, [resolve(REPO_ROOT, `apps/${app}/dist/main.js`)], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('orchestrator configuration at start', () => {
  it.each([
    [{ RETRY_JITTER: '2' }, 'RETRY_JITTER'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DOCUMENT_PROCESSOR_URL: 'not a url' }, 'DOCUMENT_PROCESSOR_URL'],
    [{ SUPABASE_URL: 'https://x.supabase.co' }, 'SUPABASE_KEY'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL'],
    [{ RETRY_INITIAL_DELAY_MS: '5000', RETRY_MAX_DELAY_MS: '10' }, 'RETRY_MAX_DELAY_MS'],
    [{ PARSE_TIMEOUT_MS: 'soon' }, 'PARSE_TIMEOUT_MS'],
    [{ MAX_STATEMENT_ROWS: '0' }, 'MAX_STATEMENT_ROWS'],
  ])('stops with a message naming the variable for %j', (env, variable) => {
    const result = boot(env);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(variable);
    expect(result.stderr).toContain('invalid configuration');
  });
});

describe('orchestrator authentication at start', () => {
  it('refuses to run open in production, naming the variables that configure authentication', () => {
    const result = boot({ ENVIRONMENT: 'production' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('invalid configuration');
    for (const variable of ['SUPABASE_JWT_SECRET', 'SUPABASE_JWKS_URL', 'SUPABASE_URL', 'API_KEYS']) expect(result.stderr).toContain(variable);
  });

  it.each([
    [{ API_KEYS: 'billing:the-key-itself' }, 'API_KEYS'],
    [{ SUPABASE_JWT_SECRET: 'too-short' }, 'SUPABASE_JWT_SECRET'],
    [{ RATE_LIMIT_PER_MINUTE: 'lots' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ SSE_MAX_STREAMS: '-1' }, 'SSE_MAX_STREAMS'],
  ])('stops on %j naming the variable, never echoing a secret', (env, variable) => {
    const result = boot(env);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(variable);
    expect(result.stderr).not.toMatch(/the-key-itself|too-short/);
  });
});

describe('reference services configuration at start (shared with the orchestrator in libs/nest-http)', () => {
  it.each([
    ['document-processor', { PORT: 'eighty' }, 'PORT="eighty"'],
    ['document-processor', { LOG_LEVEL: 'loud' }, 'LOG_LEVEL="loud"'],
    ['transaction-analyzer', { ENVIRONMENT: 'prod' }, 'ENVIRONMENT="prod"'],
    ['transaction-analyzer', { MAX_BODY_BYTES: '10' }, 'MAX_BODY_BYTES="10"'],
    ['document-processor', { PARSE_MAX_HEAP_MB: '1' }, 'PARSE_MAX_HEAP_MB="1"'],
    ['document-processor', { MAX_DOCUMENT_BYTES: '-5' }, 'MAX_DOCUMENT_BYTES="-5"'],
    ['transaction-analyzer', { PARSE_WORKERS: '0' }, 'PARSE_WORKERS="0"'],
  ])('%s stops with a message naming the variable and its value for %j', (app, env, named) => {
    const result = boot(env, app);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('invalid configuration');
    expect(result.stderr).toContain(named);
    // The problem list, not a stack trace: there is nothing to debug in a bad value.
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('PDF_LAYOUTS_DIR at start', () => {
  const badLayouts = mkdtempSync(join(tmpdir(), 'cf-layouts-'));
  writeFileSync(join(badLayouts, 'my-bank.json'), JSON.stringify({ name: 'my-bank', opening: ['(unclosed'] }));

  it.each(['orchestrator', 'document-processor'])('%s stops naming PDF_LAYOUTS_DIR, the file and the field of a bad profile', (app) => {
    const result = boot({ PDF_LAYOUTS_DIR: badLayouts, DATA_DIR: mkdtempSync(join(tmpdir(), 'cf-data-')) }, app);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('invalid configuration');
    expect(result.stderr).toContain('PDF_LAYOUTS_DIR');
    expect(result.stderr).toContain('my-bank.json');
    expect(result.stderr).toContain('"opening" holds an invalid pattern');
  });
});
