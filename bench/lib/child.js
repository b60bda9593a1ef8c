// Child processes of the bench: the built orchestrator, the bare and pg-boss workers, the downstream stand-ins.
// Each runs with the probe preloaded and an IPC channel, logs to a file, and is stopped by its own pid.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const REPO_ROOT = resolve(new URL('../..', import.meta.url).pathname);
const PROBE = resolve(REPO_ROOT, 'bench/lib/probe.js');

export function freePort() {
  return new Promise((res, rej) => {
    const server = createServer();
    server.unref();
    server.on('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => res(port));
    });
  });
}

export class NodeChild {
  constructor(name, script, { env = {}, execArgv = [], logDir, args = [] }) {
    mkdirSync(logDir, { recursive: true });
    this.name = name;
    this.logFile = join(logDir, `${name}.log`);
    const log = createWriteStream(this.logFile);
    this.child = spawn(process.execPath, ['--import', PROBE, ...execArgv, script, ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child.stdout.pipe(log);
    this.child.stderr.pipe(log);
    this.exited = new Promise((r) => this.child.once('exit', (code, signal) => r({ code, signal })));
    this.waiters = [];
    this.listeners = new Map(); // message type -> handler, for messages that stream (completions, notes)
    this.child.on('message', (msg) => {
      this.listeners.get(msg.t)?.(msg);
      const i = this.waiters.findIndex((w) => w.type === msg.t);
      if (i >= 0) this.waiters.splice(i, 1)[0].resolve(msg);
    });
  }

  get pid() {
    return this.child.pid;
  }

  get alive() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The next IPC message of this type, or a rejection after timeoutMs or when the child exits. */
  message(type, timeoutMs = 60_000) {
    return new Promise((res, rej) => {
      const waiter = { type, resolve: res };
      this.waiters.push(waiter);
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        rej(new Error(`${this.name}: no '${type}' message within ${timeoutMs} ms (log: ${this.logFile})`));
      }, timeoutMs);
      timer.unref();
      this.exited.then(({ code, signal }) => {
        clearTimeout(timer);
        rej(new Error(`${this.name} exited (${code ?? signal}) waiting for '${type}' (log: ${this.logFile})`));
      });
    });
  }

  /** Calls fn with every message of this type until off(type). */
  on(type, fn) {
    this.listeners.set(type, fn);
  }

  off(type) {
    this.listeners.delete(type);
  }

  send(msg) {
    if (this.alive) this.child.send(msg);
  }

  async request(msg, type = msg.t, timeoutMs) {
    const reply = this.message(type, timeoutMs);
    this.send(msg);
    return reply;
  }

  /** Statement count, cpuUsage and memoryUsage from the preloaded probe. */
  probe(gc = false) {
    return this.request({ t: 'probe', gc }, 'probe', 30_000);
  }

  /** SIGTERM, then SIGKILL after graceMs. */
  async stop(graceMs = 10_000) {
    if (!this.alive) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.alive && this.child.kill('SIGKILL'), graceMs);
    const result = await this.exited;
    clearTimeout(timer);
    return result;
  }
}

/** The built orchestrator on a free loopback port; resolves once /health/ready answers. */
export async function startOrchestrator({ env, logDir, name = 'orchestrator', execArgv = [], readyTimeoutMs = 60_000 }) {
  const port = await freePort();
  const orchestrator = new NodeChild(name, resolve(REPO_ROOT, 'apps/orchestrator/dist/main.js'), {
    env: { LOG_LEVEL: 'warn', ENVIRONMENT: 'production', ...env, PORT: String(port) },
    execArgv,
    logDir,
  });
  orchestrator.url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (!orchestrator.alive) throw new Error(`orchestrator exited before it was ready; see ${orchestrator.logFile}`);
    const ok = await fetch(`${orchestrator.url}/health/ready`).then((r) => r.ok, () => false);
    if (ok) return orchestrator;
    if (Date.now() > deadline) {
      await orchestrator.stop(1000);
      throw new Error(`orchestrator not ready within ${readyTimeoutMs} ms; see ${orchestrator.logFile}`);
    }
    await sleep(100);
  }
}
