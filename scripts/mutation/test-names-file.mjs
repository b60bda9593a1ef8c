import { join } from 'node:path';

/** Where the dry run writes `[full test name, test file]` lines: the sandbox Stryker runs the tests in. */
export const TEST_NAMES_FILE = join(process.cwd(), '.stryker-test-names.jsonl');

/** Where the dry run writes `[test file, milliseconds]` lines: a file's load and run, from its setup to its end. */
export const TEST_FILE_TIMES_FILE = join(process.cwd(), '.stryker-test-file-times.jsonl');
