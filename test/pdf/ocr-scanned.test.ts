import Big from 'big.js';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { distance } from 'fastest-levenshtein';
import { REPO_ROOT, STATEMENTS_DIR } from '../support/paths.js';

const run = promisify(execFile);

/** Parses a PDF with the built library in a child process whose every thread has no network (test/support/no-network.mjs). */
async function parseOffline(file: string): Promise<any> {
  const script = `
    import { parseDocument, shutdownOcr } from ${JSON.stringify(resolve(REPO_ROOT, 'libs/statement-parser/dist/index.js'))};
    import { readFileSync } from 'node:fs';
    const progress = [];
    try {
      const doc = await parseDocument(readFileSync(${JSON.stringify(file)}), { onProgress: (p) => progress.push(p) });
      console.log(JSON.stringify({ doc, progress }));
    } finally { await shutdownOcr(); }`;
  // A file, not -e: worker threads inherit the parent's flags, and --input-type is refused there.
  const path = join(await mkdtemp(join(tmpdir(), 'ocr-')), 'parse.mjs');
  await writeFile(path, script);
  const { stdout } = await run(process.execPath, ['--import', resolve(REPO_ROOT, 'test/support/no-network.mjs'), path], { maxBuffer: 1 << 24, timeout: 300_000 });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

describe('OCR of a scanned PDF statement (tesseract.js, installed language data, network unreachable)', () => {
  it('reads the scanned Kowhai statement as its text twin: same dates and amounts, labels within a small edit distance', async () => {
    const dir = resolve(STATEMENTS_DIR, 'pdf');
    const [scanned, text] = await Promise.all([parseOffline(resolve(dir, 'mfry_kowhai_everyday_scanned.pdf')), parseOffline(resolve(dir, 'mfry_kowhai_everyday.pdf'))]);
    const [ocr] = scanned.doc.statements;
    const [twin] = text.doc.statements;
    expect(ocr.transactions.map((t: any) => [t.date, t.amount])).toEqual(twin.transactions.map((t: any) => [t.date, t.amount]));
    expect([ocr.opening_balance.amount, ocr.closing_balance.amount]).toEqual(['1250.00', '2716.50']);
    ocr.transactions.forEach((t: any, i: number) => {
      const label = twin.transactions[i].label;
      expect(distance(t.label, label)).toBeLessThanOrEqual(Math.max(3, Math.ceil(label.length * 0.4)));
    });
    expect(scanned.progress.at(-1)).toEqual({ done: 2, total: 2, unit: 'pages' });
  }, 300_000);

  it('reads the image-only generic statement to a statement that reconciles (OCR results that do not are refused)', async () => {
    const { doc } = await parseOffline(resolve(STATEMENTS_DIR, 'pdf', 'codingsimba_generic_scanned_image_only.pdf'));
    expect(doc.statements).toHaveLength(1);
    const [part] = doc.statements;
    const movements = part.transactions.reduce((sum: Big, t: any) => sum.plus(t.amount), new Big(0));
    expect(movements.plus(part.opening_balance.amount).eq(part.closing_balance.amount)).toBe(true);
    expect([part.opening_balance.amount, part.closing_balance.amount]).toEqual(['4213.10', '6048.16']);
    expect(part.transactions[0]).toMatchObject({ date: '2024-01-05', amount: '-87.43', label: 'WALMART SUPERCENTER #4521' });
  }, 300_000);
});
