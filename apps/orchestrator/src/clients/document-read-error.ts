import type { StepError } from '@cashflow/workflow-machine';

const PERMANENT: Record<string, { code: string; reason: string }> = {
  ENOENT: { code: 'DOCUMENT_NOT_FOUND', reason: 'no document at' },
  EISDIR: { code: 'DOCUMENT_NOT_FOUND', reason: 'no document at' },
  ENOTDIR: { code: 'DOCUMENT_NOT_FOUND', reason: 'no document at' },
  ENAMETOOLONG: { code: 'DOCUMENT_PATH_TOO_LONG', reason: 'the file system cannot hold the path' },
  ELOOP: { code: 'DOCUMENT_NOT_FOUND', reason: 'a symbolic link loop at' },
  EACCES: { code: 'DOCUMENT_UNREADABLE', reason: 'the service may not read' },
  EPERM: { code: 'DOCUMENT_UNREADABLE', reason: 'the service may not read' },
};

/**
 * A file system error reading a statement, as a step error that names the client's document_path only: Node's
 * own messages carry the server's absolute path. What the same path will always answer is permanent.
 */
export function documentReadError(error: unknown, documentPath: string): unknown {
  // Already classified (a symlink leading outside the directory), or an abort the engine handles.
  if ((error as Error)?.name === 'AbortError' || (error as Partial<StepError>)?.kind) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (typeof code !== 'string') return error;
  const permanent = PERMANENT[code];
  if (permanent) return { kind: 'permanent', code: permanent.code, message: `${permanent.reason} ${documentPath}` } satisfies StepError;
  return { kind: 'transient', code, message: `reading ${documentPath} failed (${code})` } satisfies StepError;
}
