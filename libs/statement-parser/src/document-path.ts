import { isAbsolute, relative, resolve, sep } from 'node:path';
import { documentPathProblem, MAX_RESOLVED_PATH_BYTES } from './document-path-rules.js';

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
 * that directory; an absolute path is accepted only when it already lies inside it (the APIs refuse absolute
 * paths; workflows started before that may hold one). `..` segments, control characters, components the file
 * system cannot hold and anything that would land outside are refused.
 */
export function resolveDocumentPath(documentsDir: string, documentPath: string): string {
  const problem = documentPathProblem(documentPath, { allowAbsolute: true });
  if (problem) throw new DocumentPathError(problem);
  const root = resolve(documentsDir);
  const target = isAbsolute(documentPath) ? resolve(documentPath) : resolve(root, documentPath);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep)[0] === '..') {
    throw new DocumentPathError(`document_path must name a file inside the documents directory`);
  }
  if (Buffer.byteLength(target) > MAX_RESOLVED_PATH_BYTES) throw new DocumentPathError('document_path is too long for this server');
  return target;
}
