import { readFileSync } from 'node:fs';
import path from 'node:path';

import { StatementParseError } from '../statement-parse.error.js';
import type { ParsedDocument, ParseOptions } from '../statement.types.js';
import { parseCamt } from './camt.parser.js';

const fixture = (name: string): Buffer => readFileSync(path.resolve(process.cwd(), '../shared/fixtures/statements/camt053', name));
const parse = (name: string, options: ParseOptions = {}): ParsedDocument => parseCamt(fixture(name), options);
const amounts = (doc: ParsedDocument): string[] => doc.statements.flatMap((s) => s.transactions.map((t) => t.amount));
const codes = (doc: ParsedDocument): string[] => doc.warnings.map((w) => w.code);

describe(parseCamt.name, () => {
  it('reads a camt.053.001.02 entry and keeps only the balances in the account currency (genkgo minimal)', () => {
    const doc = parse('genkgo_camt053.v2.minimal.xml');
    expect(doc.format).toBe('camt');
    expect(doc.statements).toHaveLength(1);
    const [stmt] = doc.statements;
    expect(stmt!.account).toEqual({ id: 'NL26VAYB8060476890', iban: 'NL26VAYB8060476890' });
    expect(stmt!.currency).toBe('EUR');
    expect(stmt!.period).toEqual({ start: '2007-10-18', end: '2007-10-18' });
    expect(stmt!.opening_balance).toEqual({ amount: '18.15', date: '2014-12-30' });
    expect(stmt!.closing_balance).toBeUndefined();
    expect(stmt!.transactions).toHaveLength(1);
    expect(stmt!.transactions[0]).toMatchObject({
      date: '2014-12-31',
      value_date: '2015-01-02',
      amount: '8.85',
      currency: 'EUR',
      payee: 'NAME NAME',
      memo: '4654654654654654',
      label: 'NAME NAME - 4654654654654654',
      type: '544',
    });
    expect(doc.warnings.map((w) => [w.code, w.element])).toEqual([
      ['BALANCE_IGNORED', '/Document/BkToCstmrStmt/Stmt[1]/Bal[2]'],
      ['BALANCE_IGNORED', '/Document/BkToCstmrStmt/Stmt[1]/Bal[3]'],
      ['BALANCE_IGNORED', '/Document/BkToCstmrStmt/Stmt[1]/Bal[4]'],
    ]);
    expect(doc.warnings[0]!.message).toContain('CLBD -27.00 SEK');
  });

  it('gives the same transaction id on every parse when the bank gives none', () => {
    const first = parse('genkgo_camt053.v2.minimal.xml').statements[0]!.transactions[0]!.id;
    expect(first).toMatch(/^camt-[0-9a-f]{16}$/);
    expect(parse('genkgo_camt053.v2.minimal.xml').statements[0]!.transactions[0]!.id).toBe(first);
  });

  it('reads camt.053.001.08: Othr account id, Sts/Cd, BookgDt as DtTm with offset, AcctSvcrRef as id', () => {
    const doc = parse('genkgo_camt053.v8.xml');
    const [stmt] = doc.statements;
    expect(stmt!.account).toEqual({ id: 'NL26VAYB8060476890', bank_id: 'AAAA BANKEN', name: 'FINPETROL' });
    expect(stmt!.currency).toBe('EUR');
    const [tx] = stmt!.transactions;
    expect(tx).toMatchObject({ id: 'AAAASESS-FP-CN_98765/01', date: '2014-12-31', amount: '8.85', currency: 'EUR', type: 'PMNT/RCDT/BOOK' });
    const booking = (tx!.raw as { booking_date: string }).booking_date;
    expect(booking).toBe('2014-12-31T13:15:00+01:00');
    expect(new Date(booking).toISOString()).toBe('2014-12-31T12:15:00.000Z');
  });

  it('gives one part per <Stmt> with its own balances (genkgo multi statement)', () => {
    const doc = parse('genkgo_camt053.v2.multi.statement.xml');
    expect(doc.statements.map((s) => [s.opening_balance?.amount, s.closing_balance?.amount, s.transactions.map((t) => t.amount)])).toEqual([
      ['18.15', '27.00', ['8.85']],
      ['27.00', '20.00', ['-7.00']],
    ]);
    expect(doc.statements[1]!.transactions[0]).toMatchObject({ payee: 'Company Name 2', memo: 'Transaction Description 2', reference: '000000002' });
    expect(doc.warnings).toEqual([]);
  });

  it('reduces amounts with three decimals exactly and warns when the balances do not add up (five decimals)', () => {
    const doc = parse('genkgo_camt053.v2.five.decimals.xml');
    const [stmt] = doc.statements;
    expect(stmt!.opening_balance?.amount).toBe('18.15');
    expect(stmt!.closing_balance?.amount).toBe('27.05');
    expect(amounts(doc)).toEqual(['8.85']);
    expect(doc.warnings).toEqual([
      {
        code: 'BALANCE_MISMATCH',
        message:
          'statement 253EURNL26VAYB8060476890: opening balance 18.15 + entries 8.85 = 27.00, but the closing balance is 27.05 (difference 0.05)',
        element: '/Document/BkToCstmrStmt/Stmt[1]',
      },
    ]);
  });

  it('rejects a message with a group header and no statement', () => {
    const attempt = () => parse('genkgo_camt053.v2.wrong_invalid.xml');
    expect(attempt).toThrow(StatementParseError);
    expect(attempt).toThrow('the camt.053 message holds no <Stmt>: nothing to import (at /Document/BkToCstmrStmt)');
  });

  it('splits a batch entry into its TxDtls when their amounts add up to the entry (viafintech valid example)', () => {
    const doc = parse('viafintech_camt053.001.02_valid_example.xml');
    const [stmt] = doc.statements;
    expect(stmt!.account).toEqual({ id: 'DE14740618130000033626', iban: 'DE14740618130000033626', bank_id: 'GENODEF1PFK', name: 'Testkonto Nummer 1' });
    expect(stmt!.opening_balance).toEqual({ amount: '33.06', date: '2013-12-27' });
    expect(stmt!.closing_balance).toEqual({ amount: '23.06', date: '2013-12-27' });
    expect(stmt!.transactions.map((t) => [t.id, t.amount])).toEqual([
      ['BankReference', '-2.00'],
      ['2013122710583600000', '-3.00'],
      ['2013122711085260000', '1.00'],
      ['2013122711513230000/1', '-3.50'],
      ['2013122711513230000/2', '-2.50'],
    ]);
    expect(stmt!.transactions[3]!.memo).toBe('Sammelueberwseisung 2. Zahlung   TAN:283044');
    expect((stmt!.transactions[0]!.raw as { statement_id: string }).statement_id).toBe('0352C5320131227220503');
    expect(doc.warnings).toEqual([]);
  });

  it('warns instead of failing when the balances do not reconcile (viafintech v8, CHF)', () => {
    const doc = parse('viafintech_camt053.001.08_valid_example.xml');
    const [stmt] = doc.statements;
    expect(stmt!.currency).toBe('CHF');
    expect(stmt!.period).toEqual({ start: '2023-06-20', end: '2023-06-20' });
    expect(stmt!.opening_balance?.amount).toBe('82721.95');
    expect(stmt!.closing_balance?.amount).toBe('84515.25');
    expect(amounts(doc)).toEqual(['474.40', '88.85', '-20.97']);
    expect(codes(doc)).toEqual(['BALANCE_MISMATCH']);
    expect(doc.warnings[0]!.message).toContain('statement R30B4SA880HMZ9XA');
    expect(doc.warnings[0]!.message).toContain('entries 542.28');
  });

  it('keeps a batch entry without TxDtls as one transaction (viafintech batch booking)', () => {
    const doc = parse('viafintech_camt053_batch_booking.xml');
    const [stmt] = doc.statements;
    expect(stmt!.account).toMatchObject({ id: 'NL18INGB00012345678', type: 'CACC', bank_id: 'INGBNL2A' });
    expect(stmt!.opening_balance).toEqual({ amount: '7329.80', date: '2019-01-01' });
    expect(stmt!.closing_balance).toEqual({ amount: '23038.20', date: '2019-06-23' });
    expect(amounts(doc)).toEqual(['-4753.74', '2688.00', '5000.00']);
    const batch = stmt!.transactions[0]!;
    expect(batch.label).toBe('Batch of 3 transactions O0OpeAYTkhjerKu3eE9asw');
    const btch = (batch.raw as { Ntry: { NtryDtls: { Btch: Record<string, string> } } }).Ntry.NtryDtls.Btch;
    expect(btch).toEqual({ PmtInfId: 'O0OpeAYTkhjerKu3eE9asw', MsgId: '02453b1e17c11241073a777ad9c273b4149', NbOfTxs: '3' });
    expect(codes(doc)).toEqual(['BALANCE_MISMATCH']);
  });

  it('signs a DBIT opening balance negative (viafintech with debit)', () => {
    const doc = parse('viafintech_camt053_with_debit.xml');
    expect(doc.statements[0]!.opening_balance?.amount).toBe('-33.06');
    expect(doc.statements[0]!.closing_balance?.amount).toBe('23.06');
    expect(codes(doc)).toEqual(['BALANCE_MISMATCH']);
  });

  it('reads UTF-8 Lithuanian text and DtTm booking dates (DNB)', () => {
    const doc = parse('ofxstatement-iso20022_dnb_lithuania_camt053.001.02_utf8.xml');
    const [stmt] = doc.statements;
    expect(stmt!.account).toEqual({ id: 'LT000000000000000000', iban: 'LT000000000000000000', bank_id: 'AGBLLT2XXXX', name: 'John Doe' });
    expect(stmt!.currency).toBe('EUR');
    expect(stmt!.opening_balance).toEqual({ amount: '306.53', date: '2015-12-01' });
    expect(stmt!.closing_balance).toEqual({ amount: '125.52', date: '2015-12-31' });
    expect(stmt!.transactions).toHaveLength(4);
    expect(stmt!.transactions[0]).toMatchObject({
      id: 'FC1261858984',
      amount: '-0.29',
      memo: 'Sąskaitos aptarnavimo mokestis',
      payee: 'AB DNB Bankas',
      reference: 'FC1261858984',
      date: '2015-12-31',
      value_date: '2016-01-01',
    });
    expect(doc.warnings).toEqual([]);
  });

  it('fails clearly on currency "XXX" without a default currency, and uses the default when given (PostFinance)', () => {
    const name = 'ofxstatement-iso20022_postfinance_camt053.001.02_no_ccy.xml';
    expect(() => parse(name)).toThrow(StatementParseError);
    expect(() => parse(name)).toThrow(/states no currency.*set the default currency.*\/Document\/BkToCstmrStmt\/Stmt\[1\]\/Acct/);
    const doc = parse(name, { defaultCurrency: 'CHF' });
    const [stmt] = doc.statements;
    expect(stmt!.account.id).toBe('CH2609000000924238861');
    expect(stmt!.currency).toBe('CHF');
    expect(stmt!.opening_balance).toEqual({ amount: '0.00', date: '2015-12-31' });
    expect(stmt!.closing_balance).toEqual({ amount: '10000.00', date: '2017-01-31' });
    expect(stmt!.transactions).toHaveLength(5);
    expect(stmt!.transactions[0]).toMatchObject({
      amount: '10000.00',
      currency: 'CHF',
      memo: 'Account Transfer',
      date: '2016-04-23',
      value_date: '2016-04-23',
      reference: '20160423000805545979476000000012',
    });
    expect(stmt!.transactions[0]!.payee).toBeUndefined();
    expect(codes(doc)).toEqual(['BALANCE_MISMATCH']);
  });

  it('reads camt.053.001.04 with dates carrying an offset and entries without TxDtls (Raiffeisen)', () => {
    const doc = parse('ofxstatement-iso20022_raiffeisen_ch_camt053.001.04_italian.xml');
    const [stmt] = doc.statements;
    expect(stmt!.account).toMatchObject({ id: 'CHxxxxxxxxxxxxxxxxxxx', bank_id: 'Raiffeisen' });
    expect(stmt!.currency).toBe('CHF');
    expect(stmt!.opening_balance).toEqual({ amount: '9433.31', date: '2017-04-01' });
    expect(stmt!.closing_balance).toEqual({ amount: '5753.46', date: '2017-04-11' });
    expect(stmt!.transactions).toHaveLength(16);
    expect(stmt!.transactions[0]).toMatchObject({
      amount: '-905.30',
      memo: 'Sistema di addebitamento diretto xxxxxxxxxxxxxxxxxxxxxx AG',
      date: '2017-04-01',
      value_date: '2017-04-03',
      reference: '210564431020000000024556150000',
    });
    expect(stmt!.transactions[0]!.payee).toBeUndefined();
    expect(stmt!.transactions[1]!.label).toBe('Acquisto MIGROS M ARBEDO-CAST 31.03.2017/13:30 / N. carta Maestro xxxxxxxx');
    expect(doc.warnings).toEqual([]);
  });

  it('identifies an account by Othr/Id and the bank by name when its BIC is not one (CHF single)', () => {
    const doc = parse('ofxstatement-iso20022_camt053.001.08_chf_single.xml');
    const [stmt] = doc.statements;
    expect(stmt!.account).toEqual({ id: '0035-2915203-10-000', bank_id: 'SAMPLEBANK222', name: 'NAME REDACTED' });
    expect(stmt!.opening_balance).toEqual({ amount: '832.01', date: '2023-01-25' });
    expect(stmt!.closing_balance).toEqual({ amount: '2116.31', date: '2023-01-25' });
    expect(stmt!.available_balance).toEqual({ amount: '2116.31', date: '2023-01-25' });
    expect(stmt!.transactions).toHaveLength(1);
    expect(stmt!.transactions[0]).toMatchObject({ amount: '1284.30', currency: 'CHF', memo: 'PAYMENT INFO', reference: 'A032-J30K20-03-JF021', payee: 'PAYEE' });
  });

  it('reads a camt.052 intraday report (Rpt) and derives unique ids when the reference is NONREF', () => {
    const doc = parse('ofxstatement-iso20022_camt052_intraday_de.xml');
    const [stmt] = doc.statements;
    expect(stmt!.account.bank_id).toBe('PZHSDE66XXX');
    expect(stmt!.currency).toBe('EUR');
    expect(stmt!.opening_balance).toEqual({ amount: '268.35', date: '2021-02-04' });
    expect(stmt!.closing_balance).toEqual({ amount: '16.95', date: '2021-02-05' });
    expect(amounts(doc)).toEqual(['-30.00', '-26.00', '-34.52', '2.50', '-163.38']);
    expect(stmt!.transactions[0]).toMatchObject({ payee: 'SPARKASSE PFORZHEIM CALW', memo: 'Something', reference: 'NONREF', date: '2021-02-05' });
    expect(new Set(stmt!.transactions.map((t) => t.id)).size).toBe(5);
    expect(doc.warnings).toEqual([]);
  });

  it('honours encoding="ISO-8859-1" (Actual camt.052.001.08)', () => {
    const doc = parse('actual_camt052.001.08_iso8859-1_RECONSTRUCTED.xml');
    const txs = doc.statements[0]!.transactions;
    expect(txs.map((t) => [t.id, t.amount, t.payee, t.memo])).toEqual([
      ['2025090900000000', '100.00', undefined, 'M-Überschusssparen'],
      ['2025090900000001', '-5.00', 'Grüße aus München', 'Restaurant Schrödingers Katze und Café Ünique'],
    ]);
    expect(doc.statements[0]!.opening_balance).toBeUndefined();
  });
});
