import { resolve } from 'node:path';

/** Tests run from the repository root (npm test); shared fixtures sit beside the clone. */
export const REPO_ROOT = process.cwd();
export const FIXTURES_DIR = resolve(REPO_ROOT, '..', 'shared', 'fixtures');
export const STATEMENTS_DIR = resolve(FIXTURES_DIR, 'statements');
