import { ConfigError, emptyToUndefined, readEnvironment, WorkerBudgetEnvironment, workerBudgetsOf } from '@cashflow/nest-http';
import type { WorkerBudgets } from '@cashflow/worker-pool';
import { loadPdfLayouts, type PdfLayoutProfile } from '@cashflow/statement-parser';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { loadAuthConfig, type AuthConfig } from '../auth/auth.config.js';
import { parseWebhookSecret } from '../notifications/webhook-signature.js';

/** Every variable the orchestrator reads (with ENVIRONMENT and LOG_LEVEL); `.env.example` documents each. */
export class EnvironmentVariables extends WorkerBudgetEnvironment {
  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT = 8000;

  @IsOptional() @emptyToUndefined() @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  SUPABASE_URL?: string;

  @IsOptional() @emptyToUndefined() @IsString()
  SUPABASE_KEY?: string;

  @IsOptional() @emptyToUndefined() @IsString()
  DATABASE_URL?: string;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  DATABASE_POOL_SIZE = 10;

  @IsOptional() @emptyToUndefined() @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  DOCUMENT_PROCESSOR_URL?: string;

  @IsOptional() @emptyToUndefined() @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  TRANSACTION_ANALYZER_URL?: string;

  @IsOptional() @emptyToUndefined() @IsString()
  DATA_DIR = './data';

  @IsOptional() @emptyToUndefined() @IsString()
  DOCUMENTS_DIR?: string;

  @IsOptional() @emptyToUndefined() @IsString()
  PDF_LAYOUTS_DIR?: string;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  RETRY_MAX_ATTEMPTS = 5;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(0)
  RETRY_INITIAL_DELAY_MS = 1000;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsNumber() @Min(1)
  RETRY_BACKOFF_FACTOR = 2;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(0)
  RETRY_MAX_DELAY_MS = 60000;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsNumber() @Min(0) @Max(1)
  RETRY_JITTER = 0.2;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(1)
  STEP_TIMEOUT_MS = 30000;

  // Below the step timeout by default: a hung call ends as an HTTP TIMEOUT naming the service; the step timeout
  // stays the backstop for the whole step.
  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(1)
  HTTP_TIMEOUT_MS = 25000;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(100)
  LEASE_MS = 15000;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(10)
  POLL_INTERVAL_MS = 1000;

  @IsOptional() @emptyToUndefined() @IsString()
  REPLICA_ID?: string;

  @IsOptional() @emptyToUndefined() @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  WEBHOOK_URL?: string;

  @IsOptional() @emptyToUndefined() @IsString()
  WEBHOOK_SECRET?: string;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(1) @Max(50)
  WEBHOOK_MAX_ATTEMPTS = 10;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(100)
  WEBHOOK_TIMEOUT_MS = 5000;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(1)
  DOWNSTREAM_MAX_BYTES = 50 * 1024 * 1024;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(1000)
  UPLOAD_ORPHAN_GRACE_MS = 3_600_000;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(0)
  UPLOAD_SWEEP_INTERVAL_MS = 600_000;
}

export interface AppConfig {
  port: number;
  environment: string;
  logLevel: string;
  database:
    | { kind: 'supabase'; url: string; key: string }
    | { kind: 'postgres'; url: string; poolSize: number }
    | { kind: 'embedded'; dataDir: string };
  dataDir: string;
  documentsDir: string;
  /** PDF layout profiles of PDF_LAYOUTS_DIR, for the embedded Document Processor. */
  pdfLayouts: PdfLayoutProfile[];
  documentProcessorUrl?: string;
  transactionAnalyzerUrl?: string;
  retry: {
    maxAttempts: number;
    initialDelayMs: number;
    backoffFactor: number;
    maxDelayMs: number;
    jitter: number;
    timeoutMs: number;
  };
  /** Per downstream HTTP call (axios `timeout`), apart from the step timeout (`retry.timeoutMs`). */
  httpTimeoutMs: number;
  leaseMs: number;
  pollIntervalMs: number;
  replicaId: string;
  webhook: { url: string; key: Buffer; maxAttempts: number; timeoutMs: number } | null;
  /** Largest answer the HTTP step clients accept from a downstream service. */
  downstreamMaxBytes: number;
  /** Uploaded files no workflow references are deleted once this old; swept every intervalMs (0: never). */
  uploadSweep: { graceMs: number; intervalMs: number };
  /** For the embedded document processor and transaction analyzer (their worker pool). */
  budgets: WorkerBudgets;
  auth: AuthConfig;
}

