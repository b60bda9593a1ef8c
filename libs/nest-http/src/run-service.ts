import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { ConfigError } from './service-environment.js';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Nest takes the list of levels to print: `LOG_LEVEL=warn` means fatal, error and warn. */
export function logLevelsUpTo(level: string): LogLevel[] {
  return LEVELS.slice(0, LEVELS.indexOf(level as LogLevel) + 1);
}

/**
 * Every service's logger: one JSON object per line outside development, so log shippers need no parsing rules and
 * no colour codes reach a file or a container's log; colours only in development on a terminal.
 */
export function serviceLogger(prefix: string, config: { environment: string; logLevel: string }): ConsoleLogger {
  const development = config.environment === 'development';
  return new ConsoleLogger({
    logLevels: logLevelsUpTo(config.logLevel),
    json: !development,
    colors: development && process.stdout.isTTY === true,
    prefix,
  });
}

/** Starts a service; a configuration error prints its problems (no stack: nothing to debug) and exits 1. */
export function runService(bootstrap: () => Promise<void>): void {
  bootstrap().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}
