import { StatementParseError } from '../statement-parse.error.js';
import type { ParsedDocument, ParseOptions, ParseWarning } from '../statement.types.js';
import { builtInLayouts, chooseLayout, type PdfLayoutProfile } from './pdf-layout.js';
import { ocrPage } from './pdf-ocr.js';
import { readStatementTables } from './pdf-reader.js';
import { buildStatements, detectCurrency, isCardStatement } from './pdf-statements.js';
import { hasImages, openPdf, pdfProducer, readTextPage } from './pdf-text.js';
import type { PdfPage, PdfProgress } from './pdf-types.js';
import { throttle } from './progress-throttle.js';

const GENERIC: PdfLayoutProfile = { name: 'generic' };
/** Monthly statements run to tens of pages; thousands is a hostile file, refused before any page is read. */
const MAX_PAGES = 500;

/**
 * Reads a PDF statement: the text layer's words with their positions (or OCR'd words for a scan), lines rebuilt from
 * positions, the table under each header, amounts placed in columns by x position, and the balance check as arbiter.
 */
export async function parsePdf(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParsedDocument> {
  const doc = await openPdf(bytes);
  try {
    const total = doc.numPages;
    if (total > MAX_PAGES) {
      throw new StatementParseError('UNSUPPORTED_CONTENT', `the PDF has ${total} pages; a statement is read up to ${MAX_PAGES}`, { element: `page ${MAX_PAGES + 1}` });
    }
    const report = throttle(options.onProgress, total);
    const producer = await pdfProducer(doc);
    const pages: PdfPage[] = [];
    for (let n = 1; n <= total; n++) {
      pages.push(await readTextPage(doc, n));
    }
    const ocr = pages.every((p) => p.words.length === 0);
    if (ocr && !(await hasImages(doc))) {
      throw new StatementParseError('UNSUPPORTED_CONTENT', `the PDF is blank: its ${total} page(s) hold neither text nor a scanned image`, { element: 'page 1' });
    }
    if (ocr) {
      if (options.pdf?.ocr === false) throw new StatementParseError('UNSUPPORTED_CONTENT', 'the PDF has no text layer (a scan) and OCR is turned off', { element: 'page 1' });
      for (let n = 1; n <= total; n++) {
        pages[n - 1] = await ocrPage(doc, n);
        report(n);
      }
      if (pages.every((p) => p.words.length === 0)) {
        throw new StatementParseError('UNSUPPORTED_CONTENT', `the PDF holds no text, and OCR found none on its ${total} page(s): a blank page is not a statement`, { element: 'page 1' });
      }
    } else {
      report(total);
    }
    const text = pages.map((p) => p.words.map((w) => w.text).join(' ')).join('\n');
    const profiles = [...(options.pdf?.layouts ?? []), ...builtInLayouts()];
    const profile = chooseLayout(profiles, producer, text) ?? GENERIC;
    const read = readStatementTables({ pages, producer, ocr }, profile);
    if (read.tablePages.length === 0) {
      throw new StatementParseError(
        'UNSUPPORTED_CONTENT',
        `no transaction table found on pages 1-${total} (no header naming a date, a description and an amount column): not a bank statement, or a layout that needs a profile (PDF_LAYOUTS_DIR)`,
        { element: 'page 1' },
      );
    }
    const warnings: ParseWarning[] = [];
    const currency = profile.currency ?? options.defaultCurrency ?? detectCurrency(text);
    if (!currency) warnings.push({ code: 'CURRENCY_UNKNOWN', message: 'the PDF names no currency; XXX is reported (set defaultCurrency to choose one)' });
    const statements = buildStatements(read, { profile, currency: currency ?? 'XXX', card: isCardStatement(profile, text), ocr, warnings });
    if (statements.length === 0 || statements.every((s) => s.transactions.length === 0 && !s.opening_balance)) {
      throw new StatementParseError('UNSUPPORTED_CONTENT', `a table header was found on page ${read.tablePages[0]} but no transaction under it`, { element: `page ${read.tablePages[0]}` });
    }
    if (profile !== GENERIC) warnings.unshift({ code: 'PDF_LAYOUT', message: `read with the "${profile.name}" layout profile${ocr ? ' from OCR' : ''}` });
    else if (ocr) warnings.unshift({ code: 'PDF_LAYOUT', message: 'read with the generic reader from OCR' });
    return { format: 'pdf', statements, warnings };
  } finally {
    await doc.destroy();
  }
}

export type { PdfProgress };
