import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { REPO_ROOT as repoRoot } from '../support/paths.js';

/*
 * The mutation runs' bail (scripts/mutation/bail-environment.cjs and bail-runner.cjs) run by a real Jest over three
 * test files: a mutant's run must stop loading files at its first failure, yet still be a complete run to Stryker
 * (a failed test, no suite that "failed to load"), and a run with no active mutant must load and run everything.
 */

const run = promisify(execFile);
const scripts = path.join(repoRoot, 'scripts/mutation');
const jestBin = path.join(repoRoot, 'node_modules/jest/bin/jest.js');

interface JestJson {
  numFailedTests: number;
  numPassedTests: number;
  numRuntimeErrorTestSuites: number;
  testResults: Array<{ name: string; status: string; assertionResults: Array<{ status: string }> }>;
}

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bail-runner-'));
  const file = (name: string, body: string) => writeFileSync(path.join(dir, name), `require('fs').appendFileSync(${JSON.stringify(path.join(dir, 'loaded.txt'))}, '${name}\\n');\n${body}\n`);
  file('a.test.cjs', "test('a first', () => { expect(process.env.A_FAILS).toBeUndefined(); });\ntest('a second', () => {});");
  file('b.test.cjs', "test('b', () => {});");
  file('c.test.cjs', "test('c', () => {});");
  writeFileSync(path.join(dir, 'sequencer.cjs'), `const S = require(${JSON.stringify(path.join(repoRoot, 'node_modules/@jest/test-sequencer'))}).default;\nmodule.exports = class extends S { sort(tests) { return [...tests].sort((x, y) => x.path.localeCompare(y.path)); } };\n`);
  writeFileSync(path.join(dir, 'jest.config.cjs'), `module.exports = ${JSON.stringify({
    rootDir: dir, testMatch: ['**/*.test.cjs'], testSequencer: path.join(dir, 'sequencer.cjs'),
    testEnvironment: path.join(scripts, 'bail-environment.cjs'), runner: path.join(scripts, 'bail-runner.cjs'),
  })};\n`);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function jest(env: Record<string, string>): Promise<{ result: JestJson; loaded: string[] }> {
  const child = await run(process.execPath, [jestBin, '-c', path.join(dir, 'jest.config.cjs'), '-i', '--json'], {
    cwd: dir, env: { ...process.env, __STRYKER_ACTIVE_MUTANT__: '', ...env },
  }).catch((error: { stdout: string }) => error);
  const loaded = readFileSync(path.join(dir, 'loaded.txt'), 'utf8').trim().split('\n');
  return { result: JSON.parse(child.stdout) as JestJson, loaded };
}

const statuses = (result: JestJson) => result.testResults.map((file) => [path.basename(file.name), file.status, file.assertionResults.map((t) => t.status)]);

describe('the mutation runs\' bail', () => {
  it('does not load the files after a mutant\'s first failure, and reports them skipped, not broken', async () => {
    const { result, loaded } = await jest({ __STRYKER_ACTIVE_MUTANT__: '12', A_FAILS: '1' });
    expect(loaded).toEqual(['a.test.cjs']);
    expect(statuses(result)).toEqual([
      ['a.test.cjs', 'failed', ['failed', 'pending']],
      ['b.test.cjs', 'skipped', ['pending']],
      ['c.test.cjs', 'skipped', ['pending']],
    ]);
    expect(result.numFailedTests).toBe(1);
    expect(result.numRuntimeErrorTestSuites).toBe(0);
  });

  it('runs every file of a mutant that no test kills', async () => {
    const { result, loaded } = await jest({ __STRYKER_ACTIVE_MUTANT__: '12' });
    expect(loaded).toEqual(['a.test.cjs', 'b.test.cjs', 'c.test.cjs']);
    expect(result.numPassedTests).toBe(4);
  });

  it('never bails without an active mutant (the dry run)', async () => {
    const { result, loaded } = await jest({ A_FAILS: '1' });
    expect(loaded).toEqual(['a.test.cjs', 'b.test.cjs', 'c.test.cjs']);
    expect(statuses(result)).toEqual([
      ['a.test.cjs', 'failed', ['failed', 'passed']],
      ['b.test.cjs', 'passed', ['passed']],
      ['c.test.cjs', 'passed', ['passed']],
    ]);
  });
});
