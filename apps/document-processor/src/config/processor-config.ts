import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, validateSync } from 'class-validator';
import { resolve } from 'node:path';

const emptyToUndefined = () => Transform(({ value }) => (value === '' ? undefined : value));

/** Every variable the Document Processor reads. */
export class ProcessorEnvironment {
  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT = 8001;

  @IsOptional() @IsIn(['development', 'test', 'staging', 'production'])
  ENVIRONMENT = 'development';

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL = 'log';

  @IsOptional() @emptyToUndefined() @IsString()
  DATA_DIR = './data';

  @IsOptional() @emptyToUndefined() @IsString()
  DOCUMENTS_DIR?: string;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(1)
  MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
}

export interface ProcessorConfig {
  port: number;
  logLevel: string;
  documentsDir: string;
  maxUploadBytes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment once, at start; a bad value names its variable. */
export function loadProcessorConfig(env: NodeJS.ProcessEnv = process.env): ProcessorConfig {
  const vars = plainToInstance(ProcessorEnvironment, { ...env }, { exposeDefaultValues: true });
  const problems = validateSync(vars).map(
    (e) => `${e.property}=${JSON.stringify(env[e.property] ?? '')}: ${Object.values(e.constraints ?? {}).join('; ')}`,
  );
  if (problems.length) throw new ConfigError(problems);
  return {
    port: vars.PORT,
    logLevel: vars.LOG_LEVEL,
    documentsDir: resolve(vars.DOCUMENTS_DIR ?? resolve(vars.DATA_DIR, 'documents')),
    maxUploadBytes: vars.MAX_UPLOAD_BYTES,
  };
}

export const PROCESSOR_CONFIG = Symbol('PROCESSOR_CONFIG');
