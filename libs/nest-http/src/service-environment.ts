import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsOptional, validateSync } from 'class-validator';

/** `PORT=` in a .env file means "not set", not an invalid empty value. */
export const emptyToUndefined = () => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

/** What every service of the project reads besides its own variables. */
export class ServiceEnvironment {
  @IsOptional() @IsIn(['development', 'test', 'staging', 'production'])
  ENVIRONMENT = 'development';

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL = 'log';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Values of variables named like this are never echoed in a problem: they are secrets or hold one. */
const SECRET_NAME = /KEY|SECRET|PASSWORD|DATABASE_URL/;

/**
 * Reads the environment into `type` with its defaults and checks every variable; each problem names its
 * variable and value (secrets hidden). The caller adds cross-variable checks, then throws `ConfigError`.
 */
export function readEnvironment<T extends object>(type: new () => T, env: NodeJS.ProcessEnv): { vars: T; problems: string[] } {
  const vars = plainToInstance(type, { ...env }, { exposeDefaultValues: true });
  const shown = (name: string) => (SECRET_NAME.test(name) ? '(hidden)' : JSON.stringify(env[name] ?? ''));
  const problems = validateSync(vars, { skipMissingProperties: false }).map(
    (e) => `${e.property}=${shown(e.property)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
  );
  return { vars, problems };
}
