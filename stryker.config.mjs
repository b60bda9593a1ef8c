// StrykerJS over one lib at a time (`npm run test:mutation -- <lib>`; scripts/test-mutation.js sets STRYKER_LIB).
// Jest runs here as it does in `npm test`: ESM mode (--experimental-vm-modules) with SWC.
import jestConfig from './jest.config.js';

const LIBS = {
  // The unit specs beside the code are what guards a pure lib.
  'workflow-machine': { tests: ['<rootDir>/libs/workflow-machine/src/**/*.spec.ts'] },
  'statement-parser': { tests: ['<rootDir>/libs/statement-parser/src/**/*.spec.ts'] },
  categorizer: { tests: ['<rootDir>/libs/categorizer/src/**/*.spec.ts'] },
  // The engine is guarded by its specs and by test/engine (the real engine over the real PGlite store).
  'workflow-engine': { tests: ['<rootDir>/libs/workflow-engine/src/**/*.spec.ts', '<rootDir>/test/engine/**/*.test.ts'] },
};

const lib = process.env.STRYKER_LIB;
if (!LIBS[lib]) throw new Error(`STRYKER_LIB must be one of ${Object.keys(LIBS).join(', ')}; got "${lib}"`);
const [unit] = jestConfig.projects;
const { displayName: _name, testMatch: _match, ...common } = unit;
// A partial run (a full one over the parser or the categorizer takes hours on two cores): STRYKER_MUTATE names
// files under the lib's src/, STRYKER_TESTS the test globs (from the repo root) that guard them; comma-separated.
const list = (value) => (value ? value.split(',').map((v) => v.trim()).filter(Boolean) : null);
const mutateOnly = list(process.env.STRYKER_MUTATE)?.map((file) => `libs/${lib}/src/${file}`);
const testsOnly = list(process.env.STRYKER_TESTS)?.map((glob) => `<rootDir>/${glob}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  plugins: ['@stryker-mutator/jest-runner'],
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: {
    projectType: 'custom',
    config: { ...common, testMatch: testsOnly ?? LIBS[lib].tests, testTimeout: jestConfig.testTimeout },
    enableFindRelatedTests: false,
  },
  mutate: mutateOnly ?? [`libs/${lib}/src/**/*.ts`, `!libs/${lib}/src/**/*.spec.ts`],
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
  timeoutMS: 20_000,
  ignorePatterns: ['dist', 'data', 'reports', 'coverage', 'bench/results', '.jest-results.json'],
  tempDirName: '.stryker-tmp',
  reporters: ['html', 'clear-text', 'progress', 'json'],
  htmlReporter: { fileName: `reports/mutation/${lib}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${lib}/mutation.json` },
  incremental: false,
  cleanTempDir: 'always',
};
