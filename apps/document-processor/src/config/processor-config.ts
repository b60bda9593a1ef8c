import { ConfigError, emptyToUndefined, readEnvironment, WorkerBudgetEnvironment, workerBudgetsOf } from '@cashflow/nest-http';
import type { WorkerBudgets } from '@cashflow/worker-pool';
import { loadPdfLayouts, type PdfLayoutProfile } from '@cashflow/statement-parser';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { resolve } from 'node:path';

/** Every variable the Document Processor reads (with ENVIRONMENT and LOG_LEVEL, shared by every service). */
export class ProcessorEnvironment extends WorkerBudgetEnvironment {
  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT = 8001;

  @IsOptional() @emptyToUndefined() @IsString()
  DATA_DIR = './data';

  @IsOptional() @emptyToUndefined() @IsString()
  DOCUMENTS_DIR?: string;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(1)
  MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

  @IsOptional() @emptyToUndefined() @IsString()
  PDF_LAYOUTS_DIR?: string;
}

export interface ProcessorConfig {
  port: number;
  environment: string;
  logLevel: string;
  documentsDir: string;
  maxUploadBytes: number;
  budgets: WorkerBudgets;
  /** User PDF layout profiles read from PDF_LAYOUTS_DIR at start, tried before the built-in ones. */
  pdfLayouts: PdfLayoutProfile[];
}

function readLayouts(dir: string | undefined): PdfLayoutProfile[] {
  if (!dir) return [];
  try {
    return loadPdfLayouts(resolve(dir));
  } catch (error) {
    throw new ConfigError([`PDF_LAYOUTS_DIR=${JSON.stringify(dir)}: ${(error as Error).message}`]);
  }
}

/** Validates the environment once, at start; a bad value names its variable. */
export function loadProcessorConfig(env: NodeJS.ProcessEnv = process.env): ProcessorConfig {
  const { vars, problems } = readEnvironment(ProcessorEnvironment, env);
  if (problems.length) throw new ConfigError(problems);
  return {
    port: vars.PORT,
    environment: vars.ENVIRONMENT,
    logLevel: vars.LOG_LEVEL,
    documentsDir: resolve(vars.DOCUMENTS_DIR ?? resolve(vars.DATA_DIR, 'documents')),
    maxUploadBytes: vars.MAX_UPLOAD_BYTES,
    budgets: workerBudgetsOf(vars),
    pdfLayouts: readLayouts(vars.PDF_LAYOUTS_DIR),
  };
}

export const PROCESSOR_CONFIG = Symbol('PROCESSOR_CONFIG');
