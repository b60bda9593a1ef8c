import { detectFormat } from './format-detector.js';

const text = (value: string) => Buffer.from(value, 'latin1');

describe(`${detectFormat.name} edge cases`, () => {
  it('reads UTF-16 little-endian without a BOM', () => {
    expect(detectFormat(Buffer.from('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt/></Document>', 'utf16le'))).toBe('camt');
  });

  it('does not take latin-1 text whose first bytes look half like a UTF-16 mark for UTF-16', () => {
    expect(detectFormat(text('þa;b;c\n1;2;3\n4;5;6\n'))).toBe('csv');
    expect(detectFormat(text('aÿ;b;c\n1;2;3\n4;5;6\n'))).toBe('csv');
    expect(detectFormat(Buffer.from([0x00, 0x41, ...text(';b;c\n1;2;3\n4;5;6\n')]))).toBe('csv');
  });

  it('finds a CAMT root with a namespace prefix of several characters, without the namespace', () => {
    expect(detectFormat(text('<?xml version="1.0"?><ns2:Document><ns2:BkToCstmrStmt><ns2:Stmt/></ns2:BkToCstmrStmt></ns2:Document>'))).toBe('camt');
  });

  it('reads a CSV whose rows are separated by blank lines', () => {
    expect(detectFormat(text('Date;Label;Amount\n\n\n2024-01-02;Shop;-1,00\n\n2024-01-03;Shop;-2,00\n'))).toBe('csv');
  });

  it('does not take XML or HTML whose lines hold commas for a CSV', () => {
    expect(detectFormat(text('<?xml version="1.0"?>\n<row a="1,2"/>\n<row a="3,4"/>\n'))).toBeNull();
    expect(detectFormat(text('<html>\n<td>1,2</td>\n<td>3,4</td>\n'))).toBeNull();
  });

  it('reads a CSV that begins with a character that is not a tag', () => {
    expect(detectFormat(text('<2024-01-02>;Shop;-1,00\n<2024-01-03>;Shop;-2,00\n'))).toBe('csv');
  });
});
