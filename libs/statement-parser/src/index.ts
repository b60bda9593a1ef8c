export * from './statement.types.js';
export { StatementParseError, type StatementParseErrorCode } from './statement-parse.error.js';
export { detectFormat } from './format-detector.js';
export { parseStatement, toDocumentResult } from './statement-parser.js';
export { resolveDocumentPath, DocumentPathError } from './document-path.js';
export { documentPathProblem, MAX_DOCUMENT_PATH_BYTES, MAX_PATH_COMPONENT_BYTES } from './document-path-rules.js';
export { DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_STATEMENT_ROWS } from './statement-limits.js';
export { readDocumentFile, DocumentReadError } from './document-file.js';
