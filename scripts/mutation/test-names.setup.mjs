// Mutation runs only: during Stryker's first (dry) run, where no mutant is active, records which file holds each
// test, by the full name Stryker later asks for (see covering-files.sequencer.mjs).
/* global afterEach, expect -- Jest globals: this file runs as a Jest setup file */
import { appendFileSync } from 'node:fs';
import { TEST_NAMES_FILE } from './test-names-file.mjs';

if (!process.env.__STRYKER_ACTIVE_MUTANT__) {
  afterEach(() => {
    const { currentTestName, testPath } = expect.getState();
    if (currentTestName && testPath) appendFileSync(TEST_NAMES_FILE, `${JSON.stringify([currentTestName, testPath])}\n`);
  });
}
