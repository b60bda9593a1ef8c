import { parseCamt } from './camt.parser.js';
import { parseFailure } from '../testing/parse-failure.js';

const ACCT = '<Acct><Id><IBAN>DE44500105175407324931</IBAN></Id><Ccy>EUR</Ccy></Acct>';

function ntry(amount: string, ref: string, extra = ''): string {
  return `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd>${extra}<BookgDt><Dt>2024-01-02</Dt></BookgDt><AcctSvcrRef>${ref}</AcctSvcrRef></Ntry>`;
}

const message = (root: string, body: string, ns = 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.02'): Buffer =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><Document xmlns="${ns}"><${root}><GrpHdr><MsgId>M</MsgId></GrpHdr>${body}</${root}></Document>`, 'utf8');

describe(`${parseCamt.name} on whole messages`, () => {
  it('reads every <Stmt> of a camt.053 message in order', () => {
    const doc = parseCamt(message('BkToCstmrStmt', `<Stmt><Id>A</Id>${ACCT}${ntry('1.00', 'R1')}</Stmt><Stmt><Id>B</Id>${ACCT}${ntry('2.00', 'R2')}</Stmt>`));
    expect(doc.format).toBe('camt');
    expect(doc.statements.map((s) => s.transactions.map((t) => [t.id, t.amount, (t.raw as { element: string }).element]))).toEqual([
      [['R1', '1.00', '/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]']],
      [['R2', '2.00', '/Document/BkToCstmrStmt/Stmt[2]/Ntry[1]']],
    ]);
    expect(doc.warnings).toEqual([]);
  });

  it('reads every <Rpt> of a camt.052 message', () => {
    const doc = parseCamt(message('BkToCstmrAcctRpt', `<Rpt><Id>A</Id>${ACCT}${ntry('1.00', 'R1')}</Rpt>`, 'urn:iso:std:iso:20022:tech:xsd:camt.052.001.08'));
    expect(doc.statements).toHaveLength(1);
    expect((doc.statements[0]!.transactions[0]!.raw as { element: string }).element).toBe('/Document/BkToCstmrAcctRpt/Rpt[1]/Ntry[1]');
  });

  it('reads a message whose elements carry a namespace prefix', () => {
    const xml = `<c:Document xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><c:BkToCstmrStmt><c:Stmt><c:Id>A</c:Id><c:Acct><c:Id><c:IBAN>X</c:IBAN></c:Id><c:Ccy>EUR</c:Ccy></c:Acct>
      <c:Ntry><c:Amt c:Ccy="EUR">1.00</c:Amt><c:CdtDbtInd>DBIT</c:CdtDbtInd><c:BookgDt><c:Dt>2024-01-02</c:Dt></c:BookgDt></c:Ntry></c:Stmt></c:BkToCstmrStmt></c:Document>`;
    expect(parseCamt(Buffer.from(xml)).statements[0]!.transactions.map((t) => t.amount)).toEqual(['-1.00']);
  });

  it('makes the ids unique across the statements of a message', () => {
    const doc = parseCamt(
      message('BkToCstmrStmt', `<Stmt><Id>A</Id>${ACCT}${ntry('1.00', 'SAME')}${ntry('2.00', 'SAME')}</Stmt><Stmt><Id>B</Id>${ACCT}${ntry('3.00', 'SAME')}</Stmt>`),
    );
    expect(doc.statements.flatMap((s) => s.transactions.map((t) => t.id))).toEqual(['SAME', 'SAME#2', 'SAME#3']);
  });

  it('gathers the warnings of every statement in order', () => {
    const doc = parseCamt(
      message(
        'BkToCstmrStmt',
        `<Stmt><Id>A</Id>${ACCT}${ntry('1.00', 'R1', '<Sts>PDNG</Sts>')}</Stmt><Stmt><Id>B</Id>${ACCT}${ntry('2.00', 'R2', '<Sts>FUTR</Sts>')}</Stmt>`,
      ),
    );
    expect(doc.warnings.map((w) => [w.code, w.element])).toEqual([
      ['ENTRY_SKIPPED', '/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]'],
      ['ENTRY_SKIPPED', '/Document/BkToCstmrStmt/Stmt[2]/Ntry[1]'],
    ]);
  });

  it('passes the default currency to every statement', () => {
    const noCcy = '<Acct><Id><IBAN>X</IBAN></Id></Acct>';
    const body = `<Stmt><Id>A</Id>${noCcy}</Stmt><Stmt><Id>B</Id>${noCcy}</Stmt>`;
    expect(parseCamt(message('BkToCstmrStmt', body), { defaultCurrency: 'CHF' }).statements.map((s) => s.currency)).toEqual(['CHF', 'CHF']);
    expect(parseFailure(() => parseCamt(message('BkToCstmrStmt', body))).code).toBe('UNSUPPORTED_CONTENT');
  });

  it('accepts as many entries as the row limit, and refuses one more', () => {
    const body = `<Stmt><Id>A</Id>${ACCT}${ntry('1.00', 'R1')}${ntry('2.00', 'R2')}</Stmt>`;
    expect(parseCamt(message('BkToCstmrStmt', body), { maxRows: 2 }).statements[0]!.transactions).toHaveLength(2);
    const err = parseFailure(() => parseCamt(message('BkToCstmrStmt', body), { maxRows: 1 }));
    expect(err.code).toBe('LIMIT_EXCEEDED');
    expect(err.message).toContain('more than 1 entries (<Ntry>)');
  });

  it('rejects a document whose root is not <Document>', () => {
    const err = parseFailure(() => parseCamt(Buffer.from('<?xml version="1.0"?><BkToCstmrStmt><Stmt/></BkToCstmrStmt>')));
    expect(err.code).toBe('UNSUPPORTED_CONTENT');
    expect(err.message).toBe('not an ISO 20022 message: the root element is not <Document>');
    expect(err.location).toEqual({ element: '/' });
  });

  it('rejects an ISO 20022 notification (camt.054), naming the document', () => {
    const err = parseFailure(() => parseCamt(message('BkToCstmrDbtCdtNtfctn', `<Ntfctn>${ACCT}</Ntfctn>`, 'urn:iso:std:iso:20022:tech:xsd:camt.054.001.02')));
    expect(err.code).toBe('UNSUPPORTED_CONTENT');
    expect(err.message).toBe('unsupported ISO 20022 message: expected BkToCstmrStmt (camt.053) or BkToCstmrAcctRpt (camt.052) in /Document');
    expect(err.location).toEqual({ element: '/Document' });
  });

  it('rejects a camt.052 report without <Rpt>', () => {
    const err = parseFailure(() => parseCamt(message('BkToCstmrAcctRpt', '')));
    expect(err.code).toBe('MALFORMED_DOCUMENT');
    expect(err.message).toBe('the camt.052 message holds no <Rpt>: nothing to import (at /Document/BkToCstmrAcctRpt)');
  });

  it('does not read <Rpt> in a camt.053 message', () => {
    expect(parseFailure(() => parseCamt(message('BkToCstmrStmt', `<Rpt><Id>A</Id>${ACCT}</Rpt>`))).message).toBe(
      'the camt.053 message holds no <Stmt>: nothing to import (at /Document/BkToCstmrStmt)',
    );
  });
});
