// Mutation runs only. Stryker's Jest runner runs a mutant's covering tests by name (`testNamePattern`) but still
// loads every related test file to find them, and loading a file (its module graph, a PGlite database in
// beforeAll) costs more than the tests it skips. This sequencer keeps only the files that hold a test the pattern
// names, as the dry run recorded them (test-names.setup.mjs); with no pattern, or a name it never saw, it keeps all.
import { existsSync, readFileSync, statSync } from 'node:fs';
import Sequencer from '@jest/test-sequencer';
import { TEST_NAMES_FILE } from './test-names-file.mjs';

let cached = { mtimeMs: -1, files: new Map() };

function filesByName() {
  if (!existsSync(TEST_NAMES_FILE)) return null;
  const { mtimeMs } = statSync(TEST_NAMES_FILE);
  if (mtimeMs !== cached.mtimeMs) {
    const files = new Map();
    for (const line of readFileSync(TEST_NAMES_FILE, 'utf8').split('\n')) {
      if (!line) continue;
      const [name, path] = JSON.parse(line);
      files.set(name, (files.get(name) ?? new Set()).add(path));
    }
    cached = { mtimeMs, files };
  }
  return cached.files;
}

const DefaultSequencer = Sequencer.default ?? Sequencer;

export default class CoveringFilesSequencer extends DefaultSequencer {
  constructor(options) {
    super(options);
    this.pattern = options.globalConfig.testNamePattern;
  }

  async sort(tests) {
    const sorted = await super.sort(tests);
    const known = this.pattern && process.env.__STRYKER_ACTIVE_MUTANT__ ? filesByName() : null;
    if (!known) return sorted;
    const pattern = new RegExp(this.pattern, 'i');
    const keep = new Set();
    for (const [name, paths] of known) if (pattern.test(name)) for (const path of paths) keep.add(path);
    if (keep.size === 0) return sorted;
    return sorted.filter((test) => keep.has(test.path));
  }
}
