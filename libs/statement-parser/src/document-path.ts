import { isAbsolute, relative, resolve, sep } from 'node:path';

/** NAME_MAX and PATH_MAX of Linux file systems; the documents directory's own path counts against the latter too. */
const MAX_NAME_BYTES = 255;
const MAX_PATH_BYTES = 1024;

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
  const segments = documentPath.split(/[\\/]+/);
  if (segments.includes('..')) throw new DocumentPathError('document_path must not contain ".." segments');
  // The file system would refuse these with ENAMETOOLONG, whose message shows the absolute server path.
  if (segments.some((s) => Buffer.byteLength(s) > MAX_NAME_BYTES)) throw new DocumentPathError(`document_path has a component longer than ${MAX_NAME_BYTES} bytes`);
  if (Buffer.byteLength(documentPath) > MAX_PATH_BYTES) throw new DocumentPathError(`document_path is longer than ${MAX_PATH_BYTES} bytes`);
  const root = resolve(documentsDir);
  const target = isAbsolute(documentPath) ? resolve(documentPath) : resolve(root, documentPath);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep)[0] === '..') {
    throw new DocumentPathError(`document_path must name a file inside the documents directory`);
  }
  return target;
}
