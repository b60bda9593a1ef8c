import { StatementParseError } from '../statement-parse.error.js';
import type { ParseOptions } from '../statement.types.js';
import { parseMt940 } from './mt940.parser.js';

/* Whole MT940 files: what only shows once the messages, statements and ids come together. */

const parse = (text: string | Buffer, options: ParseOptions = {}) => parseMt940(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, options);

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StatementParseError);
    const { code, message, location } = error as StatementParseError;
    return { code, message, location };
  }
  throw new Error('expected a StatementParseError, but the parse succeeded');
}

const statement = (reference: string, ...entries: string[]) =>
  [`:20:${reference}`, ':25:NL91ABNA0417164300', ':28C:1/1', ':60F:C200101EUR0,', ...entries, ':62F:C200101EUR0,'].join('\n');

describe(`${parseMt940.name} documents`, () => {
  it('reads every statement of a file, in order', () => {
    const result = parse(`${statement('A', ':61:2001010101C0,NTRFX//B1')}\n-\n${statement('B', ':61:2001010101D0,NTRFY//B2')}\n-\n`);
    expect(result.format).toBe('mt940');
    expect(result.warnings).toEqual([]);
    expect(result.statements.map((s) => [s.account.id, s.transactions.map((t) => [t.id, t.reference])])).toEqual([
      ['NL91ABNA0417164300', [['B1', 'X']]],
      ['NL91ABNA0417164300', [['B2', 'Y']]],
    ]);
  });

  it('reads a file whose statements all lack the closing "-" line', () => {
    expect(parse(`${statement('A')}\n${statement('B')}\n`).statements).toHaveLength(2);
  });

  it('makes repeated bank references unique over the whole file', () => {
    const result = parse(`${statement('A', ':61:2001010101C0,NTRFX//SAME', ':61:2001010101C0,NTRFX//SAME')}\n-\n${statement('B', ':61:2001010101C0,NTRFX//SAME')}\n-`);
    expect(result.statements.flatMap((s) => s.transactions.map((t) => t.id))).toEqual(['SAME', 'SAME#2', 'SAME#3']);
  });

  it('refuses a file without any :20:', () => {
    expect(refusal(() => parse('0000 01INGBNL2AXXXX00001\n940 00\n-\n'))).toEqual({
      code: 'MALFORMED_DOCUMENT',
      message: 'MT940: no statement found (no :20: field)',
      location: { line: 1, element: ':20:' },
    });
    expect(refusal(() => parse(''))).toEqual({ code: 'MALFORMED_DOCUMENT', message: 'MT940: no statement found (no :20: field)', location: { line: 1, element: ':20:' } });
  });

  it('refuses a file whose last statement lost its "-" line while the others have one', () => {
    const text = `${statement('A')}\n-\n${statement('B')}\n`;
    expect(refusal(() => parse(text))).toEqual({
      code: 'MALFORMED_DOCUMENT',
      message: 'MT940: the last statement (:20: at line 7) has no closing "-" line while the others do: the file looks truncated',
      location: { line: 7, element: ':20:' },
    });
  });

  it('accepts an earlier statement without "-" when the last one has it', () => {
    expect(parse(`${statement('A')}\n${statement('B')}\n-\n`).statements).toHaveLength(2);
  });

  it('counts :61: lines, also after control bytes and CR line ends, against the row limit', () => {
    const two = `${statement('A', ':61:2001010101C0,NTRFX', '\x01:61:2001010101C0,NTRFY')}\n-`;
    expect(parse(two, { maxRows: 2 }).statements[0]!.transactions).toHaveLength(2);
    const limit = {
      code: 'LIMIT_EXCEEDED',
      message: 'the document holds more than 1 entries (:61:), the most one statement may have (MAX_STATEMENT_ROWS=1); split it into several files',
      location: {},
    };
    expect(refusal(() => parse(two, { maxRows: 1 }))).toEqual(limit);
    expect(refusal(() => parse(two.replace(/\n/g, '\r'), { maxRows: 1 }))).toEqual(limit);
    expect(refusal(() => parse(`:61:x\n${two.replace('\x01:61:', ':86:')}`, { maxRows: 1 }))).toEqual(limit);
  });

  it('does not count ":61:" inside a line against the row limit', () => {
    expect(parse(`${statement('A', ':61:2001010101C0,NTRFX', ':86:see :61: above')}\n-`, { maxRows: 1 }).statements[0]!.transactions).toHaveLength(1);
  });

  it('decodes a Windows-1252 file and reports lines that are not UTF-8 in an otherwise UTF-8 file', () => {
    const latin = Buffer.from(`${statement('A', ':61:2001010101C0,NTRFX', ':86:Caf\xe9 \x80')}\n-`, 'latin1');
    expect(parse(latin).statements[0]!.transactions[0]!.label).toBe('Café €');
    const mixed = Buffer.concat([Buffer.from(`${statement('A', ':61:2001010101C0,NTRFX', ':86:Café').split('\n:62F:')[0]}\n`, 'utf8'), Buffer.from(':86:Caf\xe9\n:62F:C200101EUR0,\n-', 'latin1')]);
    const result = parse(mixed);
    expect(result.statements[0]!.transactions[0]!.label).toBe('Café Café');
    expect(result.warnings).toEqual([
      { code: 'MIXED_ENCODING', message: 'the file mixes encodings: line 7 is not UTF-8 like the rest and was decoded as windows-1252', line: 7 },
    ]);
  });
});
