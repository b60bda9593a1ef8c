import { CategorizerError, loadRuleSet, type CategorizationRuleSet } from '@cashflow/categorizer';
import { ConfigError, emptyToUndefined, readEnvironment, WorkerBudgetEnvironment, workerBudgetsOf } from '@cashflow/nest-http';
import type { WorkerBudgets } from '@cashflow/worker-pool';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Every variable the Transaction Analyzer reads (with ENVIRONMENT and LOG_LEVEL, shared by every service). */
export class AnalyzerEnvironment extends WorkerBudgetEnvironment {
  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT = 8002;

  /** A JSON rule set applied to every request, after the request's own rules and before the built-in ones. */
  @IsOptional() @emptyToUndefined() @IsString()
  RULES_FILE?: string;

  @IsOptional() @emptyToUndefined() @Type(() => Number) @IsInt() @Min(1024)
  MAX_BODY_BYTES = 10 * 1024 * 1024;
}

export interface AnalyzerConfig {
  port: number;
  environment: string;
  logLevel: string;
  rulesFile?: string;
  ruleSet?: CategorizationRuleSet;
  maxBodyBytes: number;
  budgets: WorkerBudgets;
}

function readRuleSet(file: string): CategorizationRuleSet {
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch (error) {
    throw new ConfigError([`RULES_FILE=${JSON.stringify(file)}: cannot be read (${(error as Error).message})`]);
  }
  try {
    return loadRuleSet(text);
  } catch (error) {
    if (error instanceof CategorizerError) throw new ConfigError([`RULES_FILE=${JSON.stringify(file)}: not a valid rule set: ${error.message}`]);
    throw error;
  }
}

/** Validates the environment (and the RULES_FILE it names) once, at start; a bad value names its variable. */
export function loadAnalyzerConfig(env: NodeJS.ProcessEnv = process.env): AnalyzerConfig {
  const { vars, problems } = readEnvironment(AnalyzerEnvironment, env);
  if (problems.length) throw new ConfigError(problems);
  return {
    port: vars.PORT,
    environment: vars.ENVIRONMENT,
    logLevel: vars.LOG_LEVEL,
    maxBodyBytes: vars.MAX_BODY_BYTES,
    budgets: workerBudgetsOf(vars),
    ...(vars.RULES_FILE && { rulesFile: resolve(vars.RULES_FILE), ruleSet: readRuleSet(vars.RULES_FILE) }),
  };
}

export const ANALYZER_CONFIG = Symbol('ANALYZER_CONFIG');
