export * from './statement.types.js';
export { StatementParseError, type StatementParseErrorCode } from './statement-parse.error.js';
export { detectFormat } from './format-detector.js';
export { parseStatement, toDocumentResult } from './statement-parser.js';
export { resolveDocumentPath, DocumentPathError } from './document-path.js';
export { documentResultSchema, documentTransactionSchema, type DocumentResultContract } from './document-result.schema.js';
