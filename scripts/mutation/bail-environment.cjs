// Mutation runs only: Jest cannot bail programmatically, so a mutant that breaks what every test relies on would
// still run every covering test to its end, each waiting out its own timeout. Once a test or hook of a mutant's run
// fails, this environment skips what is left of the run (later tests and whole files, their beforeAll included):
// Stryker needs one failure to call the mutant killed. The marker is per mutant and per runner process, so a
// mutant run again by a new runner (after a timeout) starts clean; the dry run (no active mutant) never bails.
const { existsSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { TestEnvironment } = require('jest-environment-node');

function marker() {
  const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
  return mutant ? join(process.cwd(), `.stryker-failed-${mutant}-${process.pid}`) : null;
}

class BailAfterFirstFailure extends TestEnvironment {
  async handleTestEvent(event) {
    const file = marker();
    if (!file) return;
    if (event.name === 'test_fn_failure' || event.name === 'hook_failure') writeFileSync(file, '');
    else if (event.name === 'run_describe_start' && existsSync(file)) event.describeBlock.mode = 'skip';
    else if (event.name === 'test_start' && existsSync(file)) event.test.mode = 'skip';
  }
}

module.exports = BailAfterFirstFailure;
