import { ProblemException } from '@cashflow/nest-http';
import { DocumentPathError, resolveDocumentPath } from '@cashflow/statement-parser';
import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

/** A document_path must stay inside the documents directory; the file itself may not exist yet. */
export function confineDocumentPath(documentsDir: string, documentPath: string): string {
  try {
    return resolveDocumentPath(documentsDir, documentPath);
  } catch (error) {
    if (!(error instanceof DocumentPathError)) throw error;
    throw new ProblemException({
      type: '/problems/invalid-request',
      title: 'Invalid request',
      status: 400,
      detail: error.message,
      code: error.code,
      errors: [{ field: 'document_path', messages: [error.message] }],
    });
  }
}

/** Letters, digits, '.', '_' and '-' only; no leading dot, so neither `..` nor a hidden name can come out. */
function safeSegment(value: string, fallback: string, maxLength: number): string {
  const ascii = value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const safe = ascii.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(-maxLength);
  return safe === '' ? fallback : safe;
}

export function safeFileName(originalName: string): string {
  const base = originalName.split(/[\\/]/).pop() ?? '';
  return safeSegment(base, 'statement', 100);
}

export const UPLOADS_DIR = 'uploads';

/**
 * A user's upload folder, relative to the documents directory: the SHA-256 hex of the user id, so two ids never
 * share a folder (`a b` and `a_b` did when it was a sanitised id) and no id can shape a path.
 */
export function userUploadFolder(userId: string): string {
  return `${UPLOADS_DIR}/${createHash('sha256').update(userId, 'utf8').digest('hex')}`;
}

/** Whether a resolved document path lies inside the user's upload folder (where a user may start workflows). */
export function isInUserFolder(documentsDir: string, userId: string, resolvedPath: string): boolean {
  return resolvedPath.startsWith(resolve(documentsDir, userUploadFolder(userId)) + sep);
}

/** Stores uploaded statements as `uploads/<sha256 of the user id>/<workflow id>-<name>` under the documents directory. */
@Injectable()
export class DocumentStorage {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * Writes the file for the workflow `workflowId` will be and returns its document_path (relative to the
   * documents directory). Written aside then renamed, so the path never holds half a file, even after a crash.
   */
  async store(userId: string, originalName: string, bytes: Buffer, workflowId: string): Promise<string> {
    const documentPath = `${userUploadFolder(userId)}/${workflowId}-${safeFileName(originalName)}`;
    const target = confineDocumentPath(this.config.documentsDir, documentPath);
    await mkdir(dirname(target), { recursive: true });
    const partial = `${target}.${randomUUID()}.part`;
    try {
      await writeFile(partial, bytes, { flag: 'wx' });
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return relative(this.config.documentsDir, target).split('\\').join('/');
  }

  /** Deletes a stored upload; a file already gone is not an error. */
  async remove(documentPath: string): Promise<void> {
    await rm(confineDocumentPath(this.config.documentsDir, documentPath), { force: true });
  }
}
