// Mutation runs only: Jest cannot bail programmatically, so a mutant that breaks what every test relies on would
// still run every covering test to its end, each waiting out its own timeout. Once a test or hook of a mutant's run
// fails, this environment skips what is left of the file it is in (later tests and describes, their beforeAll
// included), and bail-runner.cjs does not load the files after it: Stryker needs one failure to call the mutant killed.
const { existsSync, writeFileSync } = require('node:fs');
const { TestEnvironment } = require('jest-environment-node');
const { bailMarker } = require('./bail-marker.cjs');

class BailAfterFirstFailure extends TestEnvironment {
  async handleTestEvent(event) {
    const file = bailMarker();
    if (!file) return;
    if (event.name === 'test_fn_failure' || event.name === 'hook_failure') writeFileSync(file, '');
    else if (event.name === 'run_describe_start' && existsSync(file)) event.describeBlock.mode = 'skip';
    else if (event.name === 'test_start' && existsSync(file)) event.test.mode = 'skip';
  }
}

module.exports = BailAfterFirstFailure;
