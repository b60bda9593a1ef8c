import type { EngineLogger } from '@cashflow/workflow-engine';

export interface LogEntry {
  level: 'log' | 'warn' | 'error';
  message: string;
  context?: Record<string, unknown>;
}

/** An engine logger that keeps every line, for tests that assert what an operator would read. */
export function recordingLogger(): EngineLogger & { entries: LogEntry[]; find(message: string): LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (message: string, context?: Record<string, unknown>) => void entries.push({ level, message, context });
  return { entries, log: at('log'), warn: at('warn'), error: at('error'), find: (message) => entries.filter((e) => e.message === message) };
}
