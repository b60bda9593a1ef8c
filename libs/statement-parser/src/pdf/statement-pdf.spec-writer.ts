import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';

/** A piece of text at x (left edge, or right edge when `right`) and y (from the page top), in points. */
export interface Ink {
  x: number;
  y: number;
  text: string;
  right?: boolean;
  size?: number;
}

export interface WrittenPdf {
  pages: Ink[][];
  producer?: string;
  /** Adds a Standard security handler dictionary whose user password is not empty: readers must ask for one. */
  encrypted?: boolean;
}

/** Writes test statements as real PDFs (pdf-lib, Helvetica) laid out as a bank's would be. */
export async function writePdf(spec: WrittenPdf): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.setProducer(spec.producer ?? 'pdf-lib');
  for (const inks of spec.pages) {
    const page = doc.addPage([595, 842]);
    for (const ink of inks) {
      const size = ink.size ?? 8;
      const x = ink.right ? ink.x - font.widthOfTextAtSize(ink.text, size) : ink.x;
      page.drawText(ink.text, { x, y: 842 - ink.y, size, font });
    }
  }
  if (spec.encrypted) {
    const bytes = (n: number, seed: number): PDFString => PDFString.of(Array.from({ length: n }, (_, i) => String.fromCharCode(65 + ((i * 7 + seed) % 26))).join(''));
    const encrypt = doc.context.obj({ Filter: 'Standard', V: 1, R: 2, O: bytes(32, 3), U: bytes(32, 11), P: -44 });
    doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
    doc.context.trailerInfo.ID = doc.context.obj([PDFString.of('0123456789abcdef'), PDFString.of('0123456789abcdef')]);
  }
  void PDFName;
  return doc.save({ useObjectStreams: false });
}

/** Table rows helper: one Ink per cell given x positions; amounts are right-aligned on their column's right edge. */
export function row(y: number, cells: Array<[number, string, boolean?]>, size = 8): Ink[] {
  return cells.filter(([, text]) => text !== '').map(([x, text, right]) => ({ x, y, text, right: right ?? false, size }));
}
