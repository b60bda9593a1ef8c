import { decodeBytes, decodeUnknownText, isKnownEncoding, mixedEncodingWarnings, xmlDeclaredEncoding } from './text-decoding.js';

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

// "Café" in Windows-1252 (é = 0xE9) and "€" (0x80).
const CAFE_1252 = [0x43, 0x61, 0x66, 0xe9];
const EURO_1252 = [0x80];

describe(decodeBytes.name, () => {
  it('decodes with the encoding it is told', () => {
    expect(decodeBytes(bytes(CAFE_1252, EURO_1252), 'windows-1252')).toEqual({ text: 'Café€', encoding: 'windows-1252' });
    expect(decodeBytes(bytes('Café'), 'utf-8')).toEqual({ text: 'Café', encoding: 'utf-8' });
  });

  it('lets a byte-order mark win over the encoding it is told, and strips the mark', () => {
    expect(decodeBytes(bytes([0xef, 0xbb, 0xbf], 'Café'), 'windows-1252')).toEqual({ text: 'Café', encoding: 'utf-8' });
    expect(decodeBytes(bytes([0xff, 0xfe], [0x41, 0x00, 0xe9, 0x00]), 'utf-8')).toEqual({ text: 'Aé', encoding: 'utf-16le' });
    expect(decodeBytes(bytes([0xfe, 0xff], [0x00, 0x41, 0x00, 0xe9]), 'utf-8')).toEqual({ text: 'Aé', encoding: 'utf-16be' });
  });

  it('does not take a partial mark for one', () => {
    expect(decodeBytes(bytes([0xef, 0xbb], 'A'), 'windows-1252').encoding).toBe('windows-1252');
    expect(decodeBytes(bytes([0xff], 'A'), 'windows-1252').text).toBe('ÿA');
    expect(decodeBytes(bytes([0xfe], 'A'), 'windows-1252').text).toBe('þA');
  });
});

describe(decodeUnknownText.name, () => {
  it('reads valid UTF-8 as UTF-8', () => {
    expect(decodeUnknownText(bytes('Crème brûlée 12,50 €'))).toEqual({ text: 'Crème brûlée 12,50 €', encoding: 'utf-8' });
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8, or to the fallback it is given', () => {
    expect(decodeUnknownText(bytes(CAFE_1252, ' ', EURO_1252))).toEqual({ text: 'Café €', encoding: 'windows-1252' });
    expect(decodeUnknownText(bytes(CAFE_1252), 'latin1')).toEqual({ text: 'Café', encoding: 'latin1' });
  });

  it('follows a UTF-16 mark', () => {
    expect(decodeUnknownText(bytes([0xff, 0xfe], [0x4f, 0x00, 0x4b, 0x00]))).toEqual({ text: 'OK', encoding: 'utf-16le' });
  });

  it('decodes each line on its own when UTF-8 lines and Windows-1252 lines are mixed, and names the odd lines', () => {
    const decoded = decodeUnknownText(bytes('Crème\n', CAFE_1252, '\nplain\n', CAFE_1252));
    expect(decoded).toEqual({ text: 'Crème\nCafé\nplain\nCafé', encoding: 'windows-1252', redecodedLines: [2, 4] });
  });

  it('reads a file with no UTF-8 multi-byte character as Windows-1252 throughout', () => {
    expect(decodeUnknownText(bytes('plain\n', CAFE_1252))).toEqual({ text: 'plain\nCafé', encoding: 'windows-1252' });
  });

  it('takes a UTF-8 mark as the file saying UTF-8: its other lines are the odd ones', () => {
    expect(decodeUnknownText(bytes([0xef, 0xbb, 0xbf], 'plain\n', CAFE_1252))).toEqual({ text: 'plain\nCafé', encoding: 'windows-1252', redecodedLines: [2] });
  });
});

describe(mixedEncodingWarnings.name, () => {
  it('says nothing about a file in one encoding', () => {
    expect(mixedEncodingWarnings({ text: '', encoding: 'utf-8' })).toEqual([]);
    expect(mixedEncodingWarnings({ text: '', encoding: 'windows-1252', redecodedLines: [] })).toEqual([]);
  });

  it('names one odd line in the singular', () => {
    expect(mixedEncodingWarnings({ text: '', encoding: 'windows-1252', redecodedLines: [7] })).toEqual([
      { code: 'MIXED_ENCODING', message: 'the file mixes encodings: line 7 is not UTF-8 like the rest and was decoded as windows-1252', line: 7 },
    ]);
  });

  it('names several in the plural, the first twenty and a count of the rest', () => {
    expect(mixedEncodingWarnings({ text: '', encoding: 'windows-1252', redecodedLines: [3, 5] })[0]).toEqual({
      code: 'MIXED_ENCODING', message: 'the file mixes encodings: lines 3, 5 are not UTF-8 like the rest and were decoded as windows-1252', line: 3,
    });
    const lines = Array.from({ length: 23 }, (_, i) => i + 2);
    expect(mixedEncodingWarnings({ text: '', encoding: 'latin1', redecodedLines: lines })[0]!.message).toBe(
      'the file mixes encodings: lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21 and 3 more are not UTF-8 like the rest and were decoded as latin1',
    );
    expect(mixedEncodingWarnings({ text: '', encoding: 'latin1', redecodedLines: lines.slice(0, 20) })[0]!.message).not.toContain('more');
  });
});

describe(xmlDeclaredEncoding.name, () => {
  it.each([
    ['<?xml version="1.0" encoding="ISO-8859-1"?><Document/>', 'ISO-8859-1'],
    ["<?xml version='1.0' encoding='windows-1252' standalone='yes'?>", 'windows-1252'],
    ['\n  <?xml version="1.0" encoding = "UTF-8" ?>', 'UTF-8'],
    ['\uFEFF<?xml version="1.0" encoding="utf-8"?>', 'utf-8'],
  ])('reads the encoding of %j', (head, encoding) => {
    expect(xmlDeclaredEncoding(Buffer.from(head, 'utf8'))).toBe(encoding);
  });

  it.each([
    ['no declaration', '<Document encoding="latin1"/>'],
    ['a declaration without encoding', '<?xml version="1.0"?><Document/>'],
    ['an encoding attribute after the declaration', '<?xml version="1.0"?><a encoding="latin1"/>'],
    ['a pseudo-attribute ending in "encoding"', '<?xml version="1.0" xencoding="latin1"?>'],
  ])('finds none with %s', (_what, head) => {
    expect(xmlDeclaredEncoding(Buffer.from(head, 'utf8'))).toBeNull();
  });

  it('looks only at the first 200 bytes', () => {
    expect(xmlDeclaredEncoding(Buffer.from(`<?xml version="1.0"${' '.repeat(200)} encoding="latin1"?>`))).toBeNull();
  });
});

describe(isKnownEncoding.name, () => {
  it('knows the encodings banks declare and refuses made-up ones', () => {
    expect(['utf-8', 'ISO-8859-1', 'windows-1252', 'cp850', 'UTF-16LE'].map(isKnownEncoding)).toEqual([true, true, true, true, true]);
    expect(isKnownEncoding('klingon-8')).toBe(false);
  });
});
