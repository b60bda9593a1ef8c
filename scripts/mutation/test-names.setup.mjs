// Mutation runs only: during Stryker's first (dry) run, where no mutant is active, records which file holds each
// test, by the full name Stryker later asks for, and how long each file takes, its loading included (see
// covering-files.sequencer.mjs).
/* global afterAll, afterEach, expect -- Jest globals: this file runs as a Jest setup file */
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { TEST_FILE_TIMES_FILE, TEST_NAMES_FILE } from './test-names-file.mjs';

if (!process.env.__STRYKER_ACTIVE_MUTANT__) {
  // A setup file runs before its test file is loaded, so this counts the test file's module graph too.
  const setUpAt = performance.now();
  afterEach(() => {
    const { currentTestName, testPath } = expect.getState();
    if (currentTestName && testPath) appendFileSync(TEST_NAMES_FILE, `${JSON.stringify([currentTestName, testPath])}\n`);
  });
  afterAll(() => {
    const { testPath } = expect.getState();
    if (testPath) appendFileSync(TEST_FILE_TIMES_FILE, `${JSON.stringify([testPath, Math.round(performance.now() - setUpAt)])}\n`);
  });
}
