import type { LogLevel } from '@nestjs/common';
import { ConfigError } from './service-environment.js';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Nest takes the list of levels to print: `LOG_LEVEL=warn` means fatal, error and warn. */
export function logLevelsUpTo(level: string): LogLevel[] {
  return LEVELS.slice(0, LEVELS.indexOf(level as LogLevel) + 1);
}

/** Starts a service; a configuration error prints its problems (no stack: nothing to debug) and exits 1. */
export function runService(bootstrap: () => Promise<void>): void {
  bootstrap().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}
