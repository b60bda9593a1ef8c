import type { StatementTransaction } from '../statement.types.js';
import { parseEntry, type EntryOutcome } from './camt-entry.js';
import { loadXml, type XmlElement } from './camt-xml.js';

const context = { statementId: 'STMT-1', currency: 'EUR' };

/** One <Ntry> (path /Ntry[1]); amount, sign and booking date unless the inner XML gives its own. */
function entry(inner: string, { amt = '<Amt Ccy="EUR">10.00</Amt>', ind = 'DBIT', date = '<BookgDt><Dt>2024-05-02</Dt></BookgDt>' } = {}): XmlElement {
  return loadXml(Buffer.from(`<Ntry>${amt}<CdtDbtInd>${ind}</CdtDbtInd>${date}${inner}</Ntry>`, 'utf8')).children('Ntry')[0]!;
}

function transactions(outcome: EntryOutcome): StatementTransaction[] {
  if (!('transactions' in outcome)) throw new Error(`expected transactions, got skipped ${outcome.skipped}`);
  return outcome.transactions;
}

const one = (inner: string, options?: Parameters<typeof entry>[1], ctx = context, index = 0): StatementTransaction => {
  const txs = transactions(parseEntry(entry(inner, options), index, ctx));
  expect(txs).toHaveLength(1);
  return txs[0]!;
};

const tx = (inner: string) => `<NtryDtls><TxDtls>${inner}</TxDtls></NtryDtls>`;

