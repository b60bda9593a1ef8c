import type { ParsedStatementPart, ParseOptions, ParseWarning } from '../statement.types.js';
import { parseStatementElement } from './camt-statement.js';
import { loadXml, type XmlElement } from './camt-xml.js';
import { parseFailure } from '../testing/parse-failure.js';

const ACCT = '<Acct><Id><IBAN>DE44500105175407324931</IBAN></Id><Ccy>EUR</Ccy></Acct>';

const stmt = (inner: string): XmlElement => loadXml(Buffer.from(`<Stmt>${inner}</Stmt>`, 'utf8')).children('Stmt')[0]!;

function ntry(amount: string, ind: string, date: string, extra = '', ccy = 'EUR'): string {
  return `<Ntry><Amt Ccy="${ccy}">${amount}</Amt><CdtDbtInd>${ind}</CdtDbtInd>${extra}<BookgDt><Dt>${date}</Dt></BookgDt></Ntry>`;
}

function bal(code: string, amount: string, date = '<Dt>2024-01-31</Dt>', ccy = 'EUR'): string {
  return `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="${ccy}">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt>${date}</Dt></Bal>`;
}

function parse(inner: string, options: ParseOptions = {}, warnings: ParseWarning[] = []): ParsedStatementPart {
  return parseStatementElement(stmt(inner), options, warnings);
}

