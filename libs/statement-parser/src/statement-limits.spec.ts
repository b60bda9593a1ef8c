import { checkRecordCount, rowLimitExceeded, sizeLimitExceeded } from './statement-limits.js';
import { StatementParseError } from './statement-parse.error.js';

describe(rowLimitExceeded.name, () => {
  it('names the limit, the variable that sets it and what to do, at the place given', () => {
    const error = rowLimitExceeded(3, 'rows', { line: 5 });
    expect(error).toBeInstanceOf(StatementParseError);
    expect(error.code).toBe('LIMIT_EXCEEDED');
    expect(error.message).toBe('the document holds more than 3 rows, the most one statement may have (MAX_STATEMENT_ROWS=3); split it into several files');
    expect(error.location).toEqual({ line: 5 });
    expect(rowLimitExceeded(1, 'entries').location).toEqual({});
  });
});

describe(sizeLimitExceeded.name, () => {
  it('names both sizes and the variable', () => {
    const error = sizeLimitExceeded(2048, 1024);
    expect(error.code).toBe('LIMIT_EXCEEDED');
    expect(error.message).toBe('the document is 2048 bytes, more than the 1024 bytes one statement may have (MAX_DOCUMENT_BYTES=1024)');
  });
});

describe(checkRecordCount.name, () => {
  const text = ':61:a\n:61:b\n:61:c\n';

  it('accepts up to the limit', () => {
    expect(() => checkRecordCount(text, /^:61:/gm, 3, 'entries')).not.toThrow();
  });

  it('refuses one record past it, naming what it counted', () => {
    expect(() => checkRecordCount(text, /^:61:/gm, 2, 'entries')).toThrow(
      'the document holds more than 2 entries, the most one statement may have (MAX_STATEMENT_ROWS=2); split it into several files',
    );
  });

  it('counts from the start even when the pattern was used before', () => {
    const pattern = /^:61:/gm;
    pattern.exec(text);
    pattern.exec(text);
    expect(() => checkRecordCount(text, pattern, 2, 'entries')).toThrow(StatementParseError);
  });
});
