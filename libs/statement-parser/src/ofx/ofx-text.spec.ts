import type { ParseWarning } from '../statement.types.js';
import { decodeOfx } from './ofx-text.js';

/** Bytes of an ASCII text with the given raw bytes in place of each `%`. */
function bytes(text: string, ...raw: number[][]): Uint8Array {
  const parts = text.split('%');
  const out: number[] = [];
  parts.forEach((part, i) => {
    out.push(...Buffer.from(part, 'latin1'));
    if (i < raw.length) out.push(...raw[i]!);
  });
  return Uint8Array.from(out);
}

function decode(input: Uint8Array) {
  const warnings: ParseWarning[] = [];
  const result = decodeOfx(input, warnings);
  return { ...result, warnings };
}

const sgml = (charset: string, encoding = 'USASCII') =>
  `OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:${encoding}\r\nCHARSET:${charset}\r\nCOMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n<OFX><NAME>%</NAME></OFX>`;
const nameOf = (text: string) => /<NAME>(.*)<\/NAME>/s.exec(text)![1];

describe(decodeOfx.name, () => {
  it('reads the SGML header and decodes the body by its CHARSET, keeping the header in the text', () => {
    const result = decode(bytes(sgml('1252'), [0x80, 0xe9]));
    const header = 'OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\nCHARSET:1252\r\nCOMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n';
    expect(result).toEqual({
      text: `${header}<OFX><NAME>€é</NAME></OFX>`,
      bodyStart: header.length,
      headers: {
        OFXHEADER: '100',
        DATA: 'OFXSGML',
        VERSION: '102',
        SECURITY: 'NONE',
        ENCODING: 'USASCII',
        CHARSET: '1252',
        COMPRESSION: 'NONE',
        OLDFILEUID: 'NONE',
        NEWFILEUID: 'NONE',
      },
      flavour: 'sgml',
      warnings: [],
    });
  });

  it.each(['8859-1', 'ISO-8859-1', 'ISO8859-1', '88591', 'iso-8859-1', 'LATIN1', 'latin1', ' 8859-1 '])('decodes CHARSET:%s as Latin-1', (charset) => {
    const result = decode(bytes(sgml(charset), [0x80, 0xe9]));
    expect([nameOf(result.text), result.warnings]).toEqual(['\u0080é', []]);
  });

  it('decodes CHARSET:ISO-8859-15, the Latin-9 with the euro sign', () => {
    expect(nameOf(decode(bytes(sgml('ISO-8859-15'), [0xa4])).text)).toBe('€');
  });

  it.each([
    ['1250', 'ś'],
    ['1251', 'њ'],
    ['WINDOWS-1250', 'ś'],
    ['windows-1251', 'њ'],
  ])('decodes CHARSET:%s with that code page', (charset, expected) => {
    expect(nameOf(decode(bytes(sgml(charset), [0x9c])).text)).toBe(expected);
  });

  it.each([
    ['NONE', 'UTF-8'],
    ['NONE', 'utf8'],
    ['', 'UTF-8'],
    ['FOO', ' UTF-8 '],
  ])('decodes CHARSET:%s with ENCODING:%s as UTF-8', (charset, encoding) => {
    const result = decode(bytes(sgml(charset, encoding), [0xc3, 0xa9]));
    expect([nameOf(result.text), result.warnings]).toEqual(['é', []]);
  });

  it.each([
    ['NONE', 'USASCII'],
    ['FOO', 'USASCII'],
    ['1', 'USASCII'],
    ['12345', 'USASCII'],
    ['999', 'USASCII'],
  ])('guesses the encoding when CHARSET:%s and ENCODING:%s say nothing usable', (charset, encoding) => {
    expect(nameOf(decode(bytes(sgml(charset, encoding), [0xc3, 0xa9])).text)).toBe('é');
    expect(nameOf(decode(bytes(sgml(charset, encoding), [0x80])).text)).toBe('€');
  });

  it('decodes valid multi-byte UTF-8 as UTF-8 despite a single-byte CHARSET, and says so', () => {
    const result = decode(bytes(sgml('1252'), [0xc3, 0xa9]));
    expect(nameOf(result.text)).toBe('é');
    expect(result.warnings).toEqual([
      { code: 'ENCODING_MISMATCH', message: 'the OFX header declares windows-1252 but the bytes are valid UTF-8; decoded as UTF-8', line: 1 },
    ]);
    expect(decode(bytes(sgml('8859-1'), [0xc3, 0xa9])).warnings.map((w) => w.message)).toEqual([
      'the OFX header declares latin1 but the bytes are valid UTF-8; decoded as UTF-8',
    ]);
  });

  it('names the declared code page in lower case', () => {
    expect(decode(bytes(sgml('WINDOWS-1250'), [0xc3, 0xa9])).warnings.map((w) => w.message)).toEqual([
      'the OFX header declares windows-1250 but the bytes are valid UTF-8; decoded as UTF-8',
    ]);
  });

  it.each(['UTF-8', 'UTF8', 'utf-8'])('trusts ENCODING:%s even when a byte is not UTF-8', (encoding) => {
    expect(nameOf(decode(bytes(sgml('NONE', encoding), [0x80])).text)).toBe('\uFFFD');
  });

  it('gives no warning for an ASCII file with a single-byte CHARSET', () => {
    const result = decode(bytes(sgml('1252'), [0x41]));
    expect([nameOf(result.text), result.warnings]).toEqual(['A', []]);
    expect(decode(bytes(sgml('1252'), [0x7f])).warnings).toEqual([]);
  });

  it('reads header names in any case and trims their values', () => {
    const result = decode(bytes('ofxheader : 100\ncharset:  1250  \r  data:OFXSGML\n\n<OFX><NAME>%</NAME></OFX>', [0x9c]));
    expect(result.headers).toEqual({ OFXHEADER: '100', CHARSET: '1250', DATA: 'OFXSGML' });
    expect(nameOf(result.text)).toBe('ś');
  });

  it('reads no header after the markup starts', () => {
    const result = decode(bytes('\n\n<OFX><NAME>%</NAME>\nCHARSET:1250\n</OFX>', [0x9c]));
    expect(result.headers).toEqual({});
    expect(result.bodyStart).toBe(2);
    expect(nameOf(result.text)).toBe('œ');
  });

  it('decodes OFX 2 by its XML declaration, from offset 0, without SGML headers', () => {
    const text = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<?OFX OFXHEADER="200" VERSION="211"?>\n<OFX><NAME>%</NAME></OFX>';
    const result = decode(bytes(text, [0xe9]));
    expect(result).toEqual({ text: text.replace('%', 'é'), bodyStart: 0, headers: {}, flavour: 'xml', warnings: [] });
  });

  it.each([
    ['<?xml version="1.0" encoding="windows-1250"?><OFX><NAME>%</NAME></OFX>', [0x9c], 'ś'],
    ['<?xml version="1.0" encoding="US-ASCII"?><OFX><NAME>%</NAME></OFX>', [0x80], '€'],
    ['<?xml version="1.0" encoding="ascii"?><OFX><NAME>%</NAME></OFX>', [0xc3, 0xa9], 'é'],
    ['<?xml version="1.0" encoding="bogus-charset"?><OFX><NAME>%</NAME></OFX>', [0x80], '€'],
    ['<?xml version="1.0"?><OFX><NAME>%</NAME></OFX>', [0xc3, 0xa9], 'é'],
  ])('decodes %s', (text, raw, expected) => {
    const result = decode(bytes(text, raw));
    expect([result.flavour, nameOf(result.text), result.warnings]).toEqual(['xml', expected, []]);
  });

  it.each([
    ['  \r\n<?XML version="1.0"?><OFX></OFX>', 'xml'],
    ['\uFEFF<?xml version="1.0"?><OFX></OFX>', 'xml'],
    ['<?OFX OFXHEADER="200"?><OFX></OFX>', 'xml'],
    ['<?ofx OFXHEADER="200"?><OFX></OFX>', 'xml'],
    ['\r\n <?OFX OFXHEADER="200"?><OFX></OFX>', 'xml'],
    ['x<?OFX OFXHEADER="200"?><OFX></OFX>', 'sgml'],
    ['x<?xml version="1.0"?><OFX></OFX>', 'sgml'],
    ['OFXHEADER:100\n<?xml version="1.0"?><OFX></OFX>', 'sgml'],
    ['<OFX></OFX>', 'sgml'],
  ])('tells %j as %s', (text, flavour) => {
    expect(decode(Buffer.from(text, 'utf8')).flavour).toBe(flavour);
  });

  it('strips a UTF-8 byte order mark and starts the XML markup at 0', () => {
    const result = decode(Buffer.from('\uFEFF<?xml version="1.0" encoding="UTF-8"?><OFX><NAME>é</NAME></OFX>', 'utf8'));
    expect([result.text, result.bodyStart, result.warnings]).toEqual(['<?xml version="1.0" encoding="UTF-8"?><OFX><NAME>é</NAME></OFX>', 0, []]);
  });

  it('gives the end of the text as the body start of a file without markup', () => {
    expect(decode(Buffer.from('OFXHEADER:100\nDATA:OFXSGML\n')).bodyStart).toBe(27);
    expect(decode(Buffer.from('<?xml')).bodyStart).toBe(0);
    expect(decode(Buffer.from('  \r\n<?xml version="1.0"?><OFX></OFX>')).bodyStart).toBe(0);
    expect(decode(Buffer.from('')).bodyStart).toBe(0);
  });

  it('reports lines that are not UTF-8 in a file that otherwise is, when no charset is declared', () => {
    const result = decode(bytes('OFXHEADER:100\n\n<OFX><NAME>%</NAME>\n<MEMO>%</MEMO></OFX>', [0xc3, 0xa9], [0xe9]));
    expect(result.text).toBe('OFXHEADER:100\n\n<OFX><NAME>é</NAME>\n<MEMO>é</MEMO></OFX>');
    expect(result.warnings).toEqual([
      { code: 'MIXED_ENCODING', message: 'the file mixes encodings: line 4 is not UTF-8 like the rest and was decoded as windows-1252', line: 4 },
    ]);
  });
});
