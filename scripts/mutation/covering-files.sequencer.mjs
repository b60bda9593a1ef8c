// Mutation runs only. Stryker's Jest runner runs a mutant's covering tests by name (`testNamePattern`) but still
// loads every related test file to find them, and loading a file (its module graph, a PGlite database in
// beforeAll) costs more than the tests it skips. This sequencer keeps only the files that hold a test the pattern
// names, as the dry run recorded them (test-names.setup.mjs); with no pattern, or a name it never saw, it keeps all.
// It runs the quickest files first, by the dry run's times: a mutant's run stops at its first failing test
// (bail-environment.cjs), so a mutant that a quick file kills never waits for a slow one. That matters most for
// static mutants (module-level code, no per-test coverage), whose runs hold every file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import Sequencer from '@jest/test-sequencer';
import { TEST_FILE_TIMES_FILE, TEST_NAMES_FILE } from './test-names-file.mjs';

/** The `[a, b]` pairs of a JSON-lines file the dry run wrote (test-names.setup.mjs). */
const jsonLines = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));

let cached = { mtimeMs: -1, files: new Map() };

function filesByName() {
  if (!existsSync(TEST_NAMES_FILE)) return null;
  const { mtimeMs } = statSync(TEST_NAMES_FILE);
  if (mtimeMs !== cached.mtimeMs) {
    const files = new Map();
    for (const [name, path] of jsonLines(TEST_NAMES_FILE)) files.set(name, (files.get(name) ?? new Set()).add(path));
    cached = { mtimeMs, files };
  }
  return cached.files;
}

let fileTimes = null;

function timesByFile() {
  if (fileTimes || !existsSync(TEST_FILE_TIMES_FILE)) return fileTimes;
  fileTimes = new Map(jsonLines(TEST_FILE_TIMES_FILE));
  return fileTimes;
}

/** Quickest first; a file the dry run did not time goes last (Array.prototype.sort is stable). */
function quickestFirst(tests) {
  const times = timesByFile();
  if (!times) return tests;
  const time = (test) => times.get(test.path) ?? Number.MAX_SAFE_INTEGER;
  return [...tests].sort((a, b) => time(a) - time(b));
}

const DefaultSequencer = Sequencer.default ?? Sequencer;

export default class CoveringFilesSequencer extends DefaultSequencer {
  constructor(options) {
    super(options);
    this.pattern = options.globalConfig.testNamePattern;
  }

  async sort(tests) {
    const sorted = await super.sort(tests);
    return process.env.__STRYKER_ACTIVE_MUTANT__ ? quickestFirst(this.covering(sorted)) : sorted;
  }

  /** The files holding a test the pattern names; all of them without a pattern or for a name never seen. */
  covering(tests) {
    const known = this.pattern ? filesByName() : null;
    if (!known) return tests;
    const pattern = new RegExp(this.pattern, 'i');
    const keep = new Set();
    for (const [name, paths] of known) if (pattern.test(name)) for (const path of paths) keep.add(path);
    return keep.size === 0 ? tests : tests.filter((test) => keep.has(test.path));
  }
}
