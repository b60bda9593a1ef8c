import { readDocumentFile } from '@cashflow/statement-parser';

/**
 * Reads a statement confined to the documents directory (a symlink inside it must not lead outside), refusing
 * one over MAX_DOCUMENT_BYTES before reading it; errors never show the server's absolute path.
 */
export function readDocument(documentsDir: string, documentPath: string, maxBytes: number): Promise<Buffer> {
  return readDocumentFile(documentsDir, documentPath, { maxBytes });
}
