import { DocumentPathError, resolveDocumentPath } from '@cashflow/statement-parser';
import { readFile, realpath } from 'node:fs/promises';
import { documentNotFound, invalidDocumentPath } from './statement-problems.js';

/** Reads a statement confined to the documents directory; a symlink inside it must not lead outside. */
export async function readDocument(documentsDir: string, documentPath: string): Promise<Buffer> {
  const path = resolveDocumentPath(documentsDir, documentPath);
  try {
    resolveDocumentPath(await realpath(documentsDir), await realpath(path));
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'ELOOP') throw documentNotFound(documentPath);
    // The same path always fails so: a 400 the orchestrator takes as permanent, not a 500 it would retry.
    if (code === 'ENAMETOOLONG') throw invalidDocumentPath(new DocumentPathError('document_path is too long for this server'));
    throw error;
  }
}
