import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startFromFreshClone, type ServiceProcess } from '../support/orchestrator-process.js';
import { REPO_ROOT } from '../support/paths.js';
import { normaliseRun, parseTranscript, runTranscript } from '../support/shell-transcript.js';

const DOC = resolve(REPO_ROOT, 'docs/worked-example.md');
// Section 6 needs three services started by hand; sections 1 to 5 run on one orchestrator, nothing set.
const CHECKED_UNTIL = '## 6.';

describe('docs/worked-example.md', () => {
  let orchestrator: ServiceProcess;
  let home: string;

  beforeAll(async () => {
    ({ orchestrator, home } = await startFromFreshClone('cf-worked-example-'));
  }, 90_000);

  afterAll(async () => {
    await orchestrator?.stop();
  });

  it('prints what a fresh run prints, command for command (ids and times aside)', async () => {
    const markdown = await readFile(DOC, 'utf8');
    const transcript = parseTranscript(markdown, CHECKED_UNTIL);
    expect(transcript.length).toBeGreaterThan(10);
    const printed = runTranscript(
      transcript.map((c) => c.command.replaceAll('http://localhost:8000', orchestrator.url)),
      home,
      90_000,
    );
    if (process.env.UPDATE_WORKED_EXAMPLE === '1') {
      const lines = markdown.split('\n');
      for (let n = transcript.length - 1; n >= 0; n--) {
        const [from, to] = transcript[n]!.outputLines;
        lines.splice(from, to - from, ...(printed[n] ? printed[n]!.replace(/\r/g, '').split('\n') : []));
      }
      await writeFile(DOC, lines.join('\n'));
    }
    const pairs = transcript.map((c, n) => ({ command: c.command, printed: normaliseRun(printed[n]!) }));
    expect(pairs).toEqual(transcript.map((c) => ({ command: c.command, printed: normaliseRun(c.output) })));
  });
});