/** Validates the environment once, at start; a bad value names its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const { vars, problems } = readEnvironment(EnvironmentVariables, env);
  if (vars.RETRY_MAX_DELAY_MS < vars.RETRY_INITIAL_DELAY_MS) {
    problems.push(`RETRY_MAX_DELAY_MS=${vars.RETRY_MAX_DELAY_MS}: must be >= RETRY_INITIAL_DELAY_MS (${vars.RETRY_INITIAL_DELAY_MS})`);
  }
  if (!!vars.SUPABASE_URL !== !!vars.SUPABASE_KEY) {
    problems.push(`${vars.SUPABASE_URL ? 'SUPABASE_KEY' : 'SUPABASE_URL'}: SUPABASE_URL and SUPABASE_KEY must be set together`);
  }
  if (vars.DATABASE_URL && !/^postgres(ql)?:\/\//.test(vars.DATABASE_URL)) {
    problems.push('DATABASE_URL: must be a postgres:// or postgresql:// connection string');
  }
  let webhookKey: Buffer | null = null;
  if (vars.WEBHOOK_URL && !vars.WEBHOOK_SECRET) problems.push('WEBHOOK_SECRET: required when WEBHOOK_URL is set (whsec_ + base64 key)');
  if (vars.WEBHOOK_SECRET) {
    try {
      webhookKey = parseWebhookSecret(vars.WEBHOOK_SECRET);
    } catch (error) {
      // The value itself is a secret: name the variable, never echo it.
      problems.push(`WEBHOOK_SECRET: ${(error as Error).message}`);
    }
  }
  let pdfLayouts: PdfLayoutProfile[] = [];
  try {
    if (vars.PDF_LAYOUTS_DIR) pdfLayouts = loadPdfLayouts(resolve(vars.PDF_LAYOUTS_DIR));
  } catch (error) {
    problems.push(`PDF_LAYOUTS_DIR=${JSON.stringify(vars.PDF_LAYOUTS_DIR)}: ${(error as Error).message}`);
  }
  const { auth, problems: authProblems } = loadAuthConfig(env, vars.ENVIRONMENT, vars.SUPABASE_URL);
  problems.push(...authProblems);
  if (problems.length) throw new ConfigError(problems);

  const dataDir = resolve(vars.DATA_DIR);
  return {
    port: vars.PORT,
    environment: vars.ENVIRONMENT,
    logLevel: vars.LOG_LEVEL,
    database: vars.SUPABASE_URL
      ? { kind: 'supabase', url: vars.SUPABASE_URL, key: vars.SUPABASE_KEY! }
      : vars.DATABASE_URL
        ? { kind: 'postgres', url: vars.DATABASE_URL, poolSize: vars.DATABASE_POOL_SIZE }
        : { kind: 'embedded', dataDir: resolve(dataDir, 'pglite') },
    dataDir,
    documentsDir: resolve(vars.DOCUMENTS_DIR ?? resolve(dataDir, 'documents')),
    pdfLayouts,
    documentProcessorUrl: vars.DOCUMENT_PROCESSOR_URL,
    transactionAnalyzerUrl: vars.TRANSACTION_ANALYZER_URL,
    retry: {
      maxAttempts: vars.RETRY_MAX_ATTEMPTS,
      initialDelayMs: vars.RETRY_INITIAL_DELAY_MS,
      backoffFactor: vars.RETRY_BACKOFF_FACTOR,
      maxDelayMs: vars.RETRY_MAX_DELAY_MS,
      jitter: vars.RETRY_JITTER,
      timeoutMs: vars.STEP_TIMEOUT_MS,
    },
    httpTimeoutMs: vars.HTTP_TIMEOUT_MS,
    leaseMs: vars.LEASE_MS,
    pollIntervalMs: vars.POLL_INTERVAL_MS,
    replicaId: vars.REPLICA_ID ?? `${hostname()}:${process.pid}`,
    webhook:
      vars.WEBHOOK_URL && webhookKey
        ? { url: vars.WEBHOOK_URL, key: webhookKey, maxAttempts: vars.WEBHOOK_MAX_ATTEMPTS, timeoutMs: vars.WEBHOOK_TIMEOUT_MS }
        : null,
    downstreamMaxBytes: vars.DOWNSTREAM_MAX_BYTES,
    uploadSweep: { graceMs: vars.UPLOAD_ORPHAN_GRACE_MS, intervalMs: vars.UPLOAD_SWEEP_INTERVAL_MS },
    budgets: workerBudgetsOf(vars),
    auth,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
