import { childElement, childValue, elementToRecord, findElements, readOfxMarkup, type OfxElement } from './ofx-markup.js';
import { parseFailure } from '../testing/parse-failure.js';

const read = (text: string): OfxElement => readOfxMarkup(text, 0);
const refusal = (text: string) => {
  const error = parseFailure(() => read(text));
  return { code: error.code, message: error.message, location: error.location };
};
const malformed = (message: string, location: { line: number; element?: string }) => ({ code: 'MALFORMED_DOCUMENT', message: `OFX: ${message}`, location });
const paths = (el: OfxElement): string[] => [el.path, ...el.children.flatMap(paths)];
const leaf = (name: string, line: number, path: string, value: string): OfxElement => ({ name, line, path, value, children: [] });

describe(readOfxMarkup.name, () => {
  const sgmlBody = [
    '<OFX>',
    '<SIGNONMSGSRSV1><SONRS>',
    '<STATUS><CODE>0<SEVERITY>INFO</STATUS>',
    '<DTSERVER>20090523122017',
    '</SONRS></SIGNONMSGSRSV1>',
    '</OFX>',
  ].join('\n');

  it('reads OFX 1 SGML with unclosed leaves into a tree of elements with lines and paths', () => {
    const header = 'OFXHEADER:100\nDATA:OFXSGML\n\n';
    const text = header + sgmlBody;
    expect(readOfxMarkup(text, header.length)).toEqual({
      name: 'OFX',
      line: 4,
      path: 'OFX',
      children: [
        {
          name: 'SIGNONMSGSRSV1',
          line: 5,
          path: 'OFX/SIGNONMSGSRSV1',
          children: [
            {
              name: 'SONRS',
              line: 5,
              path: 'OFX/SIGNONMSGSRSV1/SONRS',
              children: [
                {
                  name: 'STATUS',
                  line: 6,
                  path: 'OFX/SIGNONMSGSRSV1/SONRS/STATUS',
                  children: [
                    leaf('CODE', 6, 'OFX/SIGNONMSGSRSV1/SONRS/STATUS/CODE', '0'),
                    leaf('SEVERITY', 6, 'OFX/SIGNONMSGSRSV1/SONRS/STATUS/SEVERITY', 'INFO'),
                  ],
                },
                leaf('DTSERVER', 7, 'OFX/SIGNONMSGSRSV1/SONRS/DTSERVER', '20090523122017'),
              ],
            },
          ],
        },
      ],
    });
  });

  it('counts lines from the start of the file, over CRLF line ends', () => {
    const text = '<OFX>\r\n<A>\r\n<B>1</B>\r\n\r\n<C>2\r\n</A>\r\n<D>3</D></OFX>';
    const ofx = read(text);
    expect(ofx.line).toBe(1);
    expect(ofx.children[0]!.line).toBe(2);
    expect(ofx.children[0]!.children.map((c) => [c.name, c.line, c.value])).toEqual([
      ['B', 3, '1'],
      ['C', 5, '2'],
    ]);
    expect(ofx.children[1]).toEqual(leaf('D', 7, 'OFX/D', '3'));
  });

  it('reads OFX 2 XML with closed leaves, empty elements and lower-case names alike', () => {
    const ofx = read('<?xml version="1.0"?>\n<?OFX OFXHEADER="200"?>\n<ofx><Acct><ACCTID>123</acctid><BANKID/><BRANCHID /><X></X><Y>  </Y></ACCT></OFX>');
    expect(ofx).toEqual({
      name: 'OFX',
      line: 3,
      path: 'OFX',
      children: [
        {
          name: 'ACCT',
          line: 3,
          path: 'OFX/ACCT',
          children: [
            leaf('ACCTID', 3, 'OFX/ACCT/ACCTID', '123'),
            leaf('BANKID', 3, 'OFX/ACCT/BANKID', ''),
            leaf('BRANCHID', 3, 'OFX/ACCT/BRANCHID', ''),
            leaf('X', 3, 'OFX/ACCT/X', ''),
            leaf('Y', 3, 'OFX/ACCT/Y', ''),
          ],
        },
      ],
    });
  });

  it('accepts blanks inside tags and names with dots, digits, dashes and colons', () => {
    const ofx = read('<OFX>< INTU.BID >00024</INTU.BID><X-1:Y_2>v</ X-1:Y_2 ></OFX >');
    expect(ofx.children).toEqual([leaf('INTU.BID', 1, 'OFX/INTU.BID', '00024'), leaf('X-1:Y_2', 1, 'OFX/X-1:Y_2', 'v')]);
  });

  it('numbers repeated siblings in their paths, per parent', () => {
    const ofx = read(
      '<OFX><LIST><STMTTRN><FITID>1</STMTTRN><STMTTRN><FITID>2</STMTTRN><OTHER>x</OTHER><STMTTRN><FITID>3</STMTTRN></LIST>' +
        '<LIST><STMTTRN><FITID>4</STMTTRN></LIST></OFX>',
    );
    expect(paths(ofx)).toEqual([
      'OFX',
      'OFX/LIST',
      'OFX/LIST/STMTTRN',
      'OFX/LIST/STMTTRN/FITID',
      'OFX/LIST/STMTTRN[2]',
      'OFX/LIST/STMTTRN[2]/FITID',
      'OFX/LIST/OTHER',
      'OFX/LIST/STMTTRN[3]',
      'OFX/LIST/STMTTRN[3]/FITID',
      'OFX/LIST[2]',
      'OFX/LIST[2]/STMTTRN',
      'OFX/LIST[2]/STMTTRN/FITID',
    ]);
  });

  it('decodes character entities in text, named ones in any case, and keeps unknown or invalid ones as written', () => {
    const ofx = read(
      '<OFX><NAME>A&amp;B &lt;x&gt; &quot;q&quot; &apos;s&apos;&nbsp;n &AMP; &#233;&#xE9;&#XE9;&#x1F600;&#x10FFFF; &unknown; &#0; &#x110000; & ;</NAME></OFX>',
    );
    expect(ofx.children[0]!.value).toBe('A&B <x> "q" \'s\'\u00a0n & ééé\u{1F600}\u{10FFFF} &unknown; &#0; &#x110000; & ;');
  });

  it('takes CDATA verbatim, joined with the text around it', () => {
    const ofx = read('<OFX><MEMO>a &amp; <![CDATA[<b> &amp; </b>]]> c</MEMO><NAME><![CDATA[]]></NAME></OFX>');
    expect(ofx.children).toEqual([leaf('MEMO', 1, 'OFX/MEMO', 'a & <b> &amp; </b> c'), leaf('NAME', 1, 'OFX/NAME', '')]);
  });

  it('skips comments and processing instructions, wherever they are', () => {
    const ofx = read('<?xml version="1.0"?><!-- <OFX> --><OFX><!--x--><A><?pi <B>?><B>1</B></A></OFX><!-- end -->');
    expect(ofx).toEqual({ name: 'OFX', line: 1, path: 'OFX', children: [{ name: 'A', line: 1, path: 'OFX/A', children: [leaf('B', 1, 'OFX/A/B', '1')] }] });
  });

  // SGML OFX leaves these empty and unclosed: followed directly by a tag, they are still leaves.
  it.each([
    'ACCTID', 'ACCTKEY', 'ACCTTYPE', 'BALAMT', 'BANKID', 'BRANCHID', 'CHECKNUM', 'CODE', 'CORRECTFITID', 'CURDEF',
    'CURRATE', 'CURSYM', 'DTASOF', 'DTAVAIL', 'DTEND', 'DTPOSTED', 'DTSERVER', 'DTSTART', 'DTUSER', 'FID', 'FITID',
    'INTU.BID', 'INTU.USERID', 'LANGUAGE', 'MEMO', 'MESSAGE', 'NAME', 'ORG', 'PAYEEID', 'REFNUM', 'SEVERITY', 'SIC',
    'SRVRTID', 'TRNAMT', 'TRNTYPE', 'TRNUID', 'USERKEY',
  ])('reads an empty unclosed <%s> as an empty leaf', (name) => {
    const ofx = read(`<OFX><AGG><${name.toLowerCase()}>\n<NEXT>1</AGG></OFX>`);
    expect(ofx.children).toEqual([{ name: 'AGG', line: 1, path: 'OFX/AGG', children: [leaf(name, 1, `OFX/AGG/${name}`, ''), leaf('NEXT', 2, 'OFX/AGG/NEXT', '1')] }]);
  });

  it('reads another tag followed directly by a tag as an aggregate that must be closed', () => {
    expect(refusal('<OFX><AGG><PAYEE>\n<NEXT>1</AGG></OFX>')).toEqual(
      malformed('<PAYEE> opened at line 1 is not closed before </AGG> at line 2', { line: 2, element: 'OFX/AGG/PAYEE' }),
    );
  });

  it('reads a known leaf at the very end of the file as still open', () => {
    expect(refusal('<OFX>\n<NAME>')).toEqual(
      malformed('the file ends (line 2) while <NAME> opened at line 2 is still open: it is truncated or a closing tag is missing', { line: 2, element: 'OFX/NAME' }),
    );
  });

  it('reads <OFX/> as an OFX element without children', () => {
    expect(read('<OFX/>')).toEqual(leaf('OFX', 1, 'OFX', ''));
  });

  it('allows up to 100 nested elements', () => {
    const text = `<OFX>${'<AGG>'.repeat(99)}<V>1</V>${'</AGG>'.repeat(99)}</OFX>`;
    let el = read(text);
    for (let depth = 1; depth < 100; depth++) el = el.children[0]!;
    expect(el).toEqual({ name: 'AGG', line: 1, path: `OFX${'/AGG'.repeat(99)}`, children: [leaf('V', 1, `OFX${'/AGG'.repeat(99)}/V`, '1')] });
  });

  it('refuses the 101st nested element, naming its line and path', () => {
    const text = `<OFX>\n${'<AGG>'.repeat(99)}\n<AGG>\n<V>1</V>`;
    expect(refusal(text)).toEqual(malformed('<AGG> at line 3 is nested more than 100 elements deep', { line: 3, element: `OFX${'/AGG'.repeat(100)}` }));
  });

  describe('refusals', () => {
    it('refuses a DOCTYPE or ENTITY declaration as unsupported content', () => {
      expect(refusal('<?xml version="1.0"?>\n<!DOCTYPE OFX>\n<OFX></OFX>')).toEqual({
        code: 'UNSUPPORTED_CONTENT',
        message: 'OFX: a <!DOCTYPE> at line 2 is refused: OFX never needs a DOCTYPE or entity declarations',
        location: { line: 2 },
      });
      expect(refusal('<OFX>\n\n<!ENTITY x "y"></OFX>')).toEqual({
        code: 'UNSUPPORTED_CONTENT',
        message: 'OFX: a <!ENTITY> at line 3 is refused: OFX never needs a DOCTYPE or entity declarations',
        location: { line: 3 },
      });
    });

    it.each([
      ['<OFX>\n<MEMO><![CDATA[abc</MEMO></OFX>', 'unterminated CDATA section starting at line 2', 2],
      ['<OFX>\n\n<!-- abc </OFX>', 'unterminated comment starting at line 3', 3],
      ['<?xml version="1.0"\n<OFX></OFX>', 'unterminated processing instruction starting at line 1', 1],
      ['<OFX><!--></OFX>', 'unterminated comment starting at line 1', 1],
    ])('refuses %j', (text, message, line) => {
      expect(refusal(text)).toEqual(malformed(message, { line }));
    });

    it.each([
      ['<OFX>\n<NAME x</NAME></OFX>', 'unterminated tag "<NAME x</NAME></OFX>" at line 2', 2],
      ['<OFX>\n\n<NAME\n</NAME></OFX>', 'unterminated tag "<NAME" at line 3', 3],
      ['<OFX><NAME', 'unterminated tag "<NAME" at line 1', 1],
      ['<OFX><ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 'unterminated tag "<ABCDEFGHIJKLMNOPQRSTUVWXYZ012" at line 1', 1],
      ['<OFX>\n<1ABC>x</OFX>', 'malformed tag "<1ABC>" at line 2', 2],
      ['<OFX><A B>x</OFX>', 'malformed tag "<A B>" at line 1', 1],
      ['<OFX><>x</OFX>', 'malformed tag "<>" at line 1', 1],
      ['<OFX><//A>x</OFX>', 'malformed tag "<//A>" at line 1', 1],
      ['<OFX><A//>x</OFX>', 'malformed tag "<A//>" at line 1', 1],
    ])('refuses the tag in %j', (text, message, line) => {
      expect(refusal(text)).toEqual(malformed(message, { line }));
    });

    it('refuses text outside the OFX element', () => {
      expect(refusal('\n oops <OFX></OFX>')).toEqual(malformed('unexpected text "oops" at line 1 outside the <OFX> element', { line: 1 }));
    });

    it('refuses text after the OFX element, its entities decoded', () => {
      expect(refusal('<OFX><A>1</A></OFX>\n x &amp; y ')).toEqual(malformed('unexpected text "x & y" at line 1 outside the <OFX> element', { line: 1 }));
    });

    it('refuses text between the children of an aggregate, naming it, cut to 40 characters', () => {
      const text = '<OFX>\n<A><B>1</B>\n  stray text that goes on and on and on and on and on\n</A></OFX>';
      expect(refusal(text)).toEqual(
        malformed('unexpected text "stray text that goes on and on and on an" at line 2 inside <A> (OFX/A)', { line: 2, element: 'OFX/A' }),
      );
    });

    it('refuses a closing tag that closes nothing', () => {
      expect(refusal('<OFX>\n<A>\n</B></A></OFX>')).toEqual(malformed('unexpected </B> at line 3: no <B> is open', { line: 3, element: 'OFX/A' }));
      expect(refusal('<OFX><A>1</A></OFX>\n</X>')).toEqual(malformed('unexpected </X> at line 2: no <X> is open', { line: 2 }));
      expect(refusal('</OFX>')).toEqual(malformed('unexpected </OFX> at line 1: no <OFX> is open', { line: 1 }));
    });

    it('refuses a closing tag that skips an open aggregate', () => {
      expect(refusal('<OFX>\n<A>\n<B>\n<C>1</C>\n</A></OFX>')).toEqual(
        malformed('<B> opened at line 3 is not closed before </A> at line 5', { line: 5, element: 'OFX/A/B' }),
      );
    });

    it('refuses elements after the end of the OFX element', () => {
      expect(refusal('<OFX><A>1</A></OFX>\n<B>2</B>')).toEqual(malformed('unexpected <B> at line 2 after the end of the <OFX> element', { line: 2 }));
      expect(refusal('<OFX><A>1</A></OFX>\n\n<B/>')).toEqual(malformed('unexpected <B> at line 3 after the end of the <OFX> element', { line: 3 }));
    });

    it('refuses a truncated file, naming the innermost open element', () => {
      expect(refusal('<OFX>\n<A>\n<B>1\n')).toEqual(
        malformed('the file ends (line 4) while <A> opened at line 2 is still open: it is truncated or a closing tag is missing', { line: 4, element: 'OFX/A' }),
      );
    });

    it('refuses a root element other than OFX', () => {
      expect(refusal('\n\n<FOO><A>1</A></FOO>')).toEqual(malformed('the root element is <FOO> at line 3, expected <OFX>', { line: 3 }));
    });

    it.each(['', '  \n ', '<!-- only a comment -->'])('refuses %j, which has no OFX element', (text) => {
      expect(refusal(text)).toEqual(malformed('no <OFX> element found', { line: 1 }));
    });
  });
});

describe('OFX element helpers', () => {
  const ofx = read(
    '<OFX><STMTRS><CURDEF>EUR<BANKACCTFROM><ACCTID>1</BANKACCTFROM><BANKTRANLIST><STMTTRN><FITID>a<NAME></STMTTRN>' +
      '<STMTTRN><FITID>b</STMTTRN><STMTTRN><FITID>c<STMTTRN2><X>1</X></STMTTRN2></STMTTRN></BANKTRANLIST></STMTRS>' +
      '<CCSTMTRS><STMTTRN><FITID>d</STMTTRN></CCSTMTRS></OFX>',
  );
  const stmtrs = ofx.children[0]!;

  it(`${childElement.name} gives the first child of that name`, () => {
    expect(childElement(stmtrs, 'BANKACCTFROM')).toEqual({ name: 'BANKACCTFROM', line: 1, path: 'OFX/STMTRS/BANKACCTFROM', children: [leaf('ACCTID', 1, 'OFX/STMTRS/BANKACCTFROM/ACCTID', '1')] });
    expect(childElement(childElement(stmtrs, 'BANKTRANLIST')!, 'STMTTRN')!.path).toBe('OFX/STMTRS/BANKTRANLIST/STMTTRN');
    expect(childElement(stmtrs, 'ACCTID')).toBeUndefined();
  });

  it(`${childValue.name} gives a leaf's text, and nothing for an aggregate or a missing child`, () => {
    expect(childValue(stmtrs, 'CURDEF')).toBe('EUR');
    expect(childValue(stmtrs, 'BANKACCTFROM')).toBeUndefined();
    expect(childValue(stmtrs, 'MISSING')).toBeUndefined();
    expect(childValue(childElement(childElement(stmtrs, 'BANKTRANLIST')!, 'STMTTRN')!, 'NAME')).toBe('');
  });

  it(`${findElements.name} finds the named elements at any depth, in document order, without looking inside them`, () => {
    expect(findElements(ofx, new Set(['STMTTRN'])).map((e) => e.path)).toEqual([
      'OFX/STMTRS/BANKTRANLIST/STMTTRN',
      'OFX/STMTRS/BANKTRANLIST/STMTTRN[2]',
      'OFX/STMTRS/BANKTRANLIST/STMTTRN[3]',
      'OFX/CCSTMTRS/STMTTRN',
    ]);
    expect(findElements(ofx, new Set(['STMTRS', 'CCSTMTRS', 'FITID'])).map((e) => e.path)).toEqual(['OFX/STMTRS', 'OFX/CCSTMTRS']);
    expect(findElements(ofx, new Set(['X'])).map((e) => e.path)).toEqual(['OFX/STMTRS/BANKTRANLIST/STMTTRN[3]/STMTTRN2/X']);
    expect(findElements(ofx, new Set(['OFX', 'NOPE']))).toEqual([]);
  });

  it(`${elementToRecord.name} gives leaves as text, aggregates as objects and repeated names as arrays`, () => {
    expect(elementToRecord(stmtrs)).toEqual({
      CURDEF: 'EUR',
      BANKACCTFROM: { ACCTID: '1' },
      BANKTRANLIST: { STMTTRN: [{ FITID: 'a', NAME: '' }, { FITID: 'b' }, { FITID: 'c', STMTTRN2: { X: '1' } }] },
    });
    expect(elementToRecord(read('<OFX><A>1</A><A>2</A><B>3</B></OFX>'))).toEqual({ A: ['1', '2'], B: '3' });
    expect(elementToRecord(read('<OFX/>'))).toEqual({});
  });
});
