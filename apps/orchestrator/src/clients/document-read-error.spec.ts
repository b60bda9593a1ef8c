import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentReadError } from './document-read-error.js';

async function failureOf(path: string): Promise<unknown> {
  return readFile(path).then(() => null, (error: unknown) => error);
}

describe(documentReadError.name, () => {
  it('makes ENAMETOOLONG permanent and keeps the server path out of the message', async () => {
    const raw = await failureOf(join(tmpdir(), 'x'.repeat(300)));
    expect((raw as NodeJS.ErrnoException).code).toBe('ENAMETOOLONG');
    const mapped = documentReadError(raw, 'statements/long.csv') as { kind: string; code: string; message: string };
    expect(mapped).toEqual({ kind: 'permanent', code: 'DOCUMENT_PATH_TOO_LONG', message: 'the file system cannot hold the path statements/long.csv' });
    expect(mapped.message).not.toContain(tmpdir());
  });

  it('makes a missing file permanent, naming the client path only', async () => {
    const mapped = documentReadError(await failureOf(join(tmpdir(), 'no-such-dir-cf', 'a.csv')), 'a.csv');
    expect(mapped).toEqual({ kind: 'permanent', code: 'DOCUMENT_NOT_FOUND', message: 'no document at a.csv' });
  });

  it('leaves other errors transient but without the server path', () => {
    const error = Object.assign(new Error(`EMFILE: too many open files, open '/srv/data/documents/a.csv'`), { code: 'EMFILE' });
    expect(documentReadError(error, 'a.csv')).toEqual({ kind: 'transient', code: 'EMFILE', message: 'reading a.csv failed (EMFILE)' });
  });

  it('passes errors already classified through', () => {
    const classified = { kind: 'permanent', code: 'INVALID_DOCUMENT_PATH', message: 'outside' };
    expect(documentReadError(classified, 'a.csv')).toBe(classified);
  });
});
