import { StatementParseError } from '../statement-parse.error.js';
import { meaningfulRef, readAmount, readDateChoice, readDateTimeText, readSigned } from './camt-values.js';
import { loadXml, type XmlElement } from './camt-xml.js';

/** `<R>inner</R>` parsed: R's path is /R. */
const root = (inner: string): XmlElement => loadXml(Buffer.from(`<R>${inner}</R>`, 'utf8')).find('R')!;

function failure(attempt: () => unknown): StatementParseError {
  try {
    attempt();
  } catch (err) {
    expect(err).toBeInstanceOf(StatementParseError);
    expect((err as StatementParseError).code).toBe('MALFORMED_DOCUMENT');
    return err as StatementParseError;
  }
  throw new Error('expected a StatementParseError');
}

describe(readDateChoice.name, () => {
  it('gives undefined when the choice element is absent', () => {
    expect(readDateChoice(undefined)).toBeUndefined();
    expect(readDateChoice(root('<Dt>2024-01-01</Dt>').find('BookgDt'))).toBeUndefined();
  });

  it('reads a Dt as the date and the value', () => {
    expect(readDateChoice(root('<Dt>2024-02-29</Dt>'))).toEqual({ date: '2024-02-29', value: '2024-02-29' });
  });

  it('drops the offset of a Dt from its value', () => {
    expect(readDateChoice(root('<Dt>2024-03-01+01:00</Dt>'))).toEqual({ date: '2024-03-01', value: '2024-03-01' });
    expect(readDateChoice(root('<Dt>2024-03-01Z</Dt>'))).toEqual({ date: '2024-03-01', value: '2024-03-01' });
    expect(readDateChoice(root('<Dt>2024-03-01-05:00</Dt>'))).toEqual({ date: '2024-03-01', value: '2024-03-01' });
  });

  it('keeps a DtTm as written in the value and its local calendar date as the date', () => {
    expect(readDateChoice(root('<DtTm>2014-12-31T23:15:00+01:00</DtTm>'))).toEqual({ date: '2014-12-31', value: '2014-12-31T23:15:00+01:00' });
    expect(readDateChoice(root('<DtTm>2014-12-31T00:00</DtTm>'))).toEqual({ date: '2014-12-31', value: '2014-12-31T00:00' });
    expect(readDateChoice(root('<DtTm>2014-12-31T09:05:59.123Z</DtTm>'))).toEqual({ date: '2014-12-31', value: '2014-12-31T09:05:59.123Z' });
    expect(readDateChoice(root('<DtTm>2014-12-31T19:59:00-04:00</DtTm>'))).toEqual({ date: '2014-12-31', value: '2014-12-31T19:59:00-04:00' });
  });

  it('trims the text around a date', () => {
    expect(readDateChoice(root('<Dt>\n  2024-01-05\n</Dt>'))).toEqual({ date: '2024-01-05', value: '2024-01-05' });
  });

  it('prefers Dt over DtTm when both are given', () => {
    expect(readDateChoice(root('<DtTm>2024-01-02T10:00:00</DtTm><Dt>2024-01-01</Dt>'))).toEqual({ date: '2024-01-01', value: '2024-01-01' });
  });

  it('rejects a choice with neither Dt nor DtTm, naming the parent', () => {
    const err = failure(() => readDateChoice(root('<Other>2024-01-01</Other>')));
    expect(err.message).toBe('a date (Dt or DtTm) is missing (at /R)');
    expect(err.location).toEqual({ element: '/R' });
  });

  it('rejects an empty Dt as missing', () => {
    expect(failure(() => readDateChoice(root('<Dt> </Dt>'))).message).toBe('a date (Dt or DtTm) is missing (at /R)');
    expect(failure(() => readDateChoice(root('<DtTm></DtTm>'))).message).toBe('a date (Dt or DtTm) is missing (at /R)');
  });

  it.each(['2023-02-29', '2024-02-30', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '2024-01-32'])(
    'rejects the impossible calendar date %s in a Dt, naming the Dt',
    (text) => {
      const err = failure(() => readDateChoice(root(`<Dt>${text}</Dt>`)));
      expect(err.message).toBe(`invalid date "${text}" (at /R/Dt)`);
      expect(err.location).toEqual({ element: '/R/Dt' });
    },
  );

  it.each(['0050-01-01', '0099-12-31'])('rejects the year of %s, which a JavaScript date would read as 19xx', (text) => {
    expect(failure(() => readDateChoice(root(`<Dt>${text}</Dt>`))).message).toBe(`invalid date "${text}" (at /R/Dt)`);
  });

  it('accepts the earliest four-digit years a JavaScript date keeps', () => {
    expect(readDateChoice(root('<Dt>0100-01-01</Dt>'))).toEqual({ date: '0100-01-01', value: '0100-01-01' });
  });

  it.each(['2024-1-01', '20240101', '24-01-01', '2024-01-01T10:00:00', '2024-01-01+0100', 'x2024-01-01', '2024-01-01x', '01.01.2024'])(
    'rejects %s as a Dt',
    (text) => {
      expect(failure(() => readDateChoice(root(`<Dt>${text}</Dt>`))).message).toBe(`invalid date "${text}" (at /R/Dt)`);
    },
  );

  it.each([
    '2024-01-01',
    '2024-01-01T24:00:00',
    '2024-01-01T25:00:00',
    '2024-01-01T10:60:00',
    '2024-01-01T10:00:60',
    '2024-01-01T10',
    '2024-01-01T10:00:00.',
    '2024-01-01T10:00:00+0100',
    '2024-01-01 10:00:00',
    'x2024-01-01T10:00:00',
    '2024-01-01T10:00:00Zx',
    '2023-02-29T10:00:00',
  ])('rejects %s as a DtTm, naming the DtTm', (text) => {
    const err = failure(() => readDateChoice(root(`<DtTm>${text}</DtTm>`)));
    expect(err.message).toBe(`invalid date "${text}" (at /R/DtTm)`);
  });

  it.each(['2024-01-01T00:00:00', '2024-01-01T19:00:00', '2024-01-01T20:00:00', '2024-01-01T23:59:59', '2024-01-01T09:59'])(
    'accepts the time of day in %s',
    (text) => {
      expect(readDateChoice(root(`<DtTm>${text}</DtTm>`))).toEqual({ date: '2024-01-01', value: text });
    },
  );
});

