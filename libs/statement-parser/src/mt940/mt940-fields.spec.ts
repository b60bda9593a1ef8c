import { entryDate, parseBalance, parseEntryLine, parseSwiftAmount, parseSwiftDate } from './mt940-fields.js';

describe(parseSwiftDate.name, () => {
  it.each([
    ['090401', '2009-04-01'],
    ['991231', '1999-12-31'],
    ['490101', '2049-01-01'],
    ['500101', '1950-01-01'],
    ['000101', '2000-01-01'],
    ['240229', '2024-02-29'],
    ['230228', '2023-02-28'],
  ])('reads %s as %s', (text, date) => {
    expect(parseSwiftDate(text)).toEqual({ date });
  });

  it.each([
    ['230229', '2023-02-28'],
    ['230230', '2023-02-28'],
    ['230231', '2023-02-28'],
    ['240230', '2024-02-29'],
    ['240231', '2024-02-29'],
  ])('moves the non-existent %s to the end of February (%s) and says so', (text, date) => {
    expect(parseSwiftDate(text)).toEqual({ date, adjustedFrom: text });
  });

  it.each(['230232', '230431', '230631', '231301', '230001', '230100', '2304011', '23041', 'ab0401', '', ' 230401'])('refuses %j', (text) => {
    expect(parseSwiftDate(text)).toBeNull();
  });
});

describe(entryDate.name, () => {
  it.each([
    ['2009-04-01', '0402', '2009-04-02'],
    ['2009-04-01', '0331', '2009-03-31'],
    ['2005-03-01', '0302', '2005-03-02'],
    // Across New Year, both ways.
    ['2009-12-31', '0102', '2010-01-02'],
    ['2010-01-02', '1231', '2009-12-31'],
    ['2000-01-03', '1231', '1999-12-31'],
    // Six months apart stays in the same year; seven moves it.
    ['2009-01-15', '0715', '2009-07-15'],
    ['2009-01-15', '0815', '2008-08-15'],
    ['2009-07-15', '0115', '2009-01-15'],
    ['2009-08-15', '0115', '2010-01-15'],
  ])('dates the entry of value date %s written %s on %s', (valueDate, mmdd, date) => {
    expect(entryDate(valueDate, mmdd)).toEqual({ date });
  });

  it('clamps a Feb 29 entry date in a common year', () => {
    expect(entryDate('2023-02-28', '0229')).toEqual({ date: '2023-02-28', adjustedFrom: '230229' });
  });

  it.each([['2009-04-01', '1301'], ['2009-04-01', '0431'], ['2009-04-01', '04x1']])('refuses the entry date %s/%s', (valueDate, mmdd) => {
    expect(entryDate(valueDate, mmdd)).toBeNull();
  });
});

describe(parseSwiftAmount.name, () => {
  it.each([
    ['6800,', '6800.00'],
    ['620,3', '620.30'],
    ['000000000473,17', '473.17'],
    ['0,', '0.00'],
    ['1,234', '1.234'],
    ['12,50', '12.50'],
  ])('reads %s as %s', (text, expected) => {
    expect(parseSwiftAmount(text)).toBe(expected);
  });

  it.each(['6800', '6800.00', '-5,00', '+5,00', '1,2,3', ',5', '', ' 5,00', '5,00 ', '1.000,00', 'a,00'])('refuses %j', (text) => {
    expect(parseSwiftAmount(text)).toBeNull();
  });
});

describe(parseBalance.name, () => {
  it('reads a credit balance', () => {
    expect(parseBalance('C090930EUR1000,00')).toEqual({ mark: 'C', date: { date: '2009-09-30' }, currency: 'EUR', amount: '1000.00' });
  });

  it('gives a debit balance a minus sign', () => {
    expect(parseBalance('D090930EUR1000,5')).toEqual({ mark: 'D', date: { date: '2009-09-30' }, currency: 'EUR', amount: '-1000.50' });
    expect(parseBalance('D090930USD0,10')).toEqual({ mark: 'D', date: { date: '2009-09-30' }, currency: 'USD', amount: '-0.10' });
    expect(parseBalance('D090930USD0,05')).toEqual({ mark: 'D', date: { date: '2009-09-30' }, currency: 'USD', amount: '-0.05' });
    expect(parseBalance('D090930USD10,00')).toEqual({ mark: 'D', date: { date: '2009-09-30' }, currency: 'USD', amount: '-10.00' });
  });

  it.each(['D090930EUR0,00', 'D090930EUR0,', 'D090930EUR000,000'])('does not write a zero debit balance %s as -0', (value) => {
    expect(parseBalance(value)).toEqual({ mark: 'D', date: { date: '2009-09-30' }, currency: 'EUR', amount: '0.00' });
  });

  it('ignores surrounding blanks', () => {
    expect(parseBalance(' C090930EUR5, \n')).toEqual({ mark: 'C', date: { date: '2009-09-30' }, currency: 'EUR', amount: '5.00' });
  });

  it('keeps the February clamp of the balance date', () => {
    expect(parseBalance('C230230EUR1,00')).toEqual({ mark: 'C', date: { date: '2023-02-28', adjustedFrom: '230230' }, currency: 'EUR', amount: '1.00' });
  });

  it('accepts an amount of 17 characters, the 15d maximum with its comma', () => {
    expect(parseBalance('C090930EUR1234567890123456,')).toEqual({ mark: 'C', date: { date: '2009-09-30' }, currency: 'EUR', amount: '1234567890123456.00' });
  });

  it.each([
    'X090930EUR1,00',
    'c090930EUR1,00',
    'C0909EUR1,00',
    'C090930eur1,00',
    'C090930EU1,00',
    'C090930EUR1.00',
    'C090930EUR1000',
    'C091331EUR1,00',
    'C090931EUR1,00',
    'C090930EUR',
    'C090930EUR,50',
    'C090930EUR1,00X',
    'C090930EUR12345678901234567,',
    '1C090930EUR1,00',
    '',
  ])('refuses %j', (value) => {
    expect(parseBalance(value)).toBeNull();
  });
});

