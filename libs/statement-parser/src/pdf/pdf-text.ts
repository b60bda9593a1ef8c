import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DocumentInitParameters, PDFDocumentProxy, TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { StatementParseError } from '../statement-parse.error.js';
import type { PdfPage, PdfWord } from './pdf-types.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/** The legacy build is the one meant for Node; loaded on first use so other formats never pay for it. */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));

/** Fonts and CMaps from the installed package: nothing is fetched, and CJK or symbol fonts still map to text. */
function documentParameters(bytes: Uint8Array): DocumentInitParameters {
  return {
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    cMapUrl: join(pdfjsRoot, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
  };
}

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const { getDocument } = await loadPdfJs();
  try {
    return await getDocument(documentParameters(bytes)).promise;
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'PasswordException') {
      throw new StatementParseError('UNSUPPORTED_CONTENT', 'the PDF is encrypted (password protected): export or print it without a password and upload that file', { element: 'page 1' });
    }
    const reason = (error as Error).message;
    throw new StatementParseError('MALFORMED_DOCUMENT', `the PDF cannot be read (truncated or damaged): ${reason}`, { element: 'page 1' });
  }
}

export async function pdfProducer(doc: PDFDocumentProxy): Promise<string> {
  const { info } = await doc.getMetadata().catch(() => ({ info: {} }));
  const record = info as Record<string, unknown>;
  return [record['Producer'], record['Creator']].filter((v): v is string => typeof v === 'string').join(' ');
}

/** The page's text items as words with boxes; whitespace-only items (pdf.js emits them for gaps) are dropped. */
export async function readTextPage(doc: PDFDocumentProxy, number: number): Promise<PdfPage> {
  let page;
  let content;
  try {
    page = await doc.getPage(number);
    content = await page.getTextContent();
  } catch (error) {
    throw new StatementParseError('MALFORMED_DOCUMENT', `page ${number} of the PDF cannot be read (truncated or damaged): ${(error as Error).message}`, { element: `page ${number}` });
  }
  const viewport = page.getViewport({ scale: 1 });
  const words: PdfWord[] = [];
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const text = (item as TextItem).str.replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    const [, , c = 0, d = 0, e = 0, f = 0] = (item as TextItem).transform as number[];
    // The glyphs' height is the length of the text matrix's vertical column.
    const size = Math.hypot(c, d) || (item as TextItem).height;
    // Convert from PDF space (origin bottom-left) through the viewport so rotated pages read upright.
    const [x, y] = viewport.convertToViewportPoint(e, f) as [number, number];
    const width = (item as TextItem).width;
    words.push({ text, x0: x, x1: x + width, top: y - size, bottom: y });
  }
  page.cleanup();
  return { number, width: viewport.width, height: viewport.height, words };
}

/** Whether any page paints an image: a page with neither text nor image is blank, and OCR would find nothing. */
export async function hasImages(doc: PDFDocumentProxy): Promise<boolean> {
  const { OPS } = await loadPdfJs();
  const painting = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const { fnArray } = await page.getOperatorList();
    if (fnArray.some((op) => painting.has(op))) return true;
  }
  return false;
}
