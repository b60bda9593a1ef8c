#!/usr/bin/env node
// `npm run test:mutation -- <lib> [<lib> ...]`: StrykerJS over each named lib in turn (default: all four).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';

const ALL = ['workflow-machine', 'workflow-engine', 'statement-parser', 'categorizer'];
const libs = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
// Stryker runs the tests in .stryker-tmp/sandbox-*/, where the shared fixtures (`../shared` from the repo root)
// are found through this link.
mkdirSync('.stryker-tmp', { recursive: true });
rmSync('.stryker-tmp/shared', { force: true });
symlinkSync('../../shared', '.stryker-tmp/shared');
for (const lib of libs) {
  if (!ALL.includes(lib)) {
    console.error(`unknown lib "${lib}"; one of ${ALL.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n== mutation testing libs/${lib} (report: reports/mutation/${lib}/index.html)`);
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], { stdio: 'inherit', env: { ...process.env, STRYKER_LIB: lib } });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
