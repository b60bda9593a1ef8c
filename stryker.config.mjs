// StrykerJS over one lib at a time (`npm run test:mutation -- <lib>`; scripts/test-mutation.js sets STRYKER_LIB).
// Jest runs here as it does in `npm test`: ESM mode (--experimental-vm-modules) with SWC.
import { fileURLToPath } from 'node:url';
import jestConfig from './jest.config.js';

const LIBS = {
  // The unit specs beside the code are what guards a pure lib.
  'workflow-machine': { tests: ['<rootDir>/libs/workflow-machine/src/**/*.spec.ts'] },
  'statement-parser': { tests: ['<rootDir>/libs/statement-parser/src/**/*.spec.ts'] },
  categorizer: { tests: ['<rootDir>/libs/categorizer/src/**/*.spec.ts'] },
  // The engine is guarded by its specs and by test/engine (the real engine over the real PGlite store); its tests'
  // time varies least, so a short margin past it calls an endless loop a timeout sooner.
  'workflow-engine': { tests: ['<rootDir>/libs/workflow-engine/src/**/*.spec.ts', '<rootDir>/test/engine/**/*.test.ts'], timeoutMS: 5_000 },
};

const lib = process.env.STRYKER_LIB;
// A mutant that stalls a workflow fails its test at this cap rather than at the test's own waitFor timeout
// (test/support/wait-for.ts); the engine tests' real waits are under two seconds.
if (lib === 'workflow-engine') process.env.WAIT_FOR_MAX_MS ??= '8000';
if (!LIBS[lib]) throw new Error(`STRYKER_LIB must be one of ${Object.keys(LIBS).join(', ')}; got "${lib}"`);
const [unit] = jestConfig.projects;
const { displayName: _name, testMatch: _match, ...common } = unit;
// A partial run (a full one over the parser takes hours on two cores): STRYKER_MUTATE names
// files or globs under the lib's src/, STRYKER_TESTS the test globs (from the repo root) that guard them;
// comma-separated. STRYKER_PART names the part, so that its report and incremental file sit apart from the other
// parts' (reports/mutation/<lib>/<part>/) and the parts' sum can be read from them.
const list = (value) => (value ? value.split(',').map((v) => v.trim()).filter(Boolean) : null);
const mutateOnly = list(process.env.STRYKER_MUTATE)?.map((file) => `libs/${lib}/src/${file}`);
const testsOnly = list(process.env.STRYKER_TESTS)?.map((glob) => `<rootDir>/${glob}`);
const part = process.env.STRYKER_PART;
if (part !== undefined && !/^[a-z0-9-]+$/.test(part)) throw new Error(`STRYKER_PART must be a plain name; got "${part}"`);
const reportDir = part ? `reports/mutation/${lib}/${part}` : `reports/mutation/${lib}`;
// Test code is never mutated: the specs, their helpers (`*.spec-*.ts`) and a lib's `testing/` folder.
const testCode = [`!libs/${lib}/src/**/*.spec.ts`, `!libs/${lib}/src/**/*.spec-*.ts`, `!libs/${lib}/src/testing/**`];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  plugins: ['@stryker-mutator/jest-runner'],
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: {
    projectType: 'custom',
    config: {
      ...common,
      testMatch: testsOnly ?? LIBS[lib].tests,
      testTimeout: jestConfig.testTimeout,
      // Each mutant loads only the test files that hold its covering tests (see the sequencer).
      testSequencer: '<rootDir>/scripts/mutation/covering-files.sequencer.mjs',
      setupFilesAfterEnv: [...(common.setupFilesAfterEnv ?? []), '<rootDir>/scripts/mutation/test-names.setup.mjs'],
      // The rest of a mutant's run is skipped once one of its tests fails (see the environment).
      testEnvironment: fileURLToPath(new URL('./scripts/mutation/bail-environment.cjs', import.meta.url)),
      // ...and the files after that failure are not loaded at all (see the runner).
      runner: fileURLToPath(new URL('./scripts/mutation/bail-runner.cjs', import.meta.url)),
    },
    enableFindRelatedTests: process.env.STRYKER_RELATED !== '0',
  },
  mutate: [...(mutateOnly ?? [`libs/${lib}/src/**/*.ts`]), ...testCode],
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
  // Past the covering tests' own time (times timeoutFactor): an endless loop is called a timeout after this long.
  timeoutMS: LIBS[lib].timeoutMS ?? 10_000,
  ignorePatterns: ['dist', 'data', 'reports', 'coverage', 'bench/results', '.jest-results.json'],
  tempDirName: '.stryker-tmp',
  reporters: ['html', 'clear-text', 'progress', 'json'],
  htmlReporter: { fileName: `${reportDir}/index.html` },
  jsonReporter: { fileName: `${reportDir}/mutation.json` },
  // Jest in ESM mode keeps every run's module graph: a runner reused for hundreds of mutants grows to gigabytes and
  // spends its time collecting garbage. A fresh runner every few dozen mutants costs a second.
  maxTestRunnerReuse: Number(process.env.STRYKER_RUNNER_REUSE ?? 30),
  // Re-runs test again only the mutants whose code or covering tests changed (the file is kept with the report).
  incremental: process.env.STRYKER_INCREMENTAL !== '0',
  incrementalFile: `${reportDir}/stryker-incremental.json`,
  cleanTempDir: 'always',
};