describe(parseEntry.name, () => {
  describe('status', () => {
    it.each(['PDNG', 'INFO', 'FUTR', 'pdng', 'Info'])('skips an entry with status %s, naming it', (status) => {
      expect(parseEntry(entry(`<Sts>${status}</Sts>`), 0, context)).toEqual({ skipped: status });
    });

    it('reads the status from Sts/Cd (camt.053.001.08)', () => {
      expect(parseEntry(entry('<Sts><Cd>PDNG</Cd></Sts>'), 0, context)).toEqual({ skipped: 'PDNG' });
      expect(transactions(parseEntry(entry('<Sts><Cd>BOOK</Cd></Sts>'), 0, context))).toHaveLength(1);
    });

    it('skips a pending entry before reading its amount', () => {
      expect(parseEntry(entry('<Sts>PDNG</Sts>', { amt: '' }), 0, context)).toEqual({ skipped: 'PDNG' });
    });

    it.each(['BOOK', 'OTHR'])('keeps an entry with status %s', (status) => {
      expect(transactions(parseEntry(entry(`<Sts>${status}</Sts>`), 0, context))).toHaveLength(1);
    });

    it('keeps an entry without a status', () => {
      expect(transactions(parseEntry(entry(''), 0, context))).toHaveLength(1);
    });
  });

  describe('amount, currency and dates', () => {
    it('signs the amount and takes the currency of the entry', () => {
      expect(one('', { amt: '<Amt Ccy="usd">5.5</Amt>', ind: 'CRDT' })).toMatchObject({ amount: '5.50', currency: 'USD' });
      expect(one('', { amt: '<Amt Ccy="EUR">5.5</Amt>', ind: 'DBIT' })).toMatchObject({ amount: '-5.50', currency: 'EUR' });
    });

    it('falls back on the statement currency when the entry states none or "XXX"', () => {
      expect(one('', { amt: '<Amt>1</Amt>' }, { statementId: 'S', currency: 'CHF' }).currency).toBe('CHF');
      expect(one('', { amt: '<Amt Ccy="XXX">1</Amt>' }, { statementId: 'S', currency: 'CHF' }).currency).toBe('CHF');
    });

    it('dates the transaction by its booking date and keeps the value date apart', () => {
      const t = one('', { date: '<BookgDt><Dt>2024-05-02</Dt></BookgDt><ValDt><Dt>2024-05-03</Dt></ValDt>' });
      expect(t.date).toBe('2024-05-02');
      expect(t.value_date).toBe('2024-05-03');
      expect((t.raw as Record<string, unknown>)['booking_date']).toBe('2024-05-02');
    });

    it('gives no value date when the entry has none', () => {
      const t = one('');
      expect(t).not.toHaveProperty('value_date');
    });

    it('dates by the value date when there is no booking date, without a booking date in raw', () => {
      const t = one('', { date: '<ValDt><DtTm>2024-05-03T08:00:00+02:00</DtTm></ValDt>' });
      expect(t.date).toBe('2024-05-03');
      expect(t.value_date).toBe('2024-05-03');
      expect(t.raw).not.toHaveProperty('booking_date');
    });

    it('keeps a booking date-time as written in raw and its calendar date as the date', () => {
      const t = one('', { date: '<BookgDt><DtTm>2024-05-02T23:30:00-02:00</DtTm></BookgDt>' });
      expect(t.date).toBe('2024-05-02');
      expect((t.raw as Record<string, unknown>)['booking_date']).toBe('2024-05-02T23:30:00-02:00');
    });
  });

  describe('id and reference', () => {
    it('uses the AcctSvcrRef as the id and the reference', () => {
      expect(one('<NtryRef>N-1</NtryRef><AcctSvcrRef>BANK-1</AcctSvcrRef>')).toMatchObject({ id: 'BANK-1', reference: 'BANK-1' });
    });

    it('falls back on the NtryRef as the id when the AcctSvcrRef is absent or a placeholder', () => {
      expect(one('<NtryRef>N-1</NtryRef>').id).toBe('N-1');
      const t = one('<NtryRef>N-1</NtryRef><AcctSvcrRef>NONREF</AcctSvcrRef>');
      expect(t.id).toBe('N-1');
      // The reference keeps what the bank wrote.
      expect(t.reference).toBe('NONREF');
    });

    it('derives a stable id from the statement, the position, the date, the amount and the label when the bank gives none', () => {
      const t = one('<NtryRef>NOTPROVIDED</NtryRef><AddtlNtryInf>Fee</AddtlNtryInf>');
      expect(t.id).toMatch(/^camt-[0-9a-f]{16}$/);
      expect(one('<NtryRef>NOTPROVIDED</NtryRef><AddtlNtryInf>Fee</AddtlNtryInf>').id).toBe(t.id);
      expect(one('<AddtlNtryInf>Fee</AddtlNtryInf>').id).toBe(t.id);
      expect(one('<AddtlNtryInf>Fee</AddtlNtryInf>', undefined, context, 1).id).not.toBe(t.id);
      expect(one('<AddtlNtryInf>Fee</AddtlNtryInf>', undefined, { statementId: 'STMT-2', currency: 'EUR' }).id).not.toBe(t.id);
      expect(one('<AddtlNtryInf>Fee 2</AddtlNtryInf>').id).not.toBe(t.id);
      expect(one('<AddtlNtryInf>Fee</AddtlNtryInf>', { ind: 'CRDT' }).id).not.toBe(t.id);
      expect(one('<AddtlNtryInf>Fee</AddtlNtryInf>', { date: '<BookgDt><Dt>2024-05-03</Dt></BookgDt>' }).id).not.toBe(t.id);
    });

    it('prefers the AcctSvcrRef of a single TxDtls as the id and the reference', () => {
      const t = one(`<AcctSvcrRef>ENTRY-REF</AcctSvcrRef>${tx('<Refs><AcctSvcrRef>TX-REF</AcctSvcrRef><EndToEndId>E2E</EndToEndId></Refs>')}`);
      expect(t).toMatchObject({ id: 'TX-REF', reference: 'TX-REF' });
    });

    it('ignores a placeholder AcctSvcrRef of the TxDtls for the id', () => {
      const t = one(`<AcctSvcrRef>ENTRY-REF</AcctSvcrRef>${tx('<Refs><AcctSvcrRef>NONREF</AcctSvcrRef></Refs>')}`);
      expect(t.id).toBe('ENTRY-REF');
      expect(t.reference).toBe('NONREF');
    });

    it('falls back on the EndToEndId as the reference, unless it is a placeholder', () => {
      expect(one(tx('<Refs><EndToEndId>E2E-7</EndToEndId></Refs>')).reference).toBe('E2E-7');
      expect(one(tx('<Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>'))).not.toHaveProperty('reference');
      expect(one('')).not.toHaveProperty('reference');
    });
  });

  describe('payee, memo and label', () => {
    it('names the creditor of a debit and the debtor of a credit', () => {
      const parties = tx('<RltdPties><Dbtr><Nm>Payer</Nm></Dbtr><Cdtr><Nm>Payee</Nm></Cdtr></RltdPties>');
      expect(one(parties, { ind: 'DBIT' }).payee).toBe('Payee');
      expect(one(parties, { ind: 'CRDT' }).payee).toBe('Payer');
    });

    it('reads the party name under Pty (camt.053.001.08), then the ultimate party', () => {
      expect(one(tx('<RltdPties><Cdtr><Pty><Nm>Shop</Nm></Pty></Cdtr></RltdPties>')).payee).toBe('Shop');
      expect(one(tx('<RltdPties><UltmtCdtr><Nm>Ultimate</Nm></UltmtCdtr></RltdPties>')).payee).toBe('Ultimate');
      expect(one(tx('<RltdPties><UltmtCdtr><Pty><Nm>Ultimate Pty</Nm></Pty></UltmtCdtr></RltdPties>')).payee).toBe('Ultimate Pty');
      expect(one(tx('<RltdPties><Cdtr><Nm>Direct</Nm></Cdtr><UltmtCdtr><Nm>Ultimate</Nm></UltmtCdtr></RltdPties>')).payee).toBe('Direct');
      expect(one(tx('<RltdPties><Cdtr><Pty><Nm>Pty</Nm></Pty></Cdtr><UltmtCdtr><Nm>Ultimate</Nm></UltmtCdtr></RltdPties>')).payee).toBe('Pty');
      expect(one(tx('<RltdPties><UltmtDbtr><Pty><Nm>Not me</Nm></Pty></UltmtDbtr></RltdPties>'))).not.toHaveProperty('payee');
    });

    it('joins the unstructured remittance lines as the memo and labels by payee and memo', () => {
      const t = one(tx('<RltdPties><Cdtr><Nm>Shop</Nm></Cdtr></RltdPties><RmtInf><Ustrd>Invoice 1</Ustrd><Ustrd></Ustrd><Ustrd>Order 2</Ustrd></RmtInf>'));
      expect(t).toMatchObject({ payee: 'Shop', memo: 'Invoice 1 Order 2', label: 'Shop - Invoice 1 Order 2' });
    });

    it('falls back on the structured creditor reference, then on AddtlTxInf, then on AddtlNtryInf as the memo', () => {
      expect(one(tx('<RmtInf><Strd><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf><AddtlTxInf>tx info</AddtlTxInf>')).memo).toBe(
        'RF18539007547034',
      );
      expect(one(`<AddtlNtryInf>entry info</AddtlNtryInf>${tx('<AddtlTxInf>tx info</AddtlTxInf>')}`).memo).toBe('tx info');
      expect(one(`<AddtlNtryInf>entry info</AddtlNtryInf>${tx('<Refs><EndToEndId>E</EndToEndId></Refs>')}`)).toMatchObject({
        memo: 'entry info',
        label: 'entry info',
      });
    });

    it('labels by the payee alone when there is no memo', () => {
      const t = one(tx('<RltdPties><Cdtr><Nm>Shop</Nm></Cdtr></RltdPties>'));
      expect(t.label).toBe('Shop');
      expect(t).not.toHaveProperty('memo');
    });

    it('puts a multi-line memo on one line in the label', () => {
      const t = one('<AddtlNtryInf>First line\r\n   second line\n\nthird</AddtlNtryInf>');
      expect(t.label).toBe('First line second line third');
      // XML reads CR LF as LF.
      expect(t.memo).toBe('First line\n   second line\n\nthird');
    });

    it('labels a batch without details by its count and payment id', () => {
      expect(one('<NtryDtls><Btch><PmtInfId>PMT-9</PmtInfId><NbOfTxs>4</NbOfTxs></Btch></NtryDtls>').label).toBe('Batch of 4 transactions PMT-9');
      expect(one('<NtryDtls><Btch><MsgId>M</MsgId></Btch></NtryDtls>').label).toBe('Batch of ? transactions');
    });

    it('labels by the bank transaction code when nothing else names the entry', () => {
      expect(one('<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>')).toMatchObject({
        label: 'PMNT/ICDT/ESCT',
        type: 'PMNT/ICDT/ESCT',
      });
      expect(one('<BkTxCd><Prtry><Cd>NTRF+116</Cd><Issr>DK</Issr></Prtry></BkTxCd>')).toMatchObject({ label: 'NTRF+116', type: 'NTRF+116' });
    });

    it('prefers the ISO domain code over the proprietary one, keeping the parts it has', () => {
      expect(one('<BkTxCd><Domn><Cd>PMNT</Cd></Domn><Prtry><Cd>166</Cd></Prtry></BkTxCd>').type).toBe('PMNT');
      expect(one('<BkTxCd><Domn><Fmly><Cd>RCDT</Cd></Fmly></Domn></BkTxCd>').type).toBe('RCDT');
    });

    it('labels an entry with nothing to name it "ISO 20022 entry", without a type', () => {
      const t = one('');
      expect(t.label).toBe('ISO 20022 entry');
      expect(t).not.toHaveProperty('type');
      expect(t).not.toHaveProperty('payee');
      expect(t).not.toHaveProperty('memo');
      expect(one('<BkTxCd></BkTxCd>')).not.toHaveProperty('type');
    });

    it('types a transaction by the code of its TxDtls before the code of the entry', () => {
      const t = one(`<BkTxCd><Prtry><Cd>ENTRY</Cd></Prtry></BkTxCd>${tx('<BkTxCd><Prtry><Cd>DETAIL</Cd></Prtry></BkTxCd>')}`);
      expect(t.type).toBe('DETAIL');
      expect(t.label).toBe('ENTRY');
      expect(one(`<BkTxCd><Prtry><Cd>ENTRY</Cd></Prtry></BkTxCd>${tx('<Refs/>')}`).type).toBe('ENTRY');
    });
  });

  describe('raw', () => {
    it('keeps the whole entry, its path and the statement id', () => {
      const t = one('<AcctSvcrRef>R</AcctSvcrRef>');
      expect(t.raw).toEqual({
        element: '/Ntry[1]',
        statement_id: 'STMT-1',
        booking_date: '2024-05-02',
        Ntry: { Amt: { Ccy: 'EUR', '#text': '10.00' }, CdtDbtInd: 'DBIT', BookgDt: { Dt: '2024-05-02' }, AcctSvcrRef: 'R' },
      });
    });

    it('points a single TxDtls entry at its TxDtls and keeps the whole entry', () => {
      const t = one(tx('<AddtlTxInf>x</AddtlTxInf>'));
      expect(t.raw).toEqual({
        element: '/Ntry[1]/NtryDtls[1]/TxDtls[1]',
        statement_id: 'STMT-1',
        booking_date: '2024-05-02',
        Ntry: {
          Amt: { Ccy: 'EUR', '#text': '10.00' },
          CdtDbtInd: 'DBIT',
          BookgDt: { Dt: '2024-05-02' },
          NtryDtls: { TxDtls: { AddtlTxInf: 'x' } },
        },
      });
    });
  });

  describe('batch split', () => {
    const detail = (amount: string, extra = '') => `<TxDtls>${extra}<Amt Ccy="EUR">${amount}</Amt></TxDtls>`;
    const batch = (...details: string[]) => `<AcctSvcrRef>B-1</AcctSvcrRef><NtryDtls>${details.join('')}</NtryDtls>`;

    it('gives one transaction per TxDtls when their amounts add up to the entry, numbering the entry reference', () => {
      const txs = transactions(parseEntry(entry(batch(detail('6.00'), detail('4.00'))), 0, context));
      expect(txs.map((t) => [t.id, t.amount, t.currency, t.date])).toEqual([
        ['B-1/1', '-6.00', 'EUR', '2024-05-02'],
        ['B-1/2', '-4.00', 'EUR', '2024-05-02'],
      ]);
      expect(txs[1]!.raw).toEqual({
        element: '/Ntry[1]/NtryDtls[1]/TxDtls[2]',
        statement_id: 'STMT-1',
        booking_date: '2024-05-02',
        Ntry: { AcctSvcrRef: 'B-1', Amt: '-10.00', Btch: undefined },
        TxDtls: { Amt: { Ccy: 'EUR', '#text': '4.00' } },
      });
    });

    it('keeps the batch element of a split entry in raw', () => {
      const txs = transactions(parseEntry(entry(`<NtryDtls><Btch><NbOfTxs>2</NbOfTxs></Btch>${detail('5.00')}${detail('5.00')}</NtryDtls>`), 0, context));
      expect(txs).toHaveLength(2);
      expect((txs[0]!.raw as { Ntry: { Btch: unknown } }).Ntry.Btch).toEqual({ NbOfTxs: '2' });
    });

    it('uses the AcctSvcrRef of each TxDtls as its id when it has one', () => {
      const txs = transactions(
        parseEntry(entry(batch(detail('6.00', '<Refs><AcctSvcrRef>T-A</AcctSvcrRef></Refs>'), detail('4.00'))), 0, context),
      );
      expect(txs.map((t) => t.id)).toEqual(['T-A', 'B-1/2']);
    });

    it('derives a distinct id for each TxDtls when no reference is given', () => {
      const xml = `<NtryDtls>${detail('5.00')}${detail('5.00')}</NtryDtls>`;
      const ids = transactions(parseEntry(entry(xml), 0, context)).map((t) => t.id);
      expect(ids).toHaveLength(2);
      expect(ids[0]).toMatch(/^camt-[0-9a-f]{16}$/);
      expect(ids[1]).toMatch(/^camt-[0-9a-f]{16}$/);
      expect(ids[0]).not.toBe(ids[1]);
      expect(transactions(parseEntry(entry(xml), 0, context)).map((t) => t.id)).toEqual(ids);
    });

    it('reads each TxDtls amount from AmtDtls/TxAmt when it has no Amt', () => {
      const txs = transactions(
        parseEntry(
          entry(batch('<TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">7.00</Amt></TxAmt></AmtDtls></TxDtls>', detail('3.00'))),
          0,
          context,
        ),
      );
      expect(txs.map((t) => t.amount)).toEqual(['-7.00', '-3.00']);
    });

    it('signs each TxDtls by its own CdtDbtInd when it has one', () => {
      const txs = transactions(
        parseEntry(entry(batch(detail('12.00', '<CdtDbtInd>DBIT</CdtDbtInd>'), detail('2.00', '<CdtDbtInd>CRDT</CdtDbtInd>'))), 0, context),
      );
      expect(txs.map((t) => t.amount)).toEqual(['-12.00', '2.00']);
    });

    it('names the party and the memo of each TxDtls', () => {
      const txs = transactions(
        parseEntry(
          entry(
            batch(
              detail('6.00', '<RltdPties><Cdtr><Nm>Alice</Nm></Cdtr></RltdPties><RmtInf><Ustrd>Rent</Ustrd></RmtInf>'),
              detail('4.00', '<RltdPties><Cdtr><Nm>Bob</Nm></Cdtr></RltdPties>'),
            ),
          ),
          0,
          context,
        ),
      );
      expect(txs.map((t) => [t.payee, t.memo, t.label])).toEqual([
        ['Alice', 'Rent', 'Alice - Rent'],
        ['Bob', undefined, 'Bob'],
      ]);
    });

    it('splits when the entry states no currency, whatever the TxDtls state', () => {
      const txs = transactions(parseEntry(entry(batch(detail('6.00'), detail('4.00')), { amt: '<Amt>10.00</Amt>' }), 0, context));
      expect(txs.map((t) => t.amount)).toEqual(['-6.00', '-4.00']);
    });

    it('splits when a TxDtls states no currency', () => {
      const txs = transactions(parseEntry(entry(batch('<TxDtls><Amt>6.00</Amt></TxDtls>', detail('4.00'))), 0, context));
      expect(txs.map((t) => t.amount)).toEqual(['-6.00', '-4.00']);
    });

    it('does not split when a TxDtls amount is in another currency', () => {
      const xml = batch('<TxDtls><Amt Ccy="USD">6.00</Amt></TxDtls>', detail('4.00'));
      const [t, ...rest] = transactions(parseEntry(entry(xml), 0, context));
      expect(rest).toEqual([]);
      expect(t).toMatchObject({ id: 'B-1', amount: '-10.00' });
      expect((t!.raw as { element: string }).element).toBe('/Ntry[1]');
    });

    it('does not split when a TxDtls has no amount, and names no detail party', () => {
      const xml = batch(detail('6.00', '<RltdPties><Cdtr><Nm>Alice</Nm></Cdtr></RltdPties>'), '<TxDtls><RmtInf><Ustrd>x</Ustrd></RmtInf></TxDtls>');
      const txs = transactions(parseEntry(entry(xml, { amt: '<Amt Ccy="EUR">6.00</Amt>' }), 0, context));
      expect(txs).toHaveLength(1);
      expect(txs[0]).toMatchObject({ id: 'B-1', amount: '-6.00', label: 'ISO 20022 entry' });
      expect(txs[0]).not.toHaveProperty('payee');
    });

    it('does not split a single TxDtls, reading it as the entry detail', () => {
      const txs = transactions(parseEntry(entry(batch(detail('4.00', '<RltdPties><Cdtr><Nm>Alice</Nm></Cdtr></RltdPties>'))), 0, context));
      expect(txs).toHaveLength(1);
      expect(txs[0]).toMatchObject({ id: 'B-1', amount: '-10.00', payee: 'Alice' });
      expect((txs[0]!.raw as { Ntry: unknown }).Ntry).toBeDefined();
      expect(txs[0]!.raw).not.toHaveProperty('TxDtls');
    });

    it('does not split a single TxDtls even when its amount is the entry amount', () => {
      const txs = transactions(parseEntry(entry(batch(detail('10.00'))), 0, context));
      expect(txs.map((t) => [t.id, t.amount, (t.raw as { element: string }).element])).toEqual([['B-1', '-10.00', '/Ntry[1]/NtryDtls[1]/TxDtls[1]']]);
      expect(txs[0]!.raw).not.toHaveProperty('TxDtls');
    });

    it('gathers the TxDtls of every NtryDtls', () => {
      const xml = `<AcctSvcrRef>B-1</AcctSvcrRef><NtryDtls>${detail('6.00')}</NtryDtls><NtryDtls>${detail('4.00')}</NtryDtls>`;
      const txs = transactions(parseEntry(entry(xml), 0, context));
      expect(txs.map((t) => [t.id, t.amount, (t.raw as { element: string }).element])).toEqual([
        ['B-1/1', '-6.00', '/Ntry[1]/NtryDtls[1]/TxDtls[1]'],
        ['B-1/2', '-4.00', '/Ntry[1]/NtryDtls[2]/TxDtls[1]'],
      ]);
    });

    it('compares the sum exactly, whatever the number of decimals', () => {
      const txs = transactions(parseEntry(entry(batch(detail('0.1'), detail('0.2')), { amt: '<Amt Ccy="EUR">0.30</Amt>', ind: 'CRDT' }), 0, context));
      expect(txs.map((t) => t.amount)).toEqual(['0.10', '0.20']);
    });
  });
});
