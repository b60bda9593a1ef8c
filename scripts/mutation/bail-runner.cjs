// Mutation runs only: Jest's own runner, one file at a time, except that once the active mutant's run has failed
// (bail-environment.cjs's marker) the files left are reported as skipped without being loaded. Loading a file
// (its module graph) costs 100-200 ms even when the environment skips every test in it, and a mutant in code that
// every parser reaches has some thirty covering files: for a killed mutant that was most of its run.
// Jest's `bail` option cannot do this: it ends the process, which is Stryker's worker.
const { existsSync } = require('node:fs');
const Emittery = require('emittery');
const { createEmptyTestResult } = require('@jest/test-result');
const { default: TestRunner, EmittingTestRunner } = require('jest-runner');
const { bailMarker } = require('./bail-marker.cjs');

const EVENTS = ['test-file-start', 'test-file-success', 'test-file-failure', 'test-case-start', 'test-case-result'];

/** A file's result when it was not loaded: skipped, with one pending test (Jest fails a file that reports none). */
function notLoaded(testFilePath) {
  const title = 'not loaded: an earlier test failed against this mutant';
  const pending = { ancestorTitles: [], title, fullName: title, status: 'pending', duration: 0, failureMessages: [], failureDetails: [], numPassingAsserts: 0, location: null };
  return { ...createEmptyTestResult(), testFilePath, skipped: true, numPendingTests: 1, testResults: [pending] };
}

class BailingTestRunner extends EmittingTestRunner {
  #inner;
  #events = new Emittery();

  constructor(globalConfig, context) {
    super(globalConfig, context);
    this.#inner = new TestRunner(globalConfig, context);
    for (const name of EVENTS) this.#inner.on(name, (args) => this.#events.emit(name, args));
  }

  on(name, listener) {
    return this.#events.on(name, listener);
  }

  async runTests(tests, watcher, options) {
    const marker = bailMarker();
    if (!marker || !options.serial) return this.#inner.runTests(tests, watcher, options);
    for (const test of tests) {
      if (watcher.isInterrupted()) return;
      if (!existsSync(marker)) {
        await this.#inner.runTests([test], watcher, options);
        continue;
      }
      await this.#events.emit('test-file-start', [test]);
      await this.#events.emit('test-file-success', [test, notLoaded(test.path)]);
    }
  }
}

module.exports = BailingTestRunner;
