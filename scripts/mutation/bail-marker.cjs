// The file that says the active mutant's run has failed once (written by bail-environment.cjs, read there and by
// bail-runner.cjs). Per mutant and per runner process: a mutant run again by a new runner (after a timeout) starts
// clean; the dry run (no active mutant) has none.
const { join } = require('node:path');

function bailMarker() {
  const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
  return mutant ? join(process.cwd(), `.stryker-failed-${mutant}-${process.pid}`) : null;
}

module.exports = { bailMarker };
