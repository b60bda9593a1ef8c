import { readMt940Messages } from './mt940-messages.js';
import { parseFailure } from '../testing/parse-failure.js';

describe(readMt940Messages.name, () => {
  it('splits a statement into its fields, joining continuation lines and noting each line', () => {
    const text = [
      ':20:STARTUMS',
      ':25:10020030/1234567',
      ':28C:1/1',
      ':60F:C090930EUR1000,00',
      ':61:0910011001D50,00NTRFNONREF//B1',
      '  second line',
      ':86:166?00GUTSCHRIFT',
      '?20text',
      ':NS:15Name',
      ':62F:C091001EUR950,00',
      '-',
    ].join('\n');
    expect(readMt940Messages(text)).toEqual([
      {
        line: 1,
        terminated: true,
        fields: [
          { tag: '20', value: 'STARTUMS', line: 1 },
          { tag: '25', value: '10020030/1234567', line: 2 },
          { tag: '28C', value: '1/1', line: 3 },
          { tag: '60F', value: 'C090930EUR1000,00', line: 4 },
          { tag: '61', value: '0910011001D50,00NTRFNONREF//B1\n  second line', line: 5 },
          { tag: '86', value: '166?00GUTSCHRIFT\n?20text', line: 7 },
          { tag: 'NS', value: '15Name', line: 9 },
          { tag: '62F', value: 'C091001EUR950,00', line: 10 },
        ],
      },
    ]);
  });

  it('starts a message at every :20:, and marks only those ended by a "-" line', () => {
    const text = ':20:A\n:25:1\n-\n:20:B\n:25:2\n:20:C\n:25:3\n-}\n';
    expect(readMt940Messages(text)).toEqual([
      { line: 1, terminated: true, fields: [{ tag: '20', value: 'A', line: 1 }, { tag: '25', value: '1', line: 2 }] },
      { line: 4, terminated: false, fields: [{ tag: '20', value: 'B', line: 4 }, { tag: '25', value: '2', line: 5 }] },
      { line: 6, terminated: true, fields: [{ tag: '20', value: 'C', line: 6 }, { tag: '25', value: '3', line: 7 }] },
    ]);
  });

  it.each(['\r\n', '\r', '\n'])('reads %j line ends', (eol) => {
    expect(readMt940Messages([':20:A', ':86:x', 'y', '-'].join(eol))).toEqual([
      { line: 1, terminated: true, fields: [{ tag: '20', value: 'A', line: 1 }, { tag: '86', value: 'x\ny', line: 2 }] },
    ]);
  });

  it('ignores bank header lines, blank lines and text after the end of a message', () => {
    const text = '0000 01INGBNL2AXXXX00001\n940 00\n:20:A\n\n   \n:86:x\n\n-\nafter\n:13:1\nmore\n';
    expect(readMt940Messages(text)).toEqual([{ line: 3, terminated: true, fields: [{ tag: '20', value: 'A', line: 3 }, { tag: '86', value: 'x', line: 6 }] }]);
  });

  it('ignores fields that are no statement field before the first :20:, with their continuation lines', () => {
    const text = ':940:X\ncontinued\n:64:C090930EUR1,00\n:NS:15x\n:20:A\n';
    expect(readMt940Messages(text)).toEqual([{ line: 5, terminated: false, fields: [{ tag: '20', value: 'A', line: 5 }] }]);
  });

  it.each(['61', '86', '60F', '60M', '62F', '62M', '25', '28', '28C'])('refuses a :%s: before any :20:', (tag) => {
    const error = parseFailure(() => readMt940Messages(`940 00\n:${tag}:x\n:20:A\n`));
    expect([error.code, error.message, error.location]).toEqual([
      'MALFORMED_DOCUMENT',
      `MT940: field :${tag}: at line 2 comes before any :20: statement header`,
      { line: 2, element: `:${tag}:` },
    ]);
  });

  it('refuses a statement field after a "-" line that no :20: follows', () => {
    expect(parseFailure(() => readMt940Messages(':20:A\n-\n:61:x\n')).message).toBe('MT940: field :61: at line 3 comes before any :20: statement header');
  });

  it('reads the fields inside SWIFT block wrappers and skips the other blocks', () => {
    const text = '{1:F01BANKDEFFXXXX0000000000}{2:O9400000000000BANKDEFFXXXX00000000000000000000N}{4:\n:20:A\n:25:1\n-}\n{5:{CHK:123456789ABC}}\n{1:F01X}{4::20:B\n:25:2\n-}';
    expect(readMt940Messages(text)).toEqual([
      { line: 2, terminated: true, fields: [{ tag: '20', value: 'A', line: 2 }, { tag: '25', value: '1', line: 3 }] },
      { line: 6, terminated: true, fields: [{ tag: '20', value: 'B', line: 6 }, { tag: '25', value: '2', line: 7 }] },
    ]);
  });

  it('ends a message at a "-}" line that carries the FIN trailer blocks, leaving the last field as it is', () => {
    const text = '{1:F01BANKDEFFXXXX0000000000}{4:\n:20:A\n:62F:C200101EUR0,\n-}{5:{MAC:00000000}{CHK:123456789ABC}}\n{1:F01X}{4:\n:20:B\n-}{S:{COP:P}}';
    expect(readMt940Messages(text)).toEqual([
      { line: 2, terminated: true, fields: [{ tag: '20', value: 'A', line: 2 }, { tag: '62F', value: 'C200101EUR0,', line: 3 }] },
      { line: 6, terminated: true, fields: [{ tag: '20', value: 'B', line: 6 }] },
    ]);
  });

  it('keeps a continuation line that only begins with "-" and a brace as part of its field', () => {
    expect(readMt940Messages(':20:A\n:86:x\n-{note}\n')[0]!.fields[1]).toEqual({ tag: '86', value: 'x\n-{note}', line: 2 });
  });

  it('skips a block line without a {4: block, even inside a message', () => {
    expect(readMt940Messages(':20:A\n:86:x\n{5:{CHK:1}}\n')).toEqual([{ line: 1, terminated: false, fields: [{ tag: '20', value: 'A', line: 1 }, { tag: '86', value: 'x', line: 2 }] }]);
  });

  it('drops control bytes and a byte order mark, keeping tabs and the line numbers', () => {
    const text = '\x01\n\uFEFF:20:A\x03\x7f\x08\n\x01:86:a\tb\x00\x0b\x0c\x0e\x1f\n\x02-\x03';
    expect(readMt940Messages(text)).toEqual([{ line: 2, terminated: true, fields: [{ tag: '20', value: 'A', line: 2 }, { tag: '86', value: 'a\tb', line: 3 }] }]);
  });

  it.each(['-', '-}', '-  ', '  -', '-ABC'])('ends a message at the line %j', (end) => {
    expect(readMt940Messages(`:20:A\n${end}\nx`)).toEqual([{ line: 1, terminated: true, fields: [{ tag: '20', value: 'A', line: 1 }] }]);
  });

  it.each(['-1', '-abc', '--', '- x', ':2:x', ':1234:x', ':60f:x', ':60FX:x', ':ns:x', '20:x', ':20x', 'see :61:x', ' :20:B'])('reads the line %j as a continuation line', (line) => {
    expect(readMt940Messages(`:20:A\n:86:x\n${line}`)).toEqual([
      { line: 1, terminated: false, fields: [{ tag: '20', value: 'A', line: 1 }, { tag: '86', value: `x\n${line}`, line: 2 }] },
    ]);
  });

  it('reads a tag of three digits as a field of its own', () => {
    expect(readMt940Messages(':20:A\n:86:x\n:940:y')).toEqual([
      { line: 1, terminated: false, fields: [{ tag: '20', value: 'A', line: 1 }, { tag: '86', value: 'x', line: 2 }, { tag: '940', value: 'y', line: 3 }] },
    ]);
  });

  it('keeps an empty field value', () => {
    expect(readMt940Messages(':20:\n:86:')).toEqual([{ line: 1, terminated: false, fields: [{ tag: '20', value: '', line: 1 }, { tag: '86', value: '', line: 2 }] }]);
  });

  it('finds no message in a file without :20:', () => {
    expect(readMt940Messages('')).toEqual([]);
    expect(readMt940Messages('940 00\n-\n:13:x\n')).toEqual([]);
  });
});
