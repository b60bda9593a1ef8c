/** A run of text with its box, in points from the page's top-left corner (y grows downwards). */
export interface PdfWord {
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

export interface PdfPage {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  words: PdfWord[];
}

export interface PdfSource {
  pages: PdfPage[];
  producer: string;
  /** True when the words come from OCR rather than a text layer: the balance check is then mandatory. */
  ocr: boolean;
}

/** Words on one visual line, merged into cells (runs separated by less than a column gap). */
export interface PdfLine {
  page: number;
  /** 1-based position among the page's lines, for messages. */
  index: number;
  top: number;
  bottom: number;
  cells: PdfWord[];
  text: string;
}

export interface PdfProgress {
  done: number;
  total: number;
  unit: 'pages';
}
