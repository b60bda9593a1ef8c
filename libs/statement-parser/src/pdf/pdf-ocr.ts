import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import type Tesseract from 'tesseract.js';
import { StatementParseError } from '../statement-parse.error.js';
import type { PdfPage, PdfWord } from './pdf-types.js';

const require = createRequire(import.meta.url);
const LANGUAGES = ['eng', 'fra'] as const;
/** 200-300 dpi is what Tesseract reads best; PDF pages are 72 points to the inch. */
const RENDER_SCALE = 300 / 72;
const IDLE_MS = 30_000;
const MAX_PIXELS = 5000;

/**
 * tesseract.js reads every language from one langPath: the installed @tesseract.js-data packages are linked into one
 * directory, so nothing is ever downloaded (a missing file fails instead of falling back to the CDN).
 */
export function languageDirectory(): string {
  const installed = Object.fromEntries(
    LANGUAGES.map((lang) => [lang, join(dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), '4.0.0_best_int', `${lang}.traineddata.gz`)]),
  );
  // Named after the installed files, so links left by another checkout or version are never reused.
  const id = createHash('sha256').update(JSON.stringify(installed)).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `cashflow-tessdata-${id}`);
  mkdirSync(dir, { recursive: true });
  for (const lang of LANGUAGES) {
    const target = join(dir, `${lang}.traineddata.gz`);
    if (existsSync(target)) continue;
    try {
      symlinkSync(installed[lang]!, target);
    } catch {
      copyFileSync(installed[lang]!, target);
    }
  }
  return dir;
}

/** Workers for the machine: one per core but one (the event loop keeps a core), at least one, at most four (~100 MB of model each). */
export function ocrPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

let pool: Promise<Tesseract.Scheduler> | null = null;
let idle: NodeJS.Timeout | null = null;
let busy = 0;

async function scheduler(): Promise<Tesseract.Scheduler> {
  pool ??= (async () => {
    const { createScheduler, createWorker, OEM } = (await import('tesseract.js')).default;
    const langPath = languageDirectory();
    const created = createScheduler();
    const workers = await Promise.all(
      Array.from({ length: ocrPoolSize() }, () => createWorker([...LANGUAGES], OEM.LSTM_ONLY, { langPath, cachePath: langPath, cacheMethod: 'none', gzip: true })),
    );
    for (const worker of workers) created.addWorker(worker);
    return created;
  })();
  return pool;
}

/** Ends the OCR workers (idle pools end by themselves after 30 s so a process can exit). */
export async function shutdownOcr(): Promise<void> {
  if (idle) clearTimeout(idle);
  idle = null;
  const current = pool;
  pool = null;
  if (current) await (await current).terminate();
}

function release(): void {
  busy--;
  if (busy > 0) return;
  idle = setTimeout(() => void shutdownOcr(), IDLE_MS);
  idle.unref();
}

async function renderPage(doc: PDFDocumentProxy, number: number): Promise<{ png: Buffer; width: number; height: number; scale: number }> {
  const page = await doc.getPage(number);
  const base = page.getViewport({ scale: 1 });
  // 300 dpi, but never a bitmap over MAX_PIXELS a side (a hostile page size would exhaust memory).
  const scale = Math.min(RENDER_SCALE, MAX_PIXELS / Math.max(base.width, base.height, 1));
  const viewport = page.getViewport({ scale });
  const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): { canvas: { toBuffer(type: string): Buffer }; context: unknown } } }).canvasFactory;
  const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  await page.render({ canvasContext: context as never, viewport, canvas: canvas as never }).promise;
  page.cleanup();
  return { png: canvas.toBuffer('image/png'), width: base.width, height: base.height, scale };
}

/** Renders a page without a text layer and reads its words with Tesseract, boxes scaled back to points. */
export async function ocrPage(doc: PDFDocumentProxy, number: number): Promise<PdfPage> {
  if (idle) clearTimeout(idle);
  busy++;
  try {
    const { png, width, height, scale } = await renderPage(doc, number);
    const ocr = await scheduler();
    const result = (await ocr.addJob('recognize', png, {}, { blocks: true, text: false })) as Tesseract.RecognizeResult;
    const words: PdfWord[] = [];
    for (const block of result.data.blocks ?? []) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          for (const word of line.words) {
            const text = word.text.trim();
            if (text === '' || word.confidence < 20) continue;
            const { x0, y0, x1, y1 } = word.bbox;
            words.push({ text, x0: x0 / scale, x1: x1 / scale, top: y0 / scale, bottom: y1 / scale });
          }
        }
      }
    }
    return { number, width, height, words };
  } catch (error) {
    if (error instanceof StatementParseError) throw error;
    throw new StatementParseError('UNSUPPORTED_CONTENT', `page ${number} has no text layer and could not be read by OCR: ${(error as Error).message ?? String(error)}`, { element: `page ${number}` });
  } finally {
    release();
  }
}