describe(parseStatementElement.name, () => {
  describe('account', () => {
    const account = (acct: string) => parse(`<Id>S</Id><Acct>${acct}<Ccy>EUR</Ccy></Acct>`).account;

    it('identifies the account by its IBAN', () => {
      expect(account('<Id><IBAN>DE44500105175407324931</IBAN></Id>')).toEqual({ id: 'DE44500105175407324931', iban: 'DE44500105175407324931' });
    });

    it('identifies the account by Othr/Id when it has no IBAN, and prefers the IBAN', () => {
      expect(account('<Id><Othr><Id>0035-29</Id></Othr></Id>')).toEqual({ id: '0035-29' });
      expect(account('<Id><Othr><Id>0035-29</Id></Othr><IBAN>CH93</IBAN></Id>')).toEqual({ id: 'CH93', iban: 'CH93' });
    });

    it('rejects a statement without Acct', () => {
      const err = parseFailure(() => parse('<Id>S</Id><Bal/>'));
      expect(err.code).toBe('MALFORMED_DOCUMENT');
      expect(err.message).toBe('the account (Acct) is missing (at /Stmt[1])');
    });

    it('rejects an account whose ids are empty', () => {
      expect(parseFailure(() => account('<Id><IBAN> </IBAN><Othr><Id></Id></Othr></Id>')).message).toBe(
        'the account has neither Id/IBAN nor Id/Othr/Id (at /Stmt[1]/Acct)',
      );
    });

    it.each([
      ['<BIC>GENODEF1PFK</BIC>', 'GENODEF1PFK'],
      ['<BICFI>INGBNL2A</BICFI>', 'INGBNL2A'],
      ['<BIC>GENODEF1PFK</BIC><BICFI>INGBNL2A</BICFI>', 'GENODEF1PFK'],
      ['<BIC>not a bic</BIC><BICFI>INGBNL2A</BICFI>', 'INGBNL2A'],
      ['<BIC>genodef1pfk</BIC><Nm>Volksbank</Nm>', 'Volksbank'],
      ['<BIC>GENODEF1PF</BIC><Nm>Volksbank</Nm>', 'Volksbank'],
      ['<BIC>GENODEF1PFKX</BIC><Nm>Volksbank</Nm>', 'Volksbank'],
      ['<BIC>GEN0DEF1</BIC><Nm>Volksbank</Nm>', 'Volksbank'],
      ['<BIC>XGENODEF1</BIC><Nm>Volksbank</Nm>', 'Volksbank'],
      ['<Nm>Raiffeisen</Nm>', 'Raiffeisen'],
      ['<BICFI>AGBLLT2XXXX</BICFI>', 'AGBLLT2XXXX'],
    ])('names the bank of %s as %s', (inst, bankId) => {
      expect(account(`<Id><IBAN>X</IBAN></Id><Svcr><FinInstnId>${inst}</FinInstnId></Svcr>`).bank_id).toBe(bankId);
    });

    it('gives no bank when the servicer has no valid BIC and no name', () => {
      expect(account('<Id><IBAN>X</IBAN></Id><Svcr><FinInstnId><BIC>bad</BIC></FinInstnId></Svcr>')).toEqual({ id: 'X', iban: 'X' });
    });

    it('reads the account type by code or proprietary name, and the owner name before the account name', () => {
      expect(account('<Id><IBAN>X</IBAN></Id><Tp><Cd>CACC</Cd></Tp><Nm>Account</Nm><Ownr><Nm>Owner</Nm></Ownr>')).toEqual({
        id: 'X',
        iban: 'X',
        type: 'CACC',
        name: 'Owner',
      });
      expect(account('<Id><IBAN>X</IBAN></Id><Tp><Prtry>Savings</Prtry></Tp><Nm>Account</Nm>')).toEqual({
        id: 'X',
        iban: 'X',
        type: 'Savings',
        name: 'Account',
      });
    });
  });

  describe('currency', () => {
    it('takes the account currency, upper-cased', () => {
      expect(parse('<Acct><Id><IBAN>X</IBAN></Id><Ccy>chf</Ccy></Acct>').currency).toBe('CHF');
    });

    it('prefers the account currency over the amounts', () => {
      expect(parse(`<Acct><Id><IBAN>X</IBAN></Id><Ccy>CHF</Ccy></Acct>${bal('OPBD', '1.00', undefined, 'CHF')}`).currency).toBe('CHF');
    });

    it('falls back on the currency of the balances, then of the entries, skipping "XXX"', () => {
      const acct = '<Acct><Id><IBAN>X</IBAN></Id></Acct>';
      expect(parse(`${acct}${bal('OPBD', '1.00', undefined, 'XXX')}${bal('CLBD', '1.00', undefined, 'GBP')}${ntry('1.00', 'CRDT', '2024-01-02', '', 'USD')}`).currency).toBe(
        'GBP',
      );
      expect(parse(`${acct}${ntry('1.00', 'CRDT', '2024-01-02', '', 'usd')}`).currency).toBe('USD');
      expect(parse(`<Acct><Id><IBAN>X</IBAN></Id><Ccy>XXX</Ccy></Acct>${ntry('1.00', 'CRDT', '2024-01-02', '', 'SEK')}`).currency).toBe('SEK');
    });

    it('falls back on the default currency, upper-cased, and prefers any stated currency to it', () => {
      expect(parse('<Acct><Id><IBAN>X</IBAN></Id><Ccy>XXX</Ccy></Acct>', { defaultCurrency: 'nok' }).currency).toBe('NOK');
      expect(parse('<Acct><Id><IBAN>X</IBAN></Id><Ccy>EUR</Ccy></Acct>', { defaultCurrency: 'NOK' }).currency).toBe('EUR');
    });

    it('asks for a default currency when the statement states none, naming the statement', () => {
      const err = parseFailure(() => parse('<Id>STMT-9</Id><Acct><Id><IBAN>X</IBAN></Id></Acct>'));
      expect(err.code).toBe('UNSUPPORTED_CONTENT');
      expect(err.message).toBe(
        'statement STMT-9 states no currency (no Acct/Ccy, amounts in "XXX" or without Ccy); set the default currency to parse it (at /Stmt[1]/Acct)',
      );
      expect(err.location).toEqual({ element: '/Stmt[1]/Acct' });
      expect(parseFailure(() => parse('<Acct><Id><IBAN>X</IBAN></Id></Acct>')).message).toMatch(/^statement \/Stmt\[1\] states no currency/);
    });

    it('rejects a currency that is not three letters', () => {
      const err = parseFailure(() => parse('<Acct><Id><IBAN>X</IBAN></Id><Ccy>EURO</Ccy></Acct>'));
      expect(err.code).toBe('MALFORMED_DOCUMENT');
      expect(err.message).toBe('invalid currency "EURO" (at /Stmt[1]/Acct/Ccy)');
      expect(parseFailure(() => parse('<Acct><Id><IBAN>X</IBAN></Id></Acct>', { defaultCurrency: 'E1' })).message).toBe(
        'invalid currency "E1" (at /Stmt[1]/Acct/Ccy)',
      );
    });
  });

  describe('entries and warnings', () => {
    it('reads every entry in the statement currency with the statement id', () => {
      const part = parse(`<Id>S-1</Id>${ACCT}${ntry('1.00', 'CRDT', '2024-01-02')}${ntry('2.00', 'DBIT', '2024-01-03', '', 'XXX')}`);
      expect(part.transactions.map((t) => [t.amount, t.currency, t.date])).toEqual([
        ['1.00', 'EUR', '2024-01-02'],
        ['-2.00', 'EUR', '2024-01-03'],
      ]);
      expect(part.transactions.map((t) => (t.raw as { statement_id: string }).statement_id)).toEqual(['S-1', 'S-1']);
    });

    it('uses the statement path as its id when it has no Id', () => {
      const part = parse(`${ACCT}${ntry('1.00', 'CRDT', '2024-01-02')}`);
      expect((part.transactions[0]!.raw as { statement_id: string }).statement_id).toBe('/Stmt[1]');
    });

    it('derives distinct ids for identical entries at different positions', () => {
      const part = parse(`<Id>S</Id>${ACCT}${ntry('1.00', 'CRDT', '2024-01-02')}${ntry('1.00', 'CRDT', '2024-01-02')}`);
      expect(part.transactions[0]!.id).not.toBe(part.transactions[1]!.id);
    });

    it('skips an entry that is not booked and reports it after the warnings already given', () => {
      const warnings: ParseWarning[] = [{ code: 'EARLIER', message: 'kept' } as ParseWarning];
      const part = parse(`<Id>S-1</Id>${ACCT}${ntry('1.00', 'CRDT', '2024-01-02')}${ntry('2.00', 'DBIT', '2024-01-03', '<Sts>INFO</Sts>')}`, {}, warnings);
      expect(part.transactions.map((t) => t.amount)).toEqual(['1.00']);
      expect(warnings).toEqual([
        { code: 'EARLIER', message: 'kept' },
        { code: 'ENTRY_SKIPPED', message: 'statement S-1: entry 2 has status INFO (not booked); it was skipped', element: '/Stmt[1]/Ntry[2]' },
      ]);
    });

    it('passes on the warnings about balances', () => {
      const warnings: ParseWarning[] = [];
      const part = parse(`<Id>S</Id>${ACCT}${bal('CLBD', '5.00', undefined, 'USD')}`, {}, warnings);
      expect(part).not.toHaveProperty('closing_balance');
      expect(warnings.map((w) => [w.code, w.element])).toEqual([['BALANCE_IGNORED', '/Stmt[1]/Bal[1]']]);
    });

    it('reads the balances and warns on the statement when they do not add up', () => {
      const warnings: ParseWarning[] = [];
      const part = parse(`<Id>S</Id>${ACCT}${bal('OPBD', '10.00')}${bal('CLBD', '12.00')}${bal('CLAV', '11.00')}${ntry('1.00', 'CRDT', '2024-01-02')}`, {}, warnings);
      expect(part.opening_balance).toEqual({ amount: '10.00', date: '2024-01-31' });
      expect(part.closing_balance).toEqual({ amount: '12.00', date: '2024-01-31' });
      expect(part.available_balance).toEqual({ amount: '11.00', date: '2024-01-31' });
      expect(warnings).toEqual([
        {
          code: 'BALANCE_MISMATCH',
          message: 'statement S: opening balance 10.00 + entries 1.00 = 11.00, but the closing balance is 12.00 (difference 1.00)',
          element: '/Stmt[1]',
        },
      ]);
    });

    it('gives no warning when the balances add up', () => {
      const warnings: ParseWarning[] = [];
      parse(`<Id>S</Id>${ACCT}${bal('OPBD', '10.00')}${bal('CLBD', '11.00')}${ntry('1.00', 'CRDT', '2024-01-02')}`, {}, warnings);
      expect(warnings).toEqual([]);
    });

    it('gives no balance keys when the statement has none', () => {
      const part = parse(`<Id>S</Id>${ACCT}`);
      expect(Object.keys(part).sort()).toEqual(['account', 'currency', 'period', 'transactions']);
      expect(part.transactions).toEqual([]);
    });
  });

  describe('period', () => {
    it('takes the dates of FrToDt', () => {
      const part = parse(
        `${ACCT}<FrToDt><FrDtTm>2024-01-01T00:00:00+01:00</FrDtTm><ToDtTm>2024-01-31T23:59:59+01:00</ToDtTm></FrToDt>${ntry('1.00', 'CRDT', '2024-01-15')}`,
      );
      expect(part.period).toEqual({ start: '2024-01-01', end: '2024-01-31' });
    });

    it('rejects an invalid FrToDt date', () => {
      expect(parseFailure(() => parse(`${ACCT}<FrToDt><FrDtTm>2024-13-01T00:00:00</FrDtTm></FrToDt>`)).message).toBe(
        'invalid date-time "2024-13-01T00:00:00" (at /Stmt[1]/FrToDt/FrDtTm)',
      );
    });

    it('falls back on the earliest and latest transaction dates, whatever their order', () => {
      const part = parse(`${ACCT}${bal('OPBD', '0.00', '<Dt>2023-12-01</Dt>')}${ntry('1.00', 'CRDT', '2024-01-20')}${ntry('1.00', 'CRDT', '2024-01-05')}${ntry('1.00', 'CRDT', '2024-01-12')}`);
      expect(part.period).toEqual({ start: '2024-01-05', end: '2024-01-20' });
    });

    it('takes each end of FrToDt it has and the transactions for the other', () => {
      const part = parse(`${ACCT}<FrToDt><ToDtTm>2024-02-29T00:00:00</ToDtTm></FrToDt>${ntry('1.00', 'CRDT', '2024-01-20')}${ntry('1.00', 'CRDT', '2024-01-05')}`);
      expect(part.period).toEqual({ start: '2024-01-05', end: '2024-02-29' });
    });

    it('falls back on the calendar dates of the opening and closing balances without transactions', () => {
      const part = parse(`${ACCT}${bal('OPBD', '1.00', '<DtTm>2024-01-01T08:00:00+01:00</DtTm>')}${bal('CLBD', '1.00', '<Dt>2024-01-31</Dt>')}`);
      expect(part.period).toEqual({ start: '2024-01-01', end: '2024-01-31' });
    });

    it('takes the calendar date of a closing balance date-time', () => {
      expect(parse(`${ACCT}${bal('CLBD', '1.00', '<DtTm>2024-01-31T18:00:00+01:00</DtTm>')}`).period).toEqual({ start: null, end: '2024-01-31' });
    });

    it('gives no period from balances without dates', () => {
      const undated = (code: string) => `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Bal>`;
      const part = parse(`${ACCT}${undated('OPBD')}${undated('CLBD')}`);
      expect(part.opening_balance).toEqual({ amount: '1.00' });
      expect(part.period).toEqual({ start: null, end: null });
    });

    it('gives no period without dates', () => {
      expect(parse(ACCT).period).toEqual({ start: null, end: null });
      expect(parse(`${ACCT}${bal('CLBD', '1.00', '<Dt>2024-01-31</Dt>')}`).period).toEqual({ start: null, end: '2024-01-31' });
    });
  });
});
