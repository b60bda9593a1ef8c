import { join } from 'node:path';

/** Where the dry run writes `[full test name, test file]` lines: the sandbox Stryker runs the tests in. */
export const TEST_NAMES_FILE = join(process.cwd(), '.stryker-test-names.jsonl');
