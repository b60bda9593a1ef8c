import { readFileSync } from 'node:fs';
import path from 'node:path';

import { StatementParseError } from '../statement-parse.error.js';
import { parseCamt } from './camt.parser.js';

const source = readFileSync(
  path.resolve(process.cwd(), '../shared/fixtures/statements/camt053/viafintech_camt053.001.02_valid_example.xml'),
  'utf8',
);

function failure(xml: string | Buffer): StatementParseError {
  try {
    const doc = parseCamt(typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml);
    throw new Error(`expected a StatementParseError, got ${doc.statements.length} statement(s)`);
  } catch (err) {
    if (!(err instanceof StatementParseError)) throw err;
    expect(err.kind).toBe('permanent');
    return err;
  }
}

function replaceOnce(xml: string, from: string, to: string): string {
  expect(xml).toContain(from);
  return xml.replace(from, to);
}

describe(`${parseCamt.name} on malformed input`, () => {
  const cuts = [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95].map((f) => Math.floor(source.length * f));
  cuts.push(source.indexOf('</Stmt>'), source.indexOf('</Document>'), source.lastIndexOf('<Ntry>') + 3);

  it.each(cuts)('rejects the file truncated at character %i with the line where it ends', (cut) => {
    const truncated = source.slice(0, cut);
    const err = failure(truncated);
    expect(err.code).toBe('MALFORMED_DOCUMENT');
    expect(err.message).toMatch(/line \d+/);
    expect(err.location.line).toBeGreaterThan(0);
    expect(err.location.line).toBeLessThanOrEqual(truncated.split('\n').length);
  });

  it.each([
    ['an external entity', '<!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', '&x;'],
    ['a parameter entity', '<!DOCTYPE Document [<!ENTITY % p SYSTEM "http://127.0.0.1:1/x.dtd"> %p;]>', ''],
    ['an expanding entity', '<!DOCTYPE Document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>', '&b;'],
    ['a bare DOCTYPE', '<!DOCTYPE Document>', ''],
  ])('refuses a DOCTYPE with %s outright, naming its line', (_what, doctype, use) => {
    const xml = source.replace('?>', `?>\n${doctype}`).replace('<MsgId>', `<MsgId>${use}`);
    const err = failure(xml);
    expect(err.code).toBe('UNSUPPORTED_CONTENT');
    expect(err.message).toBe('the XML has a <!DOCTYPE> declaration at line 2: ISO 20022 statements never need one, and it is refused');
    expect(err.location.line).toBe(2);
  });

  it('refuses 100,000 nested elements as malformed, without overflowing the stack', () => {
    const deep = '<x>'.repeat(100_000) + '</x>'.repeat(100_000);
    const err = failure(source.replace('<MsgId>', `${deep}<MsgId>`));
    expect(err.code).toBe('MALFORMED_DOCUMENT');
    expect(err.message).toMatch(/nested/i);
  });

  it('refuses more entries than MAX_STATEMENT_ROWS before building them, naming the limit', () => {
    const err = (() => {
      try {
        parseCamt(Buffer.from(source), { maxRows: 3 });
      } catch (error) {
        return error as StatementParseError;
      }
      throw new Error('expected a StatementParseError');
    })();
    expect(err).toBeInstanceOf(StatementParseError);
    expect(err.code).toBe('LIMIT_EXCEEDED');
    expect(err.message).toContain('more than 3 entries (<Ntry>)');
    expect(err.message).toContain('MAX_STATEMENT_ROWS=3');
  });

  it('names the element of a corrupted amount', () => {
    const err = failure(replaceOnce(source, '<Amt Ccy="EUR">3.00</Amt>', '<Amt Ccy="EUR">3,00</Amt>'));
    expect(err.message).toBe('invalid amount "3,00" (at /Document/BkToCstmrStmt/Stmt[1]/Ntry[2]/Amt)');
    expect(err.location.element).toBe('/Document/BkToCstmrStmt/Stmt[1]/Ntry[2]/Amt');
  });

  it('rejects a negative amount: the sign belongs in CdtDbtInd', () => {
    expect(failure(replaceOnce(source, '<Amt Ccy="EUR">1.00</Amt>', '<Amt Ccy="EUR">-1.00</Amt>')).message).toContain('Ntry[3]/Amt');
  });

  it('names the element of an impossible booking date', () => {
    const xml = source.replace(/<BookgDt>\s*<Dt>2013-12-27<\/Dt>/, '<BookgDt><Dt>2013-02-30</Dt>');
    expect(failure(xml).message).toBe('invalid date "2013-02-30" (at /Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/BookgDt/Dt)');
  });

  it('rejects an entry without any date', () => {
    const xml = source.replace(/<BookgDt>\s*<Dt>2013-12-27<\/Dt>\s*<\/BookgDt>\s*<ValDt>\s*<Dt>2013-12-27<\/Dt>\s*<\/ValDt>/, '');
    expect(failure(xml).message).toBe('the entry has neither BookgDt nor ValDt (at /Document/BkToCstmrStmt/Stmt[1]/Ntry[1])');
  });

  it('rejects an unknown credit/debit indicator', () => {
    const xml = replaceOnce(source, '<CdtDbtInd>CRDT</CdtDbtInd>\n      <Sts>', '<CdtDbtInd>CREDIT</CdtDbtInd>\n      <Sts>');
    expect(failure(xml).message).toBe('invalid CdtDbtInd "CREDIT", expected CRDT or DBIT (at /Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/CdtDbtInd)');
  });

  it('rejects an entry without an amount', () => {
    const xml = replaceOnce(source, '<Amt Ccy="EUR">6.00</Amt>', '');
    expect(failure(xml).message).toBe('the amount Amt is missing (at /Document/BkToCstmrStmt/Stmt[1]/Ntry[4])');
  });

  it('rejects a statement without an account id', () => {
    const xml = replaceOnce(source, '<IBAN>DE14740618130000033626</IBAN>', '');
    expect(failure(xml).message).toBe('the account has neither Id/IBAN nor Id/Othr/Id (at /Document/BkToCstmrStmt/Stmt[1]/Acct)');
  });

  it('reports mismatched tags with their line and column', () => {
    const err = failure(replaceOnce(source, '</NtryRef>', '</NtryReff>'));
    expect(err.message).toMatch(/^malformed XML at line 62, column 33: Expected closing tag .NtryRef./);
  });

  it('rejects an encoding it cannot decode', () => {
    const err = failure(source.replace('encoding="UTF-8"', 'encoding="X-UNKNOWN-42"'));
    expect(err.code).toBe('UNSUPPORTED_CONTENT');
    expect(err.message).toContain('X-UNKNOWN-42');
  });

  it('rejects an ISO 20022 message that is not a statement or report', () => {
    const err = failure('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>');
    expect(err.code).toBe('UNSUPPORTED_CONTENT');
    expect(err.message).toContain('expected BkToCstmrStmt (camt.053) or BkToCstmrAcctRpt (camt.052)');
  });

  it('skips a pending entry and reports it', () => {
    const doc = parseCamt(Buffer.from(replaceOnce(source, '<Sts>BOOK</Sts>', '<Sts>PDNG</Sts>')));
    expect(doc.statements[0]!.transactions).toHaveLength(4);
    expect(doc.warnings.map((w) => [w.code, w.element])).toEqual([
      ['ENTRY_SKIPPED', '/Document/BkToCstmrStmt/Stmt[1]/Ntry[1]'],
      ['BALANCE_MISMATCH', '/Document/BkToCstmrStmt/Stmt[1]'],
    ]);
  });

  it('keeps a batch as one transaction when its TxDtls amounts do not add up to the entry', () => {
    const doc = parseCamt(Buffer.from(replaceOnce(source, '<Amt Ccy="EUR">2.50</Amt>', '<Amt Ccy="EUR">2.40</Amt>')));
    const txs = doc.statements[0]!.transactions;
    expect(txs.map((t) => t.amount)).toEqual(['-2.00', '-3.00', '1.00', '-6.00']);
    expect(doc.warnings).toEqual([]);
  });
});
