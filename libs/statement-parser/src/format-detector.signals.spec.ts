import { detectFormat } from './format-detector.js';

// Each signal of the detector alone, at its edges: what the mutation run showed the fixture-based spec leaves open.
const text = (value: string) => Buffer.from(value, 'latin1');
const utf16be = (value: string) => Buffer.from(value, 'utf16le').swap16();

describe(`${detectFormat.name} signals`, () => {
  it.each([
    ['an OFX 1 header', 'OFXHEADER:100\nDATA:OFXSGML\n', 'ofx'],
    ['an OFX 1 header after blank lines and spaces', '\n\n  OFXHEADER : 100\n', 'ofx'],
    ['an OFX 2 processing instruction', '<?xml version="1.0"?>\n<?OFX OFXHEADER="200" VERSION="211"?>', 'ofx'],
    ['a bare <OFX> root, any case', '<ofx><signonmsgsrsv1>', 'ofx'],
    ['a CAMT.053 namespace alone', '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">', 'camt'],
    ['a CAMT.052 namespace alone', '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:CAMT.052.001.08">', 'camt'],
    ['a CAMT report root alone, prefixed', '<?xml version="1.0"?><a:Document><a:BkToCstmrAcctRpt>', 'camt'],
    ['a CAMT statement root alone', '<BkToCstmrStmt><Stmt>', 'camt'],
    ['a QIF type header', '!Type:Bank\nD01/02/2024\nT-1.00\n^\n', 'qif'],
    ['a QIF account header, any case', '!account\nNChecking\n^\n', 'qif'],
    ['a QIF option header', '!Option:AutoSwitch\n!Account\n', 'qif'],
    ['MT940 with an opening balance', ':20:REF1\n:25:NL91ABNA0417164300\n:60F:C240101EUR1,00\n', 'mt940'],
    ['MT940 with a movement line only', ':20:REF1\n:25:NL91ABNA0417164300\n:61:2401010101C1,00NTRFNONREF\n', 'mt940'],
    ['MT940 after a SOH byte', '\x01:20:REF1\r\n:25:ACC\r\n:60M:C240101EUR1,00\r\n', 'mt940'],
    ['a CSV whose sample ends with a newline', 'date;amount\n2024-01-01;1.00\n', 'csv'],
  ])('detects %s', (_what, content, format) => {
    expect(detectFormat(text(content))).toBe(format);
  });

  it.each([
    ['a CAMT.054 notification', '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn>', 'camt'],
    ['a root that only starts like a CAMT one', '<BkToCstmrStmtX>', 'camt'],
    ['a QIF header past the first 200 characters', `${'x'.repeat(250)}\n!Type:Bank\n`, 'qif'],
    ['MT940 without an account line', ':20:REF1\n:60F:C240101EUR1,00\n:62F:C240101EUR1,00\n', 'mt940'],
    ['MT940 without a balance or movement', ':20:REF1\n:25:ACC\n:62F:C240101EUR1,00\n', 'mt940'],
    ['a CSV sample cut mid-line after its header', 'date;amount\n2024-01-01;1.0', 'csv'],
    ['lines whose field counts differ', 'date;amount\n2024-01-01;1.00;x\n', 'csv'],
    ['one line of fields', 'date;amount;label\n', 'csv'],
  ])('does not take %s for %s', (_what, content, notFormat) => {
    expect(detectFormat(text(content))).not.toBe(notFormat);
  });

  it('reads UTF-16 big-endian, with and without a BOM', () => {
    const xml = '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">';
    expect(detectFormat(utf16be(`\uFEFF${xml}`))).toBe('camt');
    expect(detectFormat(utf16be(xml))).toBe('camt');
  });

  it('reads UTF-16 little-endian with a BOM', () => {
    expect(detectFormat(Buffer.from('\uFEFFOFXHEADER:100\n', 'utf16le'))).toBe('ofx');
  });

  it('strips a UTF-8 BOM before anchored signals', () => {
    expect(detectFormat(Buffer.from('\uFEFFOFXHEADER:100\n', 'utf8'))).toBe('ofx');
    expect(detectFormat(Buffer.from('\uFEFF!Type:Bank\n', 'utf8'))).toBe('qif');
  });

  it('takes the .csv extension in any case, and no other', () => {
    expect(detectFormat(text('Date\n'), 'EXPORT.CSV')).toBe('csv');
    expect(detectFormat(text('Date\n'), 'export.txt')).toBeNull();
    expect(detectFormat(text('Date\n'), 'csv')).toBe('csv');
  });
});
