import { StatementParseError } from '../statement-parse.error.js';
import type { ParseOptions } from '../statement.types.js';
import { parseOfx } from './ofx.parser.js';

/*
 * Whole OFX 2 documents written as a bank's server sends them: the server STATUS of each response,
 * which statements the parser reads, and how it refuses a file with bad transactions.
 */

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<?OFX OFXHEADER="200" VERSION="211" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>';
const signon = (status = '<STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>') =>
  `<SIGNONMSGSRSV1><SONRS>${status}<DTSERVER>20200101120000</DTSERVER><LANGUAGE>ENG</LANGUAGE></SONRS></SIGNONMSGSRSV1>`;
const trn = (fitid: string, amount = '-1.00') => `<STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20200102</DTPOSTED><TRNAMT>${amount}</TRNAMT><FITID>${fitid}</FITID></STMTTRN>`;
const stmtrs = (...trns: string[]) =>
  `<STMTRS><CURDEF>USD</CURDEF><BANKACCTFROM><BANKID>1</BANKID><ACCTID>9100</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM><BANKTRANLIST>${trns.join('')}</BANKTRANLIST></STMTRS>`;
const stmttrnrs = (status: string, body: string) => `<STMTTRNRS><TRNUID>1</TRNUID>${status}${body}</STMTTRNRS>`;
const OK = '<STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>';
/** Each part on its own line: the first part is line 3, the next line 4. */
const doc = (...parts: string[]) => [`${HEAD}<OFX>`, ...parts, '</OFX>'].join('\n');
const parse = (text: string, options: ParseOptions = {}) => parseOfx(Buffer.from(text, 'utf8'), options);

function refusal(text: string) {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(StatementParseError);
    const { code, message, location } = error as StatementParseError;
    return { code, message, location };
  }
  throw new Error('expected a StatementParseError, but the parse succeeded');
}

describe(`${parseOfx.name} server status`, () => {
  it('reads a statement whose statuses are all 0', () => {
    const result = parse(doc(signon(), `<BANKMSGSRSV1>${stmttrnrs(OK, stmtrs(trn('a')))}</BANKMSGSRSV1>`));
    expect(result.warnings).toEqual([]);
    expect(result.statements.map((s) => s.transactions.map((t) => [t.id, t.amount]))).toEqual([[['a', '-1.00']]]);
  });

  it('reads a statement without any STATUS or with a STATUS without CODE', () => {
    expect(parse(doc(`<BANKMSGSRSV1>${stmttrnrs('', stmtrs(trn('a')))}</BANKMSGSRSV1>`)).warnings).toEqual([]);
    expect(parse(doc(signon('<STATUS><SEVERITY>ERROR</SEVERITY></STATUS>'), `<BANKMSGSRSV1>${stmttrnrs('<STATUS></STATUS>', stmtrs())}</BANKMSGSRSV1>`)).warnings).toEqual([]);
  });

  it('reports a non-zero status that is not an error, beside the statement', () => {
    const result = parse(
      doc(
        signon('<STATUS><CODE>15510</CODE><SEVERITY>WARN</SEVERITY><MESSAGE>Password expires soon</MESSAGE></STATUS>'),
        `<BANKMSGSRSV1>${stmttrnrs('<STATUS><CODE>2003</CODE><SEVERITY>INFO</SEVERITY></STATUS>', stmtrs(trn('a')))}</BANKMSGSRSV1>`,
      ),
    );
    expect(result.warnings).toEqual([
      {
        code: 'OFX_STATUS',
        message: '<SONRS> at line 3 reports status 15510 WARN "Password expires soon"',
        line: 3,
        element: 'OFX/SIGNONMSGSRSV1/SONRS/STATUS',
      },
      { code: 'OFX_STATUS', message: '<STMTTRNRS> at line 4 reports status 2003 INFO', line: 4, element: 'OFX/BANKMSGSRSV1/STMTTRNRS/STATUS' },
    ]);
    expect(result.statements[0]!.transactions).toHaveLength(1);
  });

  it.each([
    [signon('<STATUS><CODE>15500</CODE><SEVERITY>ERROR</SEVERITY><MESSAGE>Signon invalid</MESSAGE></STATUS>'), 'SONRS', 3, 'OFX/SIGNONMSGSRSV1/SONRS', 'status 15500 ERROR "Signon invalid"'],
    [`<BANKMSGSRSV1>${stmttrnrs('<STATUS><CODE>2000</CODE><SEVERITY>error</SEVERITY></STATUS>', stmtrs(trn('a')))}</BANKMSGSRSV1>`, 'STMTTRNRS', 3, 'OFX/BANKMSGSRSV1/STMTTRNRS', 'status 2000 error'],
    [`<BANKMSGSRSV1>${stmttrnrs('<STATUS><CODE>2000</CODE><SEVERITY>INFO</SEVERITY></STATUS>', '')}</BANKMSGSRSV1>`, 'STMTTRNRS', 3, 'OFX/BANKMSGSRSV1/STMTTRNRS', 'status 2000 INFO'],
    [`<CREDITCARDMSGSRSV1><CCSTMTTRNRS><TRNUID>1</TRNUID><STATUS><CODE>2002</CODE></STATUS></CCSTMTTRNRS></CREDITCARDMSGSRSV1>`, 'CCSTMTTRNRS', 3, 'OFX/CREDITCARDMSGSRSV1/CCSTMTTRNRS', 'status 2002'],
    [`<BANKMSGSRSV1>${stmttrnrs('<STATUS><CODE>2000</CODE><MESSAGE>Try later</MESSAGE></STATUS>', '<OTHER>x</OTHER>')}</BANKMSGSRSV1>`, 'STMTTRNRS', 3, 'OFX/BANKMSGSRSV1/STMTTRNRS', 'status 2000 "Try later"'],
  ])('refuses a server error in %#', (part, name, line, path, text) => {
    expect(refusal(doc(part, `<BANKMSGSRSV1>${stmttrnrs(OK, stmtrs())}</BANKMSGSRSV1>`))).toEqual({
      code: 'UNSUPPORTED_CONTENT',
      message: `OFX: the bank's server returned an error instead of a statement in <${name}> at line ${line}: ${text}`,
      location: { line, element: `${path}/STATUS` },
    });
  });
});

