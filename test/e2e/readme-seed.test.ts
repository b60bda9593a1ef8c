import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { OrchestratorApi } from '../support/api-client.js';
import { startFromFreshClone, type ServiceProcess } from '../support/orchestrator-process.js';
import { REPO_ROOT } from '../support/paths.js';

/** The README's seed example, block for block as a newcomer pastes it, on a fresh install with nothing set. */
async function seedCommands(): Promise<string[]> {
  const readme = await readFile(resolve(REPO_ROOT, 'README.md'), 'utf8');
  const after = readme.slice(readme.indexOf("The seed's two calls"));
  const block = /```bash\n([\s\S]*?)```/.exec(after)![1]!;
  return block.split(/\n\s*\n/).map((command) => command.trim()).filter(Boolean);
}

describe("README's seed example", () => {
  let orchestrator: ServiceProcess;
  let home: string;

  beforeAll(async () => {
    ({ orchestrator, home } = await startFromFreshClone('cf-newcomer-'));
  }, 90_000);

  afterAll(async () => {
    await orchestrator?.stop();
  });

  it('works as written: the file goes where the README says, and the workflow completes', async () => {
    const commands = await seedCommands();
    expect(commands).toHaveLength(3);
    const run = (command: string) =>
      execFileSync('bash', ['-euo', 'pipefail', '-c', command.replaceAll('http://localhost:8000', orchestrator.url)], { cwd: home, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    run(commands[0]!);
    const started = JSON.parse(run(commands[1]!));
    expect(started).toMatchObject({ state: 'received', user_id: 'user123', document_path: 'statements/2024-01.ofx' });
    const read = JSON.parse(run(commands[2]!.replace('<workflow_id>', started.id)));
    expect(read.id).toBe(started.id);
    const done = await new OrchestratorApi(orchestrator.url).waitForState(started.id, ['completed', 'failed']);
    expect({ state: done.state, error: done.error }).toEqual({ state: 'completed', error: null });
  });
});