describe(readDateTimeText.name, () => {
  it('gives undefined for an absent or empty element', () => {
    expect(readDateTimeText(undefined)).toBeUndefined();
    expect(readDateTimeText(root('<FrDtTm></FrDtTm>').find('FrDtTm'))).toBeUndefined();
  });

  it('gives the calendar date of a date-time, keeping the local date whatever the offset', () => {
    expect(readDateTimeText(root('<X>2023-06-20T00:00:00+02:00</X>').find('X'))).toBe('2023-06-20');
    expect(readDateTimeText(root('<X>2023-06-20T23:59:59.999-10:00</X>').find('X'))).toBe('2023-06-20');
  });

  it('accepts a plain date, with or without an offset', () => {
    expect(readDateTimeText(root('<X>2023-06-20</X>').find('X'))).toBe('2023-06-20');
    expect(readDateTimeText(root('<X>2023-06-20+02:00</X>').find('X'))).toBe('2023-06-20');
  });

  it.each(['2023-06-31T00:00:00', '2023-06-31', '2023-06-20T25:00:00', 'yesterday', '2023-06-20T10:00:00x'])(
    'rejects %s, naming the element',
    (text) => {
      const err = failure(() => readDateTimeText(root(`<X>${text}</X>`).find('X')));
      expect(err.message).toBe(`invalid date-time "${text}" (at /R/X)`);
      expect(err.location).toEqual({ element: '/R/X' });
    },
  );
});

