import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port.js';
import { REPO_ROOT } from './paths.js';
import { waitFor } from './wait-for.js';

export interface ServiceProcess {
  url: string;
  port: number;
  env: Record<string, string>;
  logFile: string;
  child: ChildProcess;
  /** SIGKILL: no shutdown hooks, leases left as they were. */
  kill(): Promise<void>;
  /** SIGTERM: graceful shutdown. */
  stop(): Promise<void>;
}

const ENTRY = {
  orchestrator: 'apps/orchestrator/dist/main.js',
  'document-processor': 'apps/document-processor/dist/main.js',
  'transaction-analyzer': 'apps/transaction-analyzer/dist/main.js',
} as const;

/** Starts a built app (npm test builds first) as a real process on a free loopback port. */
export async function startService(
  app: keyof typeof ENTRY,
  env: Record<string, string> = {},
  readyPath = '/health/ready',
  /** The directory it starts from (relative defaults such as DATA_DIR=./data resolve there). */
  cwd = REPO_ROOT,
): Promise<ServiceProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const logDir = await mkdtemp(join(tmpdir(), `cf-${app}-log-`));
  const logFile = join(logDir, 'out.log');
  const fullEnv: Record<string, string> = { LOG_LEVEL: 'warn', ENVIRONMENT: 'test', ...env, PORT: String(port) };
  const child = spawn(process.execPath, [resolve(REPO_ROOT, ENTRY[app])], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...fullEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`${app} exited with ${child.exitCode}; see ${logFile}`);
    const res = await fetch(url + readyPath).catch(() => null);
    return res?.ok ?? false;
  }, `${app} to be ready (log: ${logFile})`, 60_000, 100).catch(async (error) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    url,
    port,
    env: fullEnv,
    logFile,
    child,
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The orchestrator as a newcomer starts it from a fresh clone: nothing set, run from a directory holding only the
 * samples (no ./data yet). `home` is that directory, where the docs' commands run.
 */
export async function startFromFreshClone(prefix: string): Promise<{ orchestrator: ServiceProcess; home: string }> {
  const home = await mkdtemp(join(tmpdir(), prefix));
  await symlink(resolve(REPO_ROOT, 'samples'), join(home, 'samples'));
  return { orchestrator: await startService('orchestrator', {}, '/health/ready', home), home };
}

export async function tempDataDir(prefix = 'cf-data-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}
