import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

import { emptyToUndefined, ServiceEnvironment } from './service-environment.js';

/**
 * The budgets of one statement, read by every service that parses or categorises (the two reference services,
 * and the orchestrator when it runs them embedded). The defaults are @cashflow/worker-pool's.
 */
export class WorkerBudgetEnvironment extends ServiceEnvironment {
  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(100)
  PARSE_TIMEOUT_MS = 20_000;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(64) @Max(16_384)
  PARSE_MAX_HEAP_MB = 1024;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(1) @Max(64)
  PARSE_WORKERS = 2;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(1)
  MAX_STATEMENT_ROWS = 100_000;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(1)
  MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
}

/** The shape of @cashflow/worker-pool's WorkerBudgets. */
export function workerBudgetsOf(vars: WorkerBudgetEnvironment) {
  return {
    timeoutMs: vars.PARSE_TIMEOUT_MS,
    maxHeapMb: vars.PARSE_MAX_HEAP_MB,
    threads: vars.PARSE_WORKERS,
    maxRows: vars.MAX_STATEMENT_ROWS,
    maxBytes: vars.MAX_DOCUMENT_BYTES,
  };
}