describe(readAmount.name, () => {
  const amt = (xml: string) => root(xml).find('Amt');

  it('normalises the amount and upper-cases its currency', () => {
    expect(readAmount(amt('<Amt Ccy="EUR">8.850</Amt>'), '/R')).toEqual({ value: '8.85', currency: 'EUR' });
    expect(readAmount(amt('<Amt Ccy="chf">38</Amt>'), '/R')).toEqual({ value: '38.00', currency: 'CHF' });
    expect(readAmount(amt('<Amt Ccy="EUR">0</Amt>'), '/R')).toEqual({ value: '0.00', currency: 'EUR' });
    expect(readAmount(amt('<Amt Ccy="KWD">1.234</Amt>'), '/R')).toEqual({ value: '1.234', currency: 'KWD' });
    expect(readAmount(amt('<Amt Ccy="EUR">0012.50</Amt>'), '/R')).toEqual({ value: '12.50', currency: 'EUR' });
  });

  it('trims the amount text and the currency attribute', () => {
    expect(readAmount(amt('<Amt Ccy=" usd "> 12.3 </Amt>'), '/R')).toEqual({ value: '12.30', currency: 'USD' });
  });

  it('gives no currency when Ccy is absent, empty or "XXX"', () => {
    expect(readAmount(amt('<Amt>1.00</Amt>'), '/R')).toEqual({ value: '1.00', currency: undefined });
    expect(readAmount(amt('<Amt Ccy="">1.00</Amt>'), '/R')).toEqual({ value: '1.00', currency: undefined });
    expect(readAmount(amt('<Amt Ccy="XXX">1.00</Amt>'), '/R')).toEqual({ value: '1.00', currency: undefined });
    expect(readAmount(amt('<Amt Ccy="xxx">1.00</Amt>'), '/R')).toEqual({ value: '1.00', currency: undefined });
  });

  it('names the missing amount and the parent it is missing from', () => {
    const err = failure(() => readAmount(undefined, '/Doc/Ntry[2]'));
    expect(err.message).toBe('the amount Amt is missing (at /Doc/Ntry[2])');
    expect(err.location).toEqual({ element: '/Doc/Ntry[2]' });
    expect(failure(() => readAmount(undefined, '/P', 'TxAmt')).message).toBe('the amount TxAmt is missing (at /P)');
  });

  it('treats an empty amount as missing', () => {
    expect(failure(() => readAmount(amt('<Amt Ccy="EUR"> </Amt>'), '/R')).message).toBe('the amount Amt is missing (at /R)');
  });

  it.each(['-1.00', '+1.00', '1,00', '1.', '.5', '1e3', '1 000.00', 'EUR 1.00', '1.00EUR', 'one', '0x10', '1.2.3'])(
    'rejects the amount "%s", naming the element',
    (text) => {
      const err = failure(() => readAmount(amt(`<Amt Ccy="EUR">${text}</Amt>`), '/R'));
      expect(err.message).toBe(`invalid amount "${text}" (at /R/Amt)`);
      expect(err.location).toEqual({ element: '/R/Amt' });
    },
  );

  it.each(['EURO', 'EU', 'E1R', 'E R', '€'])('rejects the currency "%s", naming the element', (ccy) => {
    const err = failure(() => readAmount(amt(`<Amt Ccy="${ccy}">1.00</Amt>`), '/R'));
    expect(err.message).toBe(`invalid currency "${ccy.toUpperCase()}" (at /R/Amt)`);
  });
});

describe(readSigned.name, () => {
  it('keeps the amount of a credit', () => {
    expect(readSigned(root('<CdtDbtInd>CRDT</CdtDbtInd>'), '8.85')).toBe('8.85');
  });

  it('negates the amount of a debit', () => {
    expect(readSigned(root('<CdtDbtInd>DBIT</CdtDbtInd>'), '8.85')).toBe('-8.85');
    expect(readSigned(root('<CdtDbtInd> DBIT </CdtDbtInd>'), '1234.500')).toBe('-1234.50');
  });

  it('never writes a negative zero', () => {
    expect(readSigned(root('<CdtDbtInd>DBIT</CdtDbtInd>'), '0.00')).toBe('0.00');
  });

  it('rejects a missing or empty indicator, naming the parent', () => {
    const err = failure(() => readSigned(root('<Amt>1</Amt>'), '1.00'));
    expect(err.message).toBe('CdtDbtInd (CRDT or DBIT) is missing (at /R)');
    expect(err.location).toEqual({ element: '/R' });
    expect(failure(() => readSigned(root('<CdtDbtInd></CdtDbtInd>'), '1.00')).message).toBe('CdtDbtInd (CRDT or DBIT) is missing (at /R)');
  });

  it.each(['crdt', 'dbit', 'CREDIT', 'D', 'C'])('rejects the indicator "%s", naming it', (text) => {
    const err = failure(() => readSigned(root(`<CdtDbtInd>${text}</CdtDbtInd>`), '1.00'));
    expect(err.message).toBe(`invalid CdtDbtInd "${text}", expected CRDT or DBIT (at /R/CdtDbtInd)`);
    expect(err.location).toEqual({ element: '/R/CdtDbtInd' });
  });
});

describe(meaningfulRef.name, () => {
  it.each(['NONREF', 'nonref', 'NotProvided', 'NOTPROVIDED', 'NOT PROVIDED', 'none', 'NONE', 'N/A', 'n/a'])('drops the placeholder %s', (text) => {
    expect(meaningfulRef(text)).toBeUndefined();
  });

  it('keeps a real reference as written', () => {
    expect(meaningfulRef('AAAASESS-FP-CN_98765/01')).toBe('AAAASESS-FP-CN_98765/01');
    expect(meaningfulRef('NONREF1')).toBe('NONREF1');
    expect(meaningfulRef('NA')).toBe('NA');
    expect(meaningfulRef('nonref-2024')).toBe('nonref-2024');
  });

  it('gives undefined for no reference', () => {
    expect(meaningfulRef(undefined)).toBeUndefined();
  });
});
