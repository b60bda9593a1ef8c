import { StatementParseError } from '../statement-parse.error.js';
import type { ParseWarning } from '../statement.types.js';
import { readMt940Messages } from './mt940-messages.js';
import { readMt940Statement } from './mt940-statement.js';

function read(lines: string[]) {
  const [message] = readMt940Messages(lines.join('\n'));
  const warnings: ParseWarning[] = [];
  const part = readMt940Statement(message!, warnings);
  return { part, warnings };
}

function refusal(lines: string[]) {
  try {
    read(lines);
  } catch (error) {
    expect(error).toBeInstanceOf(StatementParseError);
    const { code, message, location } = error as StatementParseError;
    return { code, message, location };
  }
  throw new Error('expected a StatementParseError, but the parse succeeded');
}

const DERIVED_ID = /^mt940-[0-9a-f]{16}$/;
const ADJUSTED = 'which does not exist; read as 2023-02-28, the last day of February, as wolph/mt940 does (banks counting 30-day months write February 30)';

/** A statement of 100.00 EUR around the given entry lines. */
const around = (entries: string[], closing = 'C091001EUR100,00'): string[] => [':20:REF', ':25:ACC', ':60F:C090930EUR100,00', ...entries, `:62F:${closing}`, '-'];

describe(readMt940Statement.name, () => {
  it('reads account, balances and entries with their :86: details', () => {
    const { part, warnings } = read([
      ':20:STARTUMS',
      ':25:DE89370400440532013000',
      ':28C:00001/001',
      ':60F:C090930EUR1000,00',
      ':61:0910011001DR50,00NTRFKREF123//BANKREF1',
      '/OCMT/EUR50,00/',
      ':86:166?00GUTSCHRIFT?20SVWZ+Miete?32Max Muster',
      ':61:0910011001C25,5NMSCNONREF',
      ':86:Free text details',
      ':62F:C091001EUR975,50',
      ':64:C091002EUR900,',
      '-',
    ]);
    expect(warnings).toEqual([]);
    expect(part).toEqual({
      account: { id: 'DE89370400440532013000', iban: 'DE89370400440532013000' },
      currency: 'EUR',
      period: { start: '2009-09-30', end: '2009-10-01' },
      opening_balance: { amount: '1000.00', date: '2009-09-30' },
      closing_balance: { amount: '975.50', date: '2009-10-01' },
      available_balance: { amount: '900.00', date: '2009-10-02' },
      transactions: [
        {
          id: 'BANKREF1',
          date: '2009-10-01',
          value_date: '2009-10-01',
          amount: '-50.00',
          currency: 'EUR',
          label: '/OCMT/EUR50,00/ - Max Muster - Miete',
          payee: 'Max Muster',
          memo: 'Miete',
          reference: 'KREF123',
          type: 'NTRF',
          raw: {
            '61': '0910011001DR50,00NTRFKREF123//BANKREF1\n/OCMT/EUR50,00/',
            '86': '166?00GUTSCHRIFT?20SVWZ+Miete?32Max Muster',
            mark: 'D',
            funds_code: 'R',
            bank_reference: 'BANKREF1',
            details: { code: '166', '00': 'GUTSCHRIFT', '20': 'SVWZ+Miete', '32': 'Max Muster' },
            posting_text: 'GUTSCHRIFT',
            line: 5,
          },
        },
        {
          id: expect.stringMatching(DERIVED_ID),
          date: '2009-10-01',
          value_date: '2009-10-01',
          amount: '25.50',
          currency: 'EUR',
          label: 'Free text details',
          type: 'NMSC',
          raw: { '61': '0910011001C25,5NMSCNONREF', '86': 'Free text details', mark: 'C', line: 8 },
        },
      ],
    });
  });

  it('books an entry on its entry date, in the year across New Year', () => {
    const { part } = read(around([':61:0912311230C0,NTRFX', ':61:0912310101C0,NTRFY']));
    expect(part.transactions.map((t) => [t.date, t.value_date])).toEqual([
      ['2009-12-30', '2009-12-31'],
      ['2010-01-01', '2009-12-31'],
    ]);
  });

  it('keeps an account that is no IBAN as an id only, trimmed', () => {
    expect(read([':20:REF', ':25: 10020030/1234567 ', ':60F:C090930EUR1,', ':62F:C090930EUR1,']).part.account).toEqual({ id: '10020030/1234567' });
    expect(read([':20:REF', ':25:de89370400440532013000', ':60F:C090930EUR1,', ':62F:C090930EUR1,']).part.account).toEqual({ id: 'de89370400440532013000' });
    expect(read([':20:REF', ':25:DE89370400', ':60F:C090930EUR1,', ':62F:C090930EUR1,']).part.account).toEqual({ id: 'DE89370400' });
    expect(read([':20:REF', ':25:1DE89370400440532013000', ':60F:C090930EUR1,', ':62F:C090930EUR1,']).part.account).toEqual({ id: '1DE89370400440532013000' });
    const long = `DE89${'1'.repeat(31)}`;
    expect(read([':20:REF', `:25:${long}`, ':60F:C090930EUR1,', ':62F:C090930EUR1,']).part.account).toEqual({ id: long });
    const short = 'MT84MALT011000012345';
    expect(read([':20:REF', `:25:${short}`, ':60F:C090930EUR1,', ':62F:C090930EUR1,']).part.account).toEqual({ id: short, iban: short });
  });

  it('takes the first opening and the last closing balance over intermediate :62M:/:60M:', () => {
    const { part, warnings } = read([
      ':20:REF',
      ':25:ACC',
      ':60F:C090930EUR100,00',
      ':61:0910011001D10,NTRFA',
      ':62M:C091001EUR90,00',
      ':86:not an entry detail',
      ':60M:C091001EUR90,00',
      ':61:0910021002D20,NTRFB',
      ':62F:C091002EUR70,00',
    ]);
    expect(warnings).toEqual([]);
    expect(part).toMatchObject({
      period: { start: '2009-09-30', end: '2009-10-02' },
      opening_balance: { amount: '100.00', date: '2009-09-30' },
      closing_balance: { amount: '70.00', date: '2009-10-02' },
    });
    expect(part.transactions.map((t) => [t.reference, t.label, t.raw])).toEqual([
      ['A', 'A', { '61': '0910011001D10,NTRFA', mark: 'D', line: 4 }],
      ['B', 'B', { '61': '0910021002D20,NTRFB', mark: 'D', line: 8 }],
    ]);
  });

  it('reads :60M: and :62M: as the only balances', () => {
    const { part } = read([':20:REF', ':25:ACC', ':60M:D090930USD5,', ':62M:D091001USD5,']);
    expect(part).toMatchObject({ currency: 'USD', opening_balance: { amount: '-5.00', date: '2009-09-30' }, closing_balance: { amount: '-5.00', date: '2009-10-01' } });
  });

  it('ignores :86: before the first entry and joins several :86: of one entry', () => {
    const { part } = read(around([':86:statement note', ':61:0910011001C0,NTRFNONREF', ':86:part one', ':86:part two']));
    expect(part.transactions).toEqual([
      {
        id: expect.stringMatching(DERIVED_ID),
        date: '2009-10-01',
        value_date: '2009-10-01',
        amount: '0.00',
        currency: 'EUR',
        label: 'part one part two',
        type: 'NTRF',
        raw: { '61': '0910011001C0,NTRFNONREF', '86': 'part one\npart two', mark: 'C', line: 5 },
      },
    ]);
  });

  it('takes payee and memo from :NS: lines when :86: gives none', () => {
    const { part } = read(around([':61:0910011001C0,NTRFNONREF', ':NS:15ACME', '16 Kft.', ':NS:09Invoice 42']));
    expect(part.transactions).toEqual([
      {
        id: expect.stringMatching(DERIVED_ID),
        date: '2009-10-01',
        value_date: '2009-10-01',
        amount: '0.00',
        currency: 'EUR',
        label: 'ACME Kft. - Invoice 42',
        payee: 'ACME Kft.',
        memo: 'Invoice 42',
        type: 'NTRF',
        raw: { '61': '0910011001C0,NTRFNONREF', NS: '15ACME\n16 Kft.\n09Invoice 42', mark: 'C', line: 4 },
      },
    ]);
  });

  it('prefers the :86: payee and memo, and its label, over :NS:', () => {
    const [tx] = read(around([':61:0910011001C0,NTRFNONREF', ':86:166?20Zweck?32Payee', ':NS:15Other\n09Other memo'])).part.transactions;
    expect(tx).toMatchObject({ payee: 'Payee', memo: 'Zweck', label: 'Payee - Zweck' });
    const [free] = read(around([':61:0910011001C0,NTRFNONREF', ':86:free text', ':NS:15Other\n09Other memo'])).part.transactions;
    expect(free).toMatchObject({ payee: 'Other', memo: 'Other memo', label: 'free text' });
  });

  it.each([
    [':61:0910011001C0,NTRFMYREF', 'MYREF', { reference: 'MYREF' }],
    [':61:0910011001C0,NTRFNONREF', 'NTRF', {}],
    [':61:0910011001C0,NTRF', 'NTRF', {}],
    [':61:0910011001C0,NTRFNONREF//NONREF', 'NTRF', {}],
  ])('labels %s with nothing else by its reference or type code', (line, label, extra) => {
    const [tx] = read(around([line])).part.transactions;
    expect(tx).toMatchObject({ label, type: 'NTRF', ...extra });
    expect(tx!.id).toMatch(DERIVED_ID);
    if (!('reference' in extra)) expect(tx).not.toHaveProperty('reference');
  });

  it('trims a type code written with a blank', () => {
    const [named, unnamed] = read(around([':61:0910011001C0,NMS REF', ':61:0910011001C0,NMS NONREF'])).part.transactions;
    expect([named!.type, named!.label, unnamed!.type, unnamed!.label]).toEqual(['NMS', 'REF', 'NMS', 'NMS']);
  });

  it('keeps a NONREF bank reference in raw but derives the id', () => {
    const [tx] = read(around([':61:0910011001C0,NTRFNONREF//NONREF'])).part.transactions;
    expect(tx!.raw).toEqual({ '61': '0910011001C0,NTRFNONREF//NONREF', mark: 'C', bank_reference: 'NONREF', line: 4 });
  });

  it('derives different ids for identical entries and the same ids on every read', () => {
    const lines = around([':61:0910011001C0,NTRFNONREF', ':61:0910011001C0,NTRFNONREF']);
    const ids = read(lines).part.transactions.map((t) => t.id);
    expect(ids).toEqual([expect.stringMatching(DERIVED_ID), expect.stringMatching(DERIVED_ID)]);
    expect(ids[0]).not.toBe(ids[1]);
    expect(read(lines).part.transactions.map((t) => t.id)).toEqual(ids);
    const other = (from: string, to: string) => read(lines.map((l) => l.replace(from, to))).part.transactions[0]!.id;
    expect(other(':20:REF', ':20:REF2')).not.toBe(ids[0]);
    expect(other(':25:ACC', ':25:ACC2')).not.toBe(ids[0]);
  });

  describe('warnings', () => {
    it('reports a February 30 on an entry and on its entry date', () => {
      const { part, warnings } = read(around([':61:2302300230C0,NTRFA', ':61:2303010230C0,NTRFB', ':61:230230C0,NTRFC'], 'C230301EUR100,00'));
      expect(part.transactions.map((t) => [t.date, t.value_date])).toEqual([
        ['2023-02-28', '2023-02-28'],
        ['2023-02-28', '2023-03-01'],
        ['2023-02-28', '2023-02-28'],
      ]);
      const at = (line: number) => ({ code: 'DATE_ADJUSTED', message: `:61: at line ${line} has the date 230230, ${ADJUSTED}`, line, element: ':61:' });
      expect(warnings).toEqual([at(4), at(4), at(5), at(6)]);
    });

    it('reports a February 30 on the balances', () => {
      const { part, warnings } = read([':20:REF', ':25:ACC', ':60F:C230230EUR1,', ':62F:C230230EUR1,', ':64:C230230EUR1,']);
      expect(part.period).toEqual({ start: '2023-02-28', end: '2023-02-28' });
      expect(warnings).toEqual(
        [
          [':60F:', 3],
          [':62F:', 4],
          [':64:', 5],
        ].map(([element, line]) => ({ code: 'DATE_ADJUSTED', message: `${element} at line ${line} has the date 230230, ${ADJUSTED}`, line, element })),
      );
    });

    it('reports balances that do not reconcile, at the closing balance', () => {
      const { warnings } = read(around([':61:0910011001D10,NTRFA'], 'C091001EUR80,00'));
      expect(warnings).toEqual([
        {
          code: 'BALANCE_MISMATCH',
          message: 'statement :20:REF (line 1): opening balance 100.00 + entries -10.00 = 90.00, but the closing balance is 80.00 (difference -10.00)',
          line: 5,
          element: ':62F:',
        },
      ]);
    });

    it('reports a closing balance in another currency', () => {
      const { part, warnings } = read([':20: REF ', ':25:ACC', ':60F:C090930EUR1,', ':62M:C091001USD1,']);
      expect(part.currency).toBe('EUR');
      expect(warnings).toEqual([{ code: 'CURRENCY_MISMATCH', message: 'statement :20:REF (line 1): opening balance in EUR, closing in USD', line: 4, element: ':62M:' }]);
    });
  });

  describe('refusals', () => {
    const malformed = (message: string, line: number, element: string) => ({ code: 'MALFORMED_DOCUMENT', message: `MT940: ${message}`, location: { line, element } });

    it('refuses a statement without account, opening or closing balance', () => {
      expect(refusal(['940 00', ':20:REF', ':60F:C090930EUR1,', ':62F:C090930EUR1,'])).toEqual(malformed('statement :20:REF (line 2) has no :25: account field', 2, ':25:'));
      expect(refusal(['', ':20:REF', ':25:A', ':62F:C090930EUR1,'])).toEqual(malformed('statement :20:REF (line 2) has no opening balance :60F:/:60M:', 2, ':60F:'));
      expect(refusal([':20:REF', ':25:A', ':60F:C090930EUR1,', ':64:C090930EUR1,'])).toEqual(
        malformed('statement :20:REF (line 1) has no closing balance :62F:/:62M: (the file is truncated or the statement incomplete)', 1, ':62F:'),
      );
    });

    it.each([
      [':60F:C0909EUR1,00', ':62F:C090930EUR1,', ':64:C090930EUR1,', ':60F: at line 3 is not a balance (expected C/D, YYMMDD, currency, amount with a comma): "C0909EUR1,00"', 3, ':60F:'],
      [':60F:C090930EUR1,', ':62F: X ', ':64:C090930EUR1,', ':62F: at line 4 is not a balance (expected C/D, YYMMDD, currency, amount with a comma): "X"', 4, ':62F:'],
      [':60F:C090930EUR1,', ':62F:C090930EUR1,', ':64:C090930EUR1', ':64: at line 5 is not a balance (expected C/D, YYMMDD, currency, amount with a comma): "C090930EUR1"', 5, ':64:'],
    ])('refuses a balance that cannot be read (%s %s %s)', (opening, closing, available, message, line, element) => {
      expect(refusal([':20:REF', ':25:ACC', opening, closing, available])).toEqual(malformed(message, line, element));
    });

    it('refuses an entry after the closing balance', () => {
      expect(refusal([':20:REF', ':25:ACC', ':60F:C090930EUR1,', ':62F:C090930EUR1,', ':61:0909300930C0,NTRF'])).toEqual(
        malformed(':61: at line 5 comes after the closing balance of :20:REF (line 1)', 5, ':61:'),
      );
    });

    it('refuses an entry line off the SWIFT layout, quoting its first line', () => {
      expect(refusal(around([':61:0910011001X0,NTRF', 'more']))).toEqual(
        malformed(':61: at line 4 does not follow the SWIFT layout (value date, [entry date], C/D mark, amount with a comma, type code): "0910011001X0,NTRF"', 4, ':61:'),
      );
    });

    it('refuses an impossible value or entry date', () => {
      expect(refusal(around([':61:091301C0,NTRF']))).toEqual(malformed(':61: at line 4 has an invalid value date 091301', 4, ':61:'));
      expect(refusal(around([':61:0910011301C0,NTRF']))).toEqual(malformed(':61: at line 4 has an invalid entry date 1301', 4, ':61:'));
    });
  });
});
