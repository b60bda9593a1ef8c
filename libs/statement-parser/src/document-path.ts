import { isAbsolute, relative, resolve, sep } from 'node:path';

export class DocumentPathError extends Error {
  readonly kind = 'permanent' as const;
  readonly code = 'INVALID_DOCUMENT_PATH';
  constructor(message: string) {
    super(message);
    this.name = 'DocumentPathError';
  }
}

/**
 * Resolves a client-supplied document path inside the documents directory. Relative paths are taken from
 * that directory; an absolute path is accepted only when it already lies inside it. `..` segments, NUL
 * bytes and anything that would land outside are refused.
 */
export function resolveDocumentPath(documentsDir: string, documentPath: string): string {
  if (typeof documentPath !== 'string' || documentPath.trim() === '') throw new DocumentPathError('document_path is empty');
  if (documentPath.includes('\0')) throw new DocumentPathError('document_path contains a NUL byte');
  if (documentPath.split(/[\\/]+/).includes('..')) throw new DocumentPathError('document_path must not contain ".." segments');
  const root = resolve(documentsDir);
  const target = isAbsolute(documentPath) ? resolve(documentPath) : resolve(root, documentPath);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep)[0] === '..') {
    throw new DocumentPathError(`document_path must name a file inside the documents directory`);
  }
  return target;
}
