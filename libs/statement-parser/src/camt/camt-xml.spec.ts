import { StatementParseError } from '../statement-parse.error.js';
import { loadXml, malformed, XmlElement } from './camt-xml.js';
import { parseFailure } from '../testing/parse-failure.js';

const load = (xml: string, recordTag?: Parameters<typeof loadXml>[1]): XmlElement => loadXml(Buffer.from(xml, 'utf8'), recordTag);

describe(XmlElement.name, () => {
  const doc = () =>
    load(
      '<Document><Stmt><Id>S1</Id><Acct><Id><IBAN> DE00 </IBAN></Id></Acct>' +
        '<Bal><Amt Ccy=" EUR " Empty="  ">1.00</Amt></Bal>' +
        '<Ntry><NtryDtls><TxDtls><Ref>A</Ref></TxDtls><TxDtls><Ref>B</Ref></TxDtls></NtryDtls><NtryDtls><TxDtls><Ref>C</Ref></TxDtls></NtryDtls></Ntry>' +
        '<Ntry><Note>one</Note><Note>two</Note><Empty></Empty><Blank>  </Blank></Ntry>' +
        '</Stmt></Document>',
    ).find('Document')!;

  it('gives the root children a path from the root', () => {
    const root = load('<Document><A>x</A></Document>');
    expect(root.path).toBe('');
    expect(root.find('Document')!.path).toBe('/Document');
    expect(root.find('Document/A')!.path).toBe('/Document/A');
  });

  it('indexes the repeating CAMT elements even when there is one, and other elements only when they repeat', () => {
    const d = doc();
    expect(d.find('Stmt')!.path).toBe('/Document/Stmt[1]');
    expect(d.find('Stmt/Bal')!.path).toBe('/Document/Stmt[1]/Bal[1]');
    expect(d.find('Stmt/Acct/Id/IBAN')!.path).toBe('/Document/Stmt[1]/Acct/Id/IBAN');
    expect(d.find('Stmt')!.children('Ntry').map((n) => n.path)).toEqual(['/Document/Stmt[1]/Ntry[1]', '/Document/Stmt[1]/Ntry[2]']);
    expect(d.find('Stmt')!.children('Ntry')[1]!.children('Note').map((n) => n.path)).toEqual([
      '/Document/Stmt[1]/Ntry[2]/Note[1]',
      '/Document/Stmt[1]/Ntry[2]/Note[2]',
    ]);
  });

  it('indexes every CAMT repeating element: Stmt, Rpt, Ntfctn, Bal, Ntry, NtryDtls, TxDtls', () => {
    const root = load('<D><Stmt/><Rpt/><Ntfctn/><Bal/><Ntry/><NtryDtls/><TxDtls/><Other/></D>').find('D')!;
    expect(['Stmt', 'Rpt', 'Ntfctn', 'Bal', 'Ntry', 'NtryDtls', 'TxDtls', 'Other'].map((n) => root.children(n)[0]!.path)).toEqual([
      '/D/Stmt[1]',
      '/D/Rpt[1]',
      '/D/Ntfctn[1]',
      '/D/Bal[1]',
      '/D/Ntry[1]',
      '/D/NtryDtls[1]',
      '/D/TxDtls[1]',
      '/D/Other',
    ]);
  });

  it('gives no children for an absent name, an attribute or a text node', () => {
    const d = doc();
    expect(d.children('Missing')).toEqual([]);
    expect(d.find('Stmt/Bal/Amt')!.children('@Ccy')).toEqual([]);
    expect(d.find('Stmt/Id')!.children('x')).toEqual([]);
    expect(new XmlElement(null, '/n').children('x')).toEqual([]);
    expect(new XmlElement(undefined, '/n').children('x')).toEqual([]);
  });

  it('finds the first element at a relative path, or undefined when any step is missing', () => {
    const d = doc();
    expect(d.find('Stmt/Ntry/NtryDtls/TxDtls/Ref')!.text()).toBe('A');
    expect(d.find('Stmt/Missing/Id')).toBeUndefined();
    expect(d.find('Stmt/Id/Deeper')).toBeUndefined();
  });

  it('finds all elements at a relative path across every repetition', () => {
    const refs = doc().findAll('Stmt/Ntry/NtryDtls/TxDtls/Ref');
    expect(refs.map((r) => [r.text(), r.path])).toEqual([
      ['A', '/Document/Stmt[1]/Ntry[1]/NtryDtls[1]/TxDtls[1]/Ref'],
      ['B', '/Document/Stmt[1]/Ntry[1]/NtryDtls[1]/TxDtls[2]/Ref'],
      ['C', '/Document/Stmt[1]/Ntry[1]/NtryDtls[2]/TxDtls[1]/Ref'],
    ]);
    expect(doc().findAll('Stmt/Missing/Ref')).toEqual([]);
  });

  it('gives the trimmed text, or undefined when the element is empty or blank', () => {
    const d = doc();
    expect(d.findText('Stmt/Acct/Id/IBAN')).toBe('DE00');
    expect(d.findText('Stmt/Bal/Amt')).toBe('1.00');
    expect(d.find('Stmt')!.children('Ntry')[1]!.findText('Empty')).toBeUndefined();
    expect(d.find('Stmt')!.children('Ntry')[1]!.findText('Blank')).toBeUndefined();
    expect(d.findText('Stmt/Missing')).toBeUndefined();
    expect(d.findText('Stmt/Acct')).toBeUndefined();
  });

  it('reads the text of scalar nodes as strings', () => {
    expect(new XmlElement(42, '/n').text()).toBe('42');
    expect(new XmlElement(false, '/n').text()).toBe('false');
    expect(new XmlElement({ '#text': 7 }, '/n').text()).toBe('7');
    expect(new XmlElement(null, '/n').text()).toBeUndefined();
    expect(new XmlElement({ '#text': null }, '/n').text()).toBeUndefined();
  });

  it('reads a trimmed attribute, or undefined when it is absent or blank', () => {
    const amt = doc().find('Stmt/Bal/Amt')!;
    expect(amt.attr('Ccy')).toBe('EUR');
    expect(amt.attr('Empty')).toBeUndefined();
    expect(amt.attr('Missing')).toBeUndefined();
    expect(doc().find('Stmt/Id')!.attr('Ccy')).toBeUndefined();
    expect(new XmlElement(null, '/n').attr('Ccy')).toBeUndefined();
    expect(new XmlElement({ '@Ccy': 5 }, '/n').attr('Ccy')).toBeUndefined();
    expect(new XmlElement({ '@Ccy': ' chf ' }, '/n').attr('Ccy')).toBe('chf');
    expect(new XmlElement({ '@Ccy': ' ' }, '/n').attr('Ccy')).toBeUndefined();
  });

  it('gives plain JSON without attribute prefixes, single-item lists unwrapped', () => {
    expect(doc().find('Stmt/Bal')!.toJSON()).toEqual({ Amt: { '#text': '1.00', Ccy: 'EUR', Empty: '' } });
    expect(doc().find('Stmt')!.children('Ntry')[1]!.toJSON()).toEqual({ Note: ['one', 'two'], Empty: '', Blank: '' });
    expect(new XmlElement([[{ '@a': ['x'] }]], '/n').toJSON()).toEqual({ a: 'x' });
    expect(new XmlElement([{ '@a': ['x'] }, ['y', 'z']], '/n').toJSON()).toEqual([{ a: 'x' }, ['y', 'z']]);
    expect(new XmlElement({ Tag: [{ '@Ccy': 'EUR', '#text': '1' }] }, '/n').toJSON()).toEqual({ Tag: { Ccy: 'EUR', '#text': '1' } });
    expect(new XmlElement(null, '/n').toJSON()).toBeNull();
  });
});

