export * from './statement.types.js';
export { StatementParseError, type StatementParseErrorCode } from './statement-parse.error.js';
export { detectFormat } from './format-detector.js';
export { parseDocument, parseStatement, toDocumentResult } from './statement-parser.js';
export { resolveDocumentPath, DocumentPathError } from './document-path.js';
export { loadLayoutsDir as loadPdfLayouts, validateLayout as validatePdfLayout, type PdfLayoutProfile } from './pdf/pdf-layout.js';
export { shutdownOcr } from './pdf/pdf-ocr.js';
export type { PdfProgress } from './pdf/pdf-types.js';
