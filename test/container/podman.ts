import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../support/paths.js';

const run = promisify(execFile);

/** The image scripts/container/build-image.sh tags (npm run test:container builds it first). */
export const IMAGE = process.env.CONTAINER_IMAGE ?? 'localhost/cashflow-orchestrator:smoke';

const ENV = { ...process.env, CONTAINERS_CONF: process.env.CONTAINERS_CONF ?? resolve(REPO_ROOT, 'scripts/container/containers.conf') };

/** The PostgreSQL image docker-compose.yml runs in the compose smoke test (scripts/container/postgres/ by default). */
export const POSTGRES_IMAGE = process.env.POSTGRES_IMAGE ?? 'localhost/cashflow-postgres:smoke';

/** One podman command, killed after its deadline so a stuck container engine fails the test instead of hanging it. */
export function podman(args: string[], timeoutMs = 60_000): Promise<{ stdout: string; stderr: string; code: number }> {
  return bounded('podman', args, timeoutMs, ENV);
}

/** podman-compose with the same settings (it runs podman underneath); `env` feeds the compose file's variables. */
export function podmanCompose(args: string[], env: Record<string, string>, timeoutMs = 180_000): Promise<{ stdout: string; stderr: string; code: number }> {
  return bounded('podman-compose', args, timeoutMs, { ...ENV, ...env });
}

async function bounded(command: string, args: string[], timeoutMs: number, env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(command, args, { env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 });
    return { stdout: stdout.trim(), stderr: stderr.trim(), code: 0 };
  } catch (error: any) {
    if (typeof error.code !== 'number') throw new Error(`${command} ${args.join(' ')}: ${error.killed ? `killed after ${timeoutMs} ms` : error.message}`, { cause: error });
    return { stdout: String(error.stdout ?? '').trim(), stderr: String(error.stderr ?? '').trim(), code: error.code };
  }
}

async function podmanOk(args: string[], timeoutMs?: number): Promise<string> {
  const result = await podman(args, timeoutMs);
  if (result.code !== 0) throw new Error(`podman ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export interface RunOptions {
  env?: Record<string, string>;
  /** `volume:/path` mounts. */
  volumes?: string[];
  command?: string[];
}

/** A detached container on the host's network (the services bind PORT on 127.0.0.1 of the host, as in CI). */
export class Container {
  private constructor(readonly name: string) {}

  static async run(prefix: string, options: RunOptions = {}): Promise<Container> {
    const name = uniqueName(prefix);
    const args = ['run', '--detach', '--name', name, '--network=host', '--health-interval=disable'];
    for (const [key, value] of Object.entries(options.env ?? {})) args.push('--env', `${key}=${value}`);
    for (const volume of options.volumes ?? []) args.push('--volume', volume);
    await podmanOk([...args, IMAGE, ...(options.command ?? [])]);
    return new Container(name);
  }

  logs(): Promise<string> {
    return podman(['logs', this.name]).then((r) => `${r.stdout}\n${r.stderr}`);
  }

  /** The image's HEALTHCHECK, run once now (podman runs it on a timer only under systemd). */
  async healthcheck(): Promise<number> {
    return (await podman(['healthcheck', 'run', this.name], 30_000)).code;
  }

  /** `podman stop`: SIGTERM, then SIGKILL after the grace period. Answers how long it took and the exit code. */
  async stop(graceSeconds: number): Promise<{ elapsedMs: number; exitCode: number }> {
    const started = Date.now();
    await podmanOk(['stop', '--time', String(graceSeconds), this.name], (graceSeconds + 30) * 1000);
    const elapsedMs = Date.now() - started;
    const exitCode = Number(await podmanOk(['inspect', '--format', '{{.State.ExitCode}}', this.name]));
    return { elapsedMs, exitCode };
  }

  async remove(): Promise<void> {
    await podman(['rm', '--force', '--volumes', '--time', '0', this.name]);
  }
}

export async function removeVolume(name: string): Promise<void> {
  await podman(['volume', 'rm', '--force', name]);
}