describe(malformed.name, () => {
  it('makes a MALFORMED_DOCUMENT error naming the element', () => {
    const err = malformed('the account is missing', '/Document/Stmt[1]');
    expect(err).toBeInstanceOf(StatementParseError);
    expect(err.code).toBe('MALFORMED_DOCUMENT');
    expect(err.message).toBe('the account is missing (at /Document/Stmt[1])');
    expect(err.location).toEqual({ element: '/Document/Stmt[1]' });
  });
});

describe(loadXml.name, () => {
  it('strips namespace prefixes and keeps every value a string', () => {
    const root = load('<?xml version="1.0"?><c:Document xmlns:c="urn:x"><c:Amt c:Ccy="EUR">007.10</c:Amt><c:Flag>true</c:Flag></c:Document>');
    const amt = root.find('Document/Amt')!;
    expect(amt.text()).toBe('007.10');
    expect(amt.attr('Ccy')).toBe('EUR');
    expect(root.findText('Document/Flag')).toBe('true');
    expect(load('<D n="010" b="true"/>').find('D')!.attr('n')).toBe('010');
    expect(load('<D n="010" b="true"/>').find('D')!.attr('b')).toBe('true');
  });

  it('ignores processing instructions and comments', () => {
    const root = load('<?xml version="1.0"?><?xml-stylesheet href="a.xsl"?><D><!-- note --><A>1</A></D>');
    expect(root.toJSON()).toEqual({ D: { A: '1' } });
  });

  it('decodes the bytes in the encoding the XML declares', () => {
    const bytes = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><D><N>Müller</N></D>', 'latin1');
    expect(loadXml(bytes).findText('D/N')).toBe('Müller');
  });

  it('decodes UTF-8 when no encoding is declared', () => {
    expect(load('<D><N>Sąskaita €</N></D>').findText('D/N')).toBe('Sąskaita €');
  });

  it('refuses an encoding it does not know, at line 1', () => {
    const err = parseFailure(() => load('<?xml version="1.0" encoding="X-NOPE"?><D/>'));
    expect(err.code).toBe('UNSUPPORTED_CONTENT');
    expect(err.message).toBe('the XML declares an unsupported encoding "X-NOPE" (line 1)');
    expect(err.location).toEqual({ line: 1 });
  });

  it.each([
    ['DOCTYPE', '<!doctype D>'],
    ['ENTITY', '<!ENTITY x "y">'],
    ['ELEMENT', '<!ELEMENT D ANY>'],
    ['ATTLIST', '<!ATTLIST D a CDATA #IMPLIED>'],
    ['NOTATION', '<!NOTATION n SYSTEM "x">'],
  ])('refuses a <!%s> declaration with its line', (name, declaration) => {
    const err = parseFailure(() => load(`<?xml version="1.0"?>\n<!-- a -->\n${declaration}\n<D/>`));
    expect(err.code).toBe('UNSUPPORTED_CONTENT');
    expect(err.message).toBe(`the XML has a <!${name}> declaration at line 3: ISO 20022 statements never need one, and it is refused`);
    expect(err.location).toEqual({ line: 3 });
  });

  it('refuses a declaration on the first line', () => {
    expect(parseFailure(() => load('<!DOCTYPE D><D/>')).location).toEqual({ line: 1 });
  });

  it('does not mistake a word starting like a declaration for one', () => {
    expect(load('<D><![CDATA[<!DOCTYPES are refused>]]></D>').findText('D')).toBe('<!DOCTYPES are refused>');
  });

  it('names the unclosed elements of a truncated file, without namespace prefixes, and its last line', () => {
    const err = parseFailure(() => load('<?xml version="1.0"?>\n<camt:Document xmlns:camt="urn:x">\n  <camt:Stmt>\n    <camt:Id>1</camt:Id>\n\n'));
    expect(err.code).toBe('MALFORMED_DOCUMENT');
    expect(err.message).toBe('the XML ends at line 4 before element(s) Document/Stmt are closed: the file is truncated or malformed');
    expect(err.location).toEqual({ line: 4, element: 'Document/Stmt' });
  });

  it('counts the lines of a truncated file whatever its line endings', () => {
    expect(parseFailure(() => load('<D>\r\n<A>\r<B>')).location.line).toBe(3);
  });

  it('reports other XML errors with their line and column', () => {
    const err = parseFailure(() => load('<D>\n  <A>1</B>\n</D>'));
    expect(err.code).toBe('MALFORMED_DOCUMENT');
    expect(err.message).toMatch(/^malformed XML at line 2, column \d+: .*B/);
    expect(err.location).toEqual({ line: 2 });
  });

  it('refuses more records than allowed before parsing, counting prefixed tags but not longer names', () => {
    const xml = '<D><Ntry/><c:Ntry xmlns:c="u"></c:Ntry><Ntry a="1"/><NtryDtls/><NtryRef/></D>';
    expect(load(xml, { name: 'Ntry', maxCount: 3, what: 'entries (<Ntry>)' }).find('D')!.children('Ntry')).toHaveLength(3);
    const err = parseFailure(() => load(xml, { name: 'Ntry', maxCount: 2, what: 'entries (<Ntry>)' }));
    expect(err.code).toBe('LIMIT_EXCEEDED');
    expect(err.message).toContain('more than 2 entries (<Ntry>)');
  });

  it('refuses nesting deeper than the parser allows as malformed XML', () => {
    const err = parseFailure(() => load(`<D>${'<x>'.repeat(150)}${'</x>'.repeat(150)}</D>`));
    expect(err.code).toBe('MALFORMED_DOCUMENT');
    expect(err.message).toMatch(/^malformed XML: /);
    expect(err.location).toEqual({});
  });
});
