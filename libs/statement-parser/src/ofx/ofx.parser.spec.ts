import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parseStatement } from '../statement-parser.js';
import { parseOfx } from './ofx.parser.js';
import { parseFailure } from '../testing/parse-failure.js';

const fixture = (name: string): Buffer => readFileSync(path.resolve(process.cwd(), '../shared/fixtures/statements/ofx', name));

const VALID = [
  'ofxparse_bank_medium_v102_sgml_cad.ofx',
  'ofxparse_multiple_accounts_v211_xml.ofx',
  'ofxparse_v102_empty_tags_leading_blank_lines.ofx',
  'ofxparse_suncorp_v200_xml_cdata.ofx',
  'ofxparse_anz_creditcard_v203_xml_header_sgml_body.ofx',
  'actual_fr_ca_v102_charset8859-1_RECONSTRUCTED.qfx',
];

describe(parseOfx.name, () => {
  describe('fixtures that must parse', () => {
    it('reads an OFX 1.02 SGML file with unclosed tags, several elements per line and [-5:EST] offsets', () => {
      const doc = parseOfx(fixture('ofxparse_bank_medium_v102_sgml_cad.ofx'));
      expect(doc.format).toBe('ofx');
      expect(doc.warnings).toEqual([]);
      expect(doc.statements).toHaveLength(1);
      const [s] = doc.statements;
      expect(s!.account).toEqual({ id: '12300 000012345678', bank_id: '160000100', branch_id: '00', type: 'CHECKING' });
      expect(s!.currency).toBe('CAD');
      expect(s!.period).toEqual({ start: '2009-04-01', end: '2009-05-23' });
      expect(s!.closing_balance).toEqual({ amount: '382.34', date: '2009-05-23T12:20:17' });
      expect(s!.available_balance).toEqual({ amount: '682.34', date: '2009-05-23T12:20:17' });
      expect(s!.transactions.map((t) => [t.id, t.date, t.amount, t.currency, t.type, t.payee])).toEqual([
        ['0000123456782009040100001', '2009-04-01', '-6.60', 'CAD', 'pos', "MCDONALD'S #112"],
        ['0000123456782009040200004', '2009-04-02', '-316.67', 'CAD', 'check', "Joe's Bald Hairstyles"],
        ['0000123456782009040300005', '2009-04-03', '-22.00', 'CAD', 'pos', "CONNIE'S HAIR D"],
      ]);
      expect(s!.transactions[0]).toMatchObject({ memo: "POS MERCHANDISE;MCDONALD'S #112", label: "POS MERCHANDISE;MCDONALD'S #112" });
      expect(s!.transactions[0]!.raw).toMatchObject({ DTPOSTED: '20090401122017.000[-5:EST]', TRNAMT: '-6.60', line: 15 });
      expect(s!.transactions[1]!.reference).toBe('0');
    });

    it('gives one statement part per STMTTRNRS in an OFX 2.11 XML file with two accounts', () => {
      const doc = parseOfx(fixture('ofxparse_multiple_accounts_v211_xml.ofx'));
      expect(doc.warnings).toEqual([]);
      expect(doc.statements.map((s) => [s.account, s.currency, s.closing_balance, s.transactions.length])).toEqual([
        [{ id: '9100', bank_id: '123', branch_id: '00', type: 'CHECKING' }, 'USD', { amount: '111.00', date: '2012-06-03T13:32:20.000-07:00' }, 0],
        [{ id: '9200', bank_id: '123', branch_id: '00', type: 'SAVINGS' }, 'USD', { amount: '222.00', date: '2012-06-03T13:32:20.000-07:00' }, 0],
      ]);
    });

    it('accepts empty tags and leading blank lines, reporting the empty CURDEF and BALAMT as warnings', () => {
      const doc = parseOfx(fixture('ofxparse_v102_empty_tags_leading_blank_lines.ofx'));
      const [s] = doc.statements;
      expect(s!.account).toEqual({ id: '12345678', bank_id: 'NPBS', branch_id: '', type: '' });
      expect(s!.currency).toBeNull();
      expect(s!.closing_balance).toBeUndefined();
      expect(s!.period).toEqual({ start: '2018-05-06', end: '2018-08-04' });
      expect(s!.transactions).toHaveLength(1);
      // The transaction's own CURRENCY aggregate gives its currency; an empty FITID gets a derived id.
      expect(s!.transactions[0]).toMatchObject({ date: '2018-05-07', amount: '12.34', currency: 'AUD', label: 'CBA:Transfer', memo: 'CBA:Transfer', type: 'credit' });
      expect(s!.transactions[0]!.id).toMatch(/^ofx-[0-9a-f]{16}$/);
      expect(parseOfx(fixture('ofxparse_v102_empty_tags_leading_blank_lines.ofx')).statements[0]!.transactions[0]!.id).toBe(s!.transactions[0]!.id);
      expect(doc.warnings.map((w) => [w.code, w.line, w.element])).toEqual([
        ['CURRENCY_MISSING', 23, 'OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS/CURDEF'],
        ['BALANCE_MISSING', 23, 'OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS/LEDGERBAL'],
      ]);
      expect(parseOfx(fixture('ofxparse_v102_empty_tags_leading_blank_lines.ofx'), { defaultCurrency: 'AUD' }).statements[0]!.currency).toBe('AUD');
    });

    it('reads CDATA payee and memo from an OFX 2.00 XML file with CRLF line ends', () => {
      const doc = parseOfx(fixture('ofxparse_suncorp_v200_xml_cdata.ofx'));
      expect(doc.statements).toHaveLength(1);
      const [s] = doc.statements;
      expect(s!.account).toEqual({ id: '123456789', bank_id: 'SUNCORP', type: 'CHECKING' });
      expect(s!.closing_balance).toEqual({ amount: '1234.12', date: '2013-12-15' });
      expect(s!.transactions).toHaveLength(1);
      expect(s!.transactions[0]).toMatchObject({
        id: '1',
        date: '2013-12-15',
        amount: '-16.85',
        currency: 'AUD',
        payee: 'EFTPOS WDL HANDYWAY ALDI STORE',
        memo: 'EFTPOS WDL HANDYWAY ALDI STORE   GEELONG WEST VICAU',
        label: 'EFTPOS WDL HANDYWAY ALDI STORE GEELONG WEST VICAU',
      });
    });

    it('reads a credit-card statement (CCSTMTRS) with an XML header over an SGML-style body', () => {
      const doc = parseOfx(fixture('ofxparse_anz_creditcard_v203_xml_header_sgml_body.ofx'));
      const [s] = doc.statements;
      expect(s!.account).toEqual({ id: '1234123412341234', type: 'CREDITCARD' });
      expect(s!.currency).toBe('AUD');
      expect(s!.transactions.map((t) => [t.id, t.date, t.amount, t.label])).toEqual([['201705080001', '2017-05-08', '-5.50', 'SOME MEMO']]);
      expect(s!.closing_balance).toEqual({ amount: '-123.45', date: '2017-05-10T19:28:49' });
      expect(s!.available_balance).toEqual({ amount: '123.45', date: '2017-05-10T19:28:49' });
    });

    it('decodes CHARSET:8859-1 so the French payee keeps its accents', () => {
      const doc = parseOfx(fixture('actual_fr_ca_v102_charset8859-1_RECONSTRUCTED.qfx'));
      expect(doc.warnings).toEqual([]);
      expect(doc.statements[0]!.transactions).toEqual([
        expect.objectContaining({
          id: 'wSoKuCS77',
          date: '2022-10-19',
          amount: '-20.00',
          currency: 'CAD',
          payee: 'Paiement facture/Carte prépayée',
          memo: 'PWW',
          label: 'Paiement facture/Carte prépayée - PWW',
        }),
      ]);
    });
  });

  describe('fixtures that must be refused', () => {
    it('refuses a DOCTYPE in an OFX 2 file outright, naming its line', () => {
      const xml = fixture('ofxparse_multiple_accounts_v211_xml.ofx').toString('utf8');
      const hostile = xml.replace('<OFX>', '<!DOCTYPE OFX [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<OFX>');
      const error = parseFailure(() => parseOfx(Buffer.from(hostile)));
      expect(error.code).toBe('UNSUPPORTED_CONTENT');
      expect(error.message).toMatch(/^OFX: a <!DOCTYPE> at line \d+ is refused/);
    });

    it('refuses elements nested past 100 levels without overflowing the stack', () => {
      const xml = fixture('ofxparse_multiple_accounts_v211_xml.ofx').toString('utf8');
      const deep = xml.replace('<OFX>', `<OFX>${'<AGG>'.repeat(100_000)}`);
      const error = parseFailure(() => parseOfx(Buffer.from(deep)));
      expect(error.code).toBe('MALFORMED_DOCUMENT');
      expect(error.message).toContain('nested more than 100 elements deep');
    });

    it('refuses more STMTTRN than MAX_STATEMENT_ROWS, naming the limit', () => {
      const error = parseFailure(() => parseOfx(fixture('ofxparse_bank_medium_v102_sgml_cad.ofx'), { maxRows: 1 }));
      expect(error.code).toBe('LIMIT_EXCEEDED');
      expect(error.message).toContain('MAX_STATEMENT_ROWS=1');
    });

    it('turns the server error status 2000 into a permanent error naming code and message', () => {
      const error = parseFailure(() => parseOfx(fixture('ofxparse_error_status_2000.ofx')));
      expect(error.kind).toBe('permanent');
      expect(error.code).toBe('UNSUPPORTED_CONTENT');
      expect(error.message).toContain('status 2000 ERROR "General Server Error"');
      expect(error.location).toEqual({ line: 22, element: 'OFX/BANKMSGSRSV1/STMTTRNRS/STATUS' });
    });

    it('refuses the fail_nice date_missing file (ofxparse strict mode) and names all three bad STMTTRN', () => {
      const error = parseFailure(() => parseOfx(fixture('ofxparse_malformed_date_missing.ofx')));
      expect(error.code).toBe('MALFORMED_DOCUMENT');
      expect(error.message).toContain('3 invalid record(s)');
      expect(error.message).toContain('STMTTRN at line 33 (FITID 184997056): DTPOSTED is missing');
      expect(error.message).toContain('STMTTRN at line 40 (FITID 2000957249): DTPOSTED is empty');
      expect(error.message).toContain('STMTTRN at line 48 (FITID 2000957249): DTPOSTED "20120231" is not a valid date');
      expect(error.location).toEqual({ line: 33, element: 'OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS/BANKTRANLIST/STMTTRN' });
    });

    it('refuses the fail_nice decimal_error file (ofxparse strict mode), naming the "$120" amount and its line', () => {
      const error = parseFailure(() => parseOfx(fixture('ofxparse_malformed_decimal_error.ofx')));
      expect(error.code).toBe('MALFORMED_DOCUMENT');
      expect(error.message).toContain('STMTTRN at line 34 (FITID 2000957249)');
      expect(error.message).toContain('TRNAMT "$120" is not an amount');
      expect(error.location.line).toBe(34);
    });
  });

  describe('generated malformed variants', () => {
    const medium = fixture('ofxparse_bank_medium_v102_sgml_cad.ofx').toString('latin1');
    const suncorp = fixture('ofxparse_suncorp_v200_xml_cdata.ofx').toString('latin1');
    const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

    it.each(VALID)('refuses %s truncated at any point before </OFX>, naming the open element and a line', (name) => {
      const text = fixture(name).toString('latin1');
      const end = text.lastIndexOf('</OFX>') + 5;
      const cuts = [0.05, 0.2, 0.35, 0.5, 0.62, 0.75, 0.88, 0.97].map((f) => Math.floor(end * f));
      for (const marker of ['<TRNAMT>', '</STMTTRN>', '</BANKTRANLIST>', '<BALAMT>']) {
        const at = text.indexOf(marker);
        if (at !== -1) cuts.push(at + marker.length + 2);
      }
      for (const cut of cuts) {
        const error = parseFailure(() => parseOfx(bytes(text.slice(0, cut))));
        expect(error.code).toBe('MALFORMED_DOCUMENT');
        expect(error.message).toMatch(/line \d+|no <OFX> element/);
        expect(error.location.line).toBeGreaterThan(0);
      }
    });

    it('refuses a corrupted amount, naming TRNAMT, the FITID and the line', () => {
      const error = parseFailure(() => parseOfx(bytes(medium.replace('<TRNAMT>-316.67', '<TRNAMT>-3l6.67'))));
      expect(error.message).toContain('STMTTRN at line 16 (FITID 0000123456782009040200004): TRNAMT "-3l6.67" is not an amount');
      expect(error.location).toEqual({ line: 16, element: 'OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS/BANKTRANLIST/STMTTRN[2]' });
    });

    it('refuses an invalid posting date instead of skipping the transaction', () => {
      const error = parseFailure(() => parseOfx(bytes(suncorp.replace('<DTPOSTED>20131215', '<DTPOSTED>20131315'))));
      expect(error.message).toContain('STMTTRN at line 35 (FITID 1): DTPOSTED "20131315" is not a valid date');
    });

    it('refuses an SGML file whose </STMTTRN> is dropped, naming the unclosed element and its line', () => {
      const error = parseFailure(() => parseOfx(bytes(medium.replace('</STMTTRN>', ''))));
      expect(error.message).toContain('<STMTTRN> opened at line 15 is not closed before </BANKTRANLIST> at line 18');
      expect(error.location.line).toBe(18);
    });

    it('refuses an XML file whose </BANKACCTFROM> is dropped', () => {
      const error = parseFailure(() => parseOfx(bytes(suncorp.replace('</BANKACCTFROM>', ''))));
      expect(error.message).toMatch(/<BANKACCTFROM> opened at line 27 is not closed before <\/STMTRS> at line 53/);
      expect(error.location.element).toBe('OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS/BANKACCTFROM');
    });

    it('refuses a stray closing tag and stray text, naming the line', () => {
      expect(parseFailure(() => parseOfx(bytes(suncorp.replace('</FI>', '</FI></FOO>')))).message).toContain('unexpected </FOO> at line 15');
      expect(parseFailure(() => parseOfx(bytes(suncorp.replace('</STATUS>', '</STATUS>oops')))).message).toContain('unexpected text "oops" at line 9 inside <SONRS>');
    });

    it('refuses a file without any statement', () => {
      const text = suncorp.replace(/<BANKMSGSRSV1>[\s\S]*<\/BANKMSGSRSV1>/, '');
      expect(parseFailure(() => parseOfx(bytes(text))).message).toContain('no bank or credit-card statement');
    });

    it('refuses a transaction without a currency when CURDEF is empty and none is configured', () => {
      const text = medium.replace('<CURDEF>CAD', '<CURDEF>');
      expect(parseFailure(() => parseOfx(bytes(text))).message).toContain('no currency');
      expect(parseOfx(bytes(text), { defaultCurrency: 'CAD' }).statements[0]!.transactions[0]!.currency).toBe('CAD');
    });
  });

  describe('format detection', () => {
    it.each(VALID)('parseStatement detects %s as OFX from its content', (name) => {
      expect(parseStatement(fixture(name)).format).toBe('ofx');
    });

    it('routes the malformed fixtures to the OFX parser, which refuses them', () => {
      for (const name of ['ofxparse_malformed_date_missing.ofx', 'ofxparse_malformed_decimal_error.ofx', 'ofxparse_error_status_2000.ofx']) {
        expect(parseFailure(() => parseStatement(fixture(name), { fileName: 'statement.txt' })).message).toMatch(/^OFX: /);
      }
    });
  });
});
