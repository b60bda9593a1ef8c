import { documentPathProblem } from './document-path-rules.js';
import { DocumentPathError, resolveDocumentPath } from './document-path.js';

const relativeOnly = { allowAbsolute: false };

describe(documentPathProblem.name, () => {
  it('accepts an ordinary relative path', () => {
    expect(documentPathProblem('statements/2024-01.ofx', relativeOnly)).toBeNull();
    expect(documentPathProblem(`a/${'é'.repeat(125)}.csv`, relativeOnly)).toBeNull();
  });

  it.each([
    ['', 'document_path is empty'],
    ['a\u0000b', 'document_path contains a NUL byte'],
    ['a\nb.csv', 'document_path must not contain control characters'],
    ['a\u007fb.csv', 'document_path must not contain control characters'],
    ['/etc/passwd', 'document_path must be relative to the documents directory'],
    ['C:\\statements\\x.csv', 'document_path must be relative to the documents directory'],
    ['\\\\server\\share\\x.csv', 'document_path must be relative to the documents directory'],
    ['a/../../x.csv', 'document_path must not contain ".." segments'],
    [`${'a'.repeat(256)}.csv`, 'document_path has a component longer than 255 bytes'],
    // 128 two-byte characters: 256 bytes, though only 128 characters.
    [`d/${'é'.repeat(128)}`, 'document_path has a component longer than 255 bytes'],
    [`${'abcdefgh/'.repeat(114)}x.csv`, 'document_path is longer than 1024 bytes'],
  ])('refuses %j', (path, reason) => {
    expect(documentPathProblem(path, relativeOnly)).toBe(reason);
  });
});

describe(resolveDocumentPath.name, () => {
  it('refuses a path the file system would answer ENAMETOOLONG for, without naming the server path', () => {
    const error = (() => {
      try {
        return resolveDocumentPath(`/srv/${'d'.repeat(200)}/`.repeat(18), 'x/'.repeat(200) + 'y.csv');
      } catch (e) {
        return e;
      }
    })() as DocumentPathError;
    expect(error).toBeInstanceOf(DocumentPathError);
    expect(error.message).toBe('document_path is too long for this server');
  });

  it('still accepts an absolute path inside the directory (workflows started before the APIs refused them)', () => {
    expect(resolveDocumentPath('/srv/docs', '/srv/docs/a.csv')).toBe('/srv/docs/a.csv');
  });
});
