import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DocumentReadError, readDocumentFile } from './document-file.js';
import { DocumentPathError } from './document-path.js';
import { StatementParseError } from './statement-parse.error.js';

describe(readDocumentFile.name, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cf-docs-'));
    await writeFile(join(dir, 'ok.csv'), 'date;label;amount\n');
    await symlink('/etc/hostname', join(dir, 'escape.csv'));
  });

  const failure = (path: string, options = {}) => readDocumentFile(dir, path, options).then(() => null, (e: unknown) => e as Error);

  it('reads a file inside the documents directory', async () => {
    await expect(readDocumentFile(dir, 'ok.csv')).resolves.toEqual(Buffer.from('date;label;amount\n'));
  });

  it('refuses a path component over 255 bytes as a bad path, without the server path in the message', async () => {
    const error = await failure(`${'é'.repeat(128)}.csv`);
    expect(error).toBeInstanceOf(DocumentPathError);
    expect(error!.message).toBe('document_path has a component longer than 255 bytes');
    expect(error!.message).not.toContain(dir);
  });

  it('answers a missing file as permanent DOCUMENT_NOT_FOUND naming the path as given', async () => {
    const error = await failure('nope/missing.csv');
    expect(error).toBeInstanceOf(DocumentReadError);
    expect(error).toMatchObject({ kind: 'permanent', code: 'DOCUMENT_NOT_FOUND' });
    expect(error!.message).toBe('no document at nope/missing.csv in the documents directory');
  });

  it('refuses a symlink leading outside the directory', async () => {
    expect(await failure('escape.csv')).toBeInstanceOf(DocumentPathError);
  });

  it('refuses a file over MAX_DOCUMENT_BYTES before reading it, naming the limit', async () => {
    const error = await failure('ok.csv', { maxBytes: 4 });
    expect(error).toBeInstanceOf(StatementParseError);
    expect(error).toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect(error!.message).toContain('MAX_DOCUMENT_BYTES=4');
  });
});
