import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DocumentReadError, readDocumentFile } from './document-file.js';
import { DocumentPathError, resolveDocumentPath } from './document-path.js';

/* How each way a document can fail to be read is told to the caller: what it is, and whether a retry can help. */

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cf-doc-errors-'));
  await writeFile(join(dir, 'ten.csv'), '0123456789');
  await mkdir(join(dir, 'folder.csv'));
  await symlink(join(dir, 'loop-b'), join(dir, 'loop-a'));
  await symlink(join(dir, 'loop-a'), join(dir, 'loop-b'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const failure = (path: string, options = {}) => readDocumentFile(dir, path, options).then(() => new Error('expected a failure'), (e: unknown) => e as Error);
const described = (e: Error) => ({ type: e.constructor.name, name: e.name, message: e.message, ...('kind' in e ? { kind: e.kind } : {}), ...('code' in e ? { code: e.code } : {}) });

describe(readDocumentFile.name, () => {
  it.each([
    ['a directory', 'folder.csv'],
    ['a path through a file', 'ten.csv/inner.csv'],
    ['a missing file', 'nowhere.csv'],
  ])('answers %s as a permanent DOCUMENT_NOT_FOUND', async (_what, path) => {
    expect(described(await failure(path))).toEqual({
      type: 'DocumentReadError', name: 'DocumentReadError', message: `no document at ${path} in the documents directory`, kind: 'permanent', code: 'DOCUMENT_NOT_FOUND',
    });
  });

  it('refuses a symbolic link loop as a bad path', async () => {
    expect(described(await failure('loop-a'))).toEqual({
      type: 'DocumentPathError', name: 'DocumentPathError', message: 'document_path goes through too many symbolic links', kind: 'permanent', code: 'INVALID_DOCUMENT_PATH',
    });
  });

  it('reads a file of exactly the byte limit and refuses one byte more', async () => {
    await expect(readDocumentFile(dir, 'ten.csv', { maxBytes: 10 })).resolves.toEqual(Buffer.from('0123456789'));
    expect(described(await failure('ten.csv', { maxBytes: 9 }))).toMatchObject({ code: 'LIMIT_EXCEEDED', message: 'the document is 10 bytes, more than the 9 bytes one statement may have (MAX_DOCUMENT_BYTES=9)' });
  });

  it('stops reading when the caller aborts, with the abort itself', async () => {
    const aborted = AbortSignal.abort();
    const error = await failure('ten.csv', { signal: aborted });
    expect(error.name).toBe('AbortError');
    expect(error).not.toBeInstanceOf(DocumentReadError);
  });

  it('passes on an error that is not the file system\'s as it is', async () => {
    const error = await failure('ten.csv', { signal: 'not a signal' });
    expect(error.name).toBe('TypeError');
    expect((error as NodeJS.ErrnoException).code).toBe('ERR_INVALID_ARG_TYPE');
  });
});

describe(resolveDocumentPath.name, () => {
  it.each([
    ['the directory itself', '/srv/docs'],
    ['the directory itself, with a trailing slash', '/srv/docs/'],
    ['a file outside it', '/etc/passwd'],
    ['a sibling whose name begins like it', '/srv/docs-private/a.csv'],
    ['its parent', '/srv'],
  ])('refuses %s', (_what, path) => {
    expect(() => resolveDocumentPath('/srv/docs', path)).toThrow(new DocumentPathError('document_path must name a file inside the documents directory'));
  });

  it('accepts a resolved path of exactly 4,095 bytes and refuses 4,096', () => {
    // A deep documents directory: the client's part stays under its own 1,024-byte limit.
    const root = `/${'r'.repeat(200)}`.repeat(16);
    const nameOf = (total: number) => {
      const parts: string[] = [];
      let left = total - root.length - 1;
      for (; left > 201; left -= 201) parts.push('n'.repeat(200));
      return [...parts, 'n'.repeat(left)].join('/');
    };
    const exact = nameOf(4095);
    expect(Buffer.byteLength(`${root}/${exact}`)).toBe(4095);
    expect(resolveDocumentPath(root, exact)).toBe(`${root}/${exact}`);
    const over = nameOf(4096);
    expect(Buffer.byteLength(`${root}/${over}`)).toBe(4096);
    expect(() => resolveDocumentPath(root, over)).toThrow('document_path is too long for this server');
  });
});
