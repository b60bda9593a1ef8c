import { posix, win32 } from 'node:path';

/** Linux's NAME_MAX: a longer component fails with ENAMETOOLONG whatever the directory. */
export const MAX_PATH_COMPONENT_BYTES = 255;
/** A client's document_path; the resolved path must also stay under PATH_MAX. */
export const MAX_DOCUMENT_PATH_BYTES = 1024;
export const MAX_RESOLVED_PATH_BYTES = 4095;

// C0 controls and DEL: no bank export names a file with them, and they garble logs and terminals.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

export function isAbsoluteAnywhere(path: string): boolean {
  return posix.isAbsolute(path) || win32.isAbsolute(path);
}

/**
 * Why a client-supplied document path is refused before the file system sees it, or null. Only the client's
 * own text goes into the reason, never a server path.
 */
export function documentPathProblem(documentPath: string, options: { allowAbsolute: boolean }): string | null {
  if (typeof documentPath !== 'string' || documentPath.trim() === '') return 'document_path is empty';
  if (documentPath.includes('\0')) return 'document_path contains a NUL byte';
  if (CONTROL_CHARACTER.test(documentPath)) return 'document_path must not contain control characters';
  if (!options.allowAbsolute && isAbsoluteAnywhere(documentPath)) {
    return 'document_path must be relative to the documents directory';
  }
  const segments = documentPath.split(/[\\/]+/);
  if (segments.includes('..')) return 'document_path must not contain ".." segments';
  if (segments.some((segment) => Buffer.byteLength(segment) > MAX_PATH_COMPONENT_BYTES)) {
    return `document_path has a component longer than ${MAX_PATH_COMPONENT_BYTES} bytes`;
  }
  if (!isAbsoluteAnywhere(documentPath) && Buffer.byteLength(documentPath) > MAX_DOCUMENT_PATH_BYTES) {
    return `document_path is longer than ${MAX_DOCUMENT_PATH_BYTES} bytes`;
  }
  return null;
}