describe(parseEntryLine.name, () => {
  it('reads every part of a full :61: line and its second line', () => {
    expect(parseEntryLine('0909300930D1000,00NTRFNONREF//BANKREF123\nEXTRA INFO')).toEqual({
      valueDateText: '090930',
      entryDateText: '0930',
      mark: 'D',
      amount: '-1000.00',
      typeCode: 'NTRF',
      customerReference: 'NONREF',
      bankReference: 'BANKREF123',
      supplementary: 'EXTRA INFO',
    });
  });

  it('leaves out the optional parts that are absent', () => {
    expect(parseEntryLine('090930C500,NMSCREF')).toEqual({
      valueDateText: '090930',
      mark: 'C',
      amount: '500.00',
      typeCode: 'NMSC',
      customerReference: 'REF',
    });
  });

  it('reads the funds code after the mark', () => {
    expect(parseEntryLine('0909300930DR123,45NTRFNONREF')).toEqual({
      valueDateText: '090930',
      entryDateText: '0930',
      mark: 'D',
      fundsCode: 'R',
      amount: '-123.45',
      typeCode: 'NTRF',
      customerReference: 'NONREF',
    });
  });

  it.each([
    ['RC', '-12.50'],
    ['RD', '12.50'],
    ['C', '12.50'],
    ['D', '-12.50'],
  ])('signs a %s entry %s', (mark, amount) => {
    expect(parseEntryLine(`090930${mark}12,5NTRFREF`)).toEqual({ valueDateText: '090930', mark, amount, typeCode: 'NTRF', customerReference: 'REF' });
  });

  it('does not write a zero debit as -0', () => {
    expect(parseEntryLine('090930D0,NTRFREF')).toMatchObject({ mark: 'D', amount: '0.00' });
    expect(parseEntryLine('090930RC0,00NTRFREF')).toMatchObject({ mark: 'RC', amount: '0.00' });
    expect(parseEntryLine('090930D0,05NTRFREF')).toMatchObject({ mark: 'D', amount: '-0.05' });
    expect(parseEntryLine('090930D10,NTRFREF')).toMatchObject({ mark: 'D', amount: '-10.00' });
  });

  it('accepts a blank before the amount and a type code with digits', () => {
    expect(parseEntryLine('090930C 12,50N051REF')).toEqual({ valueDateText: '090930', mark: 'C', amount: '12.50', typeCode: 'N051', customerReference: 'REF' });
  });

  it('cuts a reference without // at 16 characters and keeps the rest as supplementary details', () => {
    expect(parseEntryLine('090930C1,NTRFABCDEFGHIJKLMNOPQRST')).toEqual({
      valueDateText: '090930',
      mark: 'C',
      amount: '1.00',
      typeCode: 'NTRF',
      customerReference: 'ABCDEFGHIJKLMNOP',
      supplementary: 'QRST',
    });
  });

  it('keeps the text after the bank reference and every further line as supplementary details', () => {
    expect(parseEntryLine('090930C1,NTRFNONREF//BANK1  more text  \n\n  second line \nthird')).toEqual({
      valueDateText: '090930',
      mark: 'C',
      amount: '1.00',
      typeCode: 'NTRF',
      customerReference: 'NONREF',
      bankReference: 'BANK1',
      supplementary: 'more text second line third',
    });
  });

  it('gives no bank reference for an empty one after //', () => {
    expect(parseEntryLine('090930C1,NTRFNONREF// x')).toEqual({
      valueDateText: '090930',
      mark: 'C',
      amount: '1.00',
      typeCode: 'NTRF',
      customerReference: 'NONREF',
      supplementary: 'x',
    });
  });

  it('trims the reference and the blanks ending the first line', () => {
    expect(parseEntryLine('090930C1,NTRFNONREF   \r')).toEqual({ valueDateText: '090930', mark: 'C', amount: '1.00', typeCode: 'NTRF', customerReference: 'NONREF' });
  });

  it('trims the blanks around a reference before //', () => {
    expect(parseEntryLine('090930C1,NTRF REF //B1')).toEqual({ valueDateText: '090930', mark: 'C', amount: '1.00', typeCode: 'NTRF', customerReference: 'REF', bankReference: 'B1' });
  });

  it('reads a line with no reference at all', () => {
    expect(parseEntryLine('090930C1,NTRF')).toEqual({ valueDateText: '090930', mark: 'C', amount: '1.00', typeCode: 'NTRF', customerReference: '' });
  });

  it.each([
    '0909300930X1000,00NTRFNONREF',
    '090930D1000.00NTRFNONREF',
    '090930D1000NTRFNONREF',
    '090930D,50NTRFNONREF',
    '09093D1,00NTRFNONREF',
    '090930D1,00ntrfNONREF',
    '090930D1,00NTR',
    '090930D1234567890123456,NTRF',
    'x090930D1,00NTRFNONREF',
    '',
  ])('refuses %j', (value) => {
    expect(parseEntryLine(value)).toBeNull();
  });
});