describe(`${parseOfx.name} statements`, () => {
  it('reads bank and credit-card statements in document order', () => {
    const card = '<CCSTMTRS><CURDEF>EUR</CURDEF><CCACCTFROM><ACCTID>4111</ACCTID></CCACCTFROM><BANKTRANLIST>' + trn('c', '2.5') + '</BANKTRANLIST></CCSTMTRS>';
    const result = parse(
      doc(
        `<BANKMSGSRSV1>${stmttrnrs(OK, stmtrs(trn('a')))}</BANKMSGSRSV1>`,
        `<CREDITCARDMSGSRSV1><CCSTMTTRNRS><TRNUID>2</TRNUID>${OK}${card}</CCSTMTTRNRS></CREDITCARDMSGSRSV1>`,
      ),
    );
    expect(result.format).toBe('ofx');
    expect(result.statements.map((s) => [s.account, s.currency, s.transactions.map((t) => [t.id, t.amount, t.currency])])).toEqual([
      [{ id: '9100', bank_id: '1', type: 'CHECKING' }, 'USD', [['a', '-1.00', 'USD']]],
      [{ id: '4111', type: 'CREDITCARD' }, 'EUR', [['c', '2.50', 'EUR']]],
    ]);
  });

  it('makes repeated FITIDs unique over the whole file', () => {
    const result = parse(doc(`<BANKMSGSRSV1>${stmttrnrs(OK, stmtrs(trn('a'), trn('a')))}${stmttrnrs(OK, stmtrs(trn('a'), trn('b')))}</BANKMSGSRSV1>`));
    expect(result.statements.map((s) => s.transactions.map((t) => t.id))).toEqual([
      ['a', 'a#2'],
      ['a#3', 'b'],
    ]);
  });

  it('refuses investment statements as unsupported', () => {
    expect(refusal(doc(signon(), '<INVSTMTMSGSRSV1>', `<INVSTMTTRNRS><TRNUID>1</TRNUID>${OK}<INVSTMTRS><CURDEF>USD</CURDEF></INVSTMTRS></INVSTMTTRNRS>`, '</INVSTMTMSGSRSV1>'))).toEqual({
      code: 'UNSUPPORTED_CONTENT',
      message: 'OFX: investment statements (<INVSTMTTRNRS> at line 5) are not supported',
      location: { line: 5, element: 'OFX/INVSTMTMSGSRSV1/INVSTMTTRNRS' },
    });
    expect(refusal(doc('<X>', '<INVSTMTRS><CURDEF>USD</CURDEF></INVSTMTRS>', '</X>'))).toEqual({
      code: 'UNSUPPORTED_CONTENT',
      message: 'OFX: investment statements (<INVSTMTRS> at line 4) are not supported',
      location: { line: 4, element: 'OFX/X/INVSTMTRS' },
    });
  });

  it('refuses a file without statements', () => {
    expect(refusal(doc(signon()))).toEqual({
      code: 'MALFORMED_DOCUMENT',
      message: 'OFX: the file holds no bank or credit-card statement (no <STMTRS> or <CCSTMTRS>)',
      location: { element: 'OFX' },
    });
  });

  it('refuses the whole file when transactions are bad, listing five and counting the rest', () => {
    const bad = (n: number) => Array.from({ length: n }, (_, i) => trn(`f${i + 1}`, 'x'));
    const text = doc(`<BANKMSGSRSV1>${stmttrnrs(OK, stmtrs(trn('ok'), ...bad(3)))}`, `${stmttrnrs(OK, stmtrs(...bad(4)))}</BANKMSGSRSV1>`);
    const listed = [1, 2, 3]
      .map((i) => `STMTTRN at line 3 (FITID f${i}): TRNAMT "x" is not an amount`)
      .concat([1, 2].map((i) => `STMTTRN at line 4 (FITID f${i}): TRNAMT "x" is not an amount`))
      .join('; ');
    expect(refusal(text)).toEqual({
      code: 'MALFORMED_DOCUMENT',
      message: `OFX: 7 invalid record(s), the statement is refused rather than imported partially: ${listed}; and 2 more`,
      location: { line: 3, element: 'OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS/BANKTRANLIST/STMTTRN[2]' },
    });
  });

  it('lists every bad transaction when there are at most five', () => {
    const text = doc(`<BANKMSGSRSV1>${stmttrnrs(OK, stmtrs(...['a', 'b', 'c', 'd', 'e'].map((f) => trn(f, 'x'))))}</BANKMSGSRSV1>`);
    const listed = ['a', 'b', 'c', 'd', 'e'].map((f) => `STMTTRN at line 3 (FITID ${f}): TRNAMT "x" is not an amount`).join('; ');
    expect(refusal(text).message).toBe(`OFX: 5 invalid record(s), the statement is refused rather than imported partially: ${listed}`);
  });

  it('counts only STMTTRN elements, in any case, against the row limit', () => {
    const text = doc(`<BANKMSGSRSV1>${stmttrnrs(OK, stmtrs(trn('a')))}</BANKMSGSRSV1>`);
    expect(parse(text, { maxRows: 1 }).statements[0]!.transactions).toHaveLength(1);
    const error = (() => {
      try {
        parse(text.replace('</BANKTRANLIST>', '<stmttrn >\n<TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20200102</DTPOSTED><TRNAMT>1</TRNAMT><FITID>b</FITID></STMTTRN></BANKTRANLIST>'), { maxRows: 1 });
      } catch (e) {
        return e as StatementParseError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(StatementParseError);
    expect([error!.code, error!.message]).toEqual([
      'LIMIT_EXCEEDED',
      'the document holds more than 1 transactions (<STMTTRN>), the most one statement may have (MAX_STATEMENT_ROWS=1); split it into several files',
    ]);
  });
});

describe(`${parseOfx.name} signed amounts`, () => {
  it('reads an amount written with an explicit plus sign', () => {
    const doc2 = parse(doc(signon(), `<BANKMSGSRSV1>${stmttrnrs(OK, stmtrs(trn('A', '+12.5'), trn('B', '-3')))}</BANKMSGSRSV1>`));
    expect(doc2.statements[0]!.transactions.map((t) => t.amount)).toEqual(['12.50', '-3.00']);
  });
});
