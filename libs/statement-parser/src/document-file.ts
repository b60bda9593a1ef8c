import { readFile, realpath, stat } from 'node:fs/promises';

import { DocumentPathError, resolveDocumentPath } from './document-path.js';
import { DEFAULT_MAX_DOCUMENT_BYTES, sizeLimitExceeded } from './statement-limits.js';

/** A document that could not be read. Its message names the path as the client gave it, never the server's. */
export class DocumentReadError extends Error {
  constructor(
    readonly kind: 'permanent' | 'transient',
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentReadError';
  }
}

const NOT_FOUND = new Set(['ENOENT', 'EISDIR', 'ENOTDIR']);
const BAD_PATH: Record<string, string> = {
  ENAMETOOLONG: 'document_path is too long for the file system',
  ELOOP: 'document_path goes through too many symbolic links',
  EILSEQ: 'document_path holds characters the file system refuses',
};
const UNREADABLE = new Set(['EACCES', 'EPERM']);

/**
 * Reads a statement confined to the documents directory (a symlink inside it must not lead outside), refusing
 * one over `maxBytes` before reading it. Errors are DocumentPathError, DocumentReadError or a LIMIT_EXCEEDED
 * StatementParseError, each saying whether a retry can help.
 */
export async function readDocumentFile(
  documentsDir: string,
  documentPath: string,
  options: { maxBytes?: number; signal?: AbortSignal } = {},
): Promise<Buffer> {
  const path = resolveDocumentPath(documentsDir, documentPath);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  try {
    resolveDocumentPath(await realpath(documentsDir), await realpath(path));
    const { size } = await stat(path);
    if (size > maxBytes) throw sizeLimitExceeded(size, maxBytes);
    return await readFile(path, { signal: options.signal });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) throw error;
    if (NOT_FOUND.has(code)) throw new DocumentReadError('permanent', 'DOCUMENT_NOT_FOUND', `no document at ${documentPath} in the documents directory`);
    if (BAD_PATH[code]) throw new DocumentPathError(BAD_PATH[code]);
    if (UNREADABLE.has(code)) throw new DocumentReadError('permanent', 'DOCUMENT_UNREADABLE', `the document ${documentPath} cannot be read (${code})`);
    throw new DocumentReadError('transient', code, `reading ${documentPath} failed (${code})`);
  }
}
