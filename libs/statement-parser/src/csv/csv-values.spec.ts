import { detectDateFormat, detectDecimalSeparator, looksLikeDate, parseAmount, parseDate } from './csv-values.js';

/*
 * The date and decimal readers one value at a time: the parser's specs go through whole files, where a format that
 * reads one more or one fewer spelling, or a separator guessed from the wrong evidence, can still give the same rows.
 */

describe(parseDate.name, () => {
  it.each([
    ['2024-03-15', 'YYYY-MM-DD', '2024-03-15'],
    ['2024-3-5', 'YYYY-MM-DD', '2024-03-05'],
    ['0999-01-05', 'YYYY-MM-DD', '0999-01-05'],
    ['15/03/2024', 'DD/MM/YYYY', '2024-03-15'],
    ['5/3/2024', 'DD/MM/YYYY', '2024-03-05'],
    ['03/15/2024', 'MM/DD/YYYY', '2024-03-15'],
    ['3/5/2024', 'MM/DD/YYYY', '2024-03-05'],
    ['15.03.2024', 'DD.MM.YYYY', '2024-03-15'],
    ['15-03-2024', 'DD-MM-YYYY', '2024-03-15'],
    ['15/03/24', 'DD/MM/YY', '2024-03-15'],
    ['01/12/99', 'DD/MM/YY', '2099-12-01'],
    ['  15/03/2024 ', 'DD/MM/YYYY', '2024-03-15'],
  ] as const)('reads %j as %s into %s', (text, format, iso) => {
    expect(parseDate(text, format)).toBe(iso);
  });

  it('reads the same digits day-first or month-first as told', () => {
    expect(parseDate('04/05/2024', 'DD/MM/YYYY')).toBe('2024-05-04');
    expect(parseDate('04/05/2024', 'MM/DD/YYYY')).toBe('2024-04-05');
  });

  it.each([
    ['2024-03-15 09:41', '2024-03-15'],
    ['2024-03-15T09:41', '2024-03-15'],
    ['2024-03-15 9:41', '2024-03-15'],
    ['2024-03-15 23:59:59', '2024-03-15'],
    ['2024-03-15 00:00:00.5', '2024-03-15'],
    ['2024-03-15T09:41:07.123456Z', '2024-03-15'],
    ['2024-03-15T09:41Z', '2024-03-15'],
    ['2024-03-15T09:41:07+0100', '2024-03-15'],
    ['2024-03-15T09:41:07-05:00', '2024-03-15'],
  ])('keeps the date of the timestamp %j', (text, iso) => {
    expect(parseDate(text, 'YYYY-MM-DD')).toBe(iso);
  });

  it.each([
    '2024-03-15 24:00',
    '2024-03-15 10:60',
    '2024-03-15 10:00:60',
    '2024-03-15 23:60:00',
    '2024-03-15 24:59:59',
    '2024-03-15 100:00',
    '2024-03-15 10:5',
    '2024-03-15 10:05:7',
    '2024-03-15X10:05',
    '2024-03-15 10:05:07.',
    '2024-03-15 10:05+01',
    '2024-03-15 10:05 +01:00',
  ])('refuses the timestamp %j', (text) => {
    expect(parseDate(text, 'YYYY-MM-DD')).toBeNull();
  });

  it.each([
    ['2024-02-29', 'YYYY-MM-DD', '2024-02-29'],
    ['29/02/2024', 'DD/MM/YYYY', '2024-02-29'],
    ['31/12/2024', 'DD/MM/YYYY', '2024-12-31'],
    ['01/01/2024', 'DD/MM/YYYY', '2024-01-01'],
  ] as const)('reads the calendar edge %j', (text, format, iso) => {
    expect(parseDate(text, format)).toBe(iso);
  });

  it.each([
    ['2023-02-29', 'YYYY-MM-DD'],
    ['31/04/2024', 'DD/MM/YYYY'],
    ['32/01/2024', 'DD/MM/YYYY'],
    ['00/01/2024', 'DD/MM/YYYY'],
    ['15/00/2024', 'DD/MM/YYYY'],
    ['15/13/2024', 'DD/MM/YYYY'],
    ['15/03/2024', 'MM/DD/YYYY'],
    ['2024-13-01', 'YYYY-MM-DD'],
    ['2024-00-10', 'YYYY-MM-DD'],
    ['30/02/24', 'DD/MM/YY'],
  ] as const)('refuses %j, which is no day of the calendar in %s', (text, format) => {
    expect(parseDate(text, format)).toBeNull();
  });

  it.each([
    ['24-03-15', 'YYYY-MM-DD'],
    ['999-03-15', 'YYYY-MM-DD'],
    ['02024-03-15', 'YYYY-MM-DD'],
    ['2024-003-15', 'YYYY-MM-DD'],
    ['2024-03-015', 'YYYY-MM-DD'],
    ['2024/03/15', 'YYYY-MM-DD'],
    ['x2024-03-15', 'YYYY-MM-DD'],
    ['2024-03-15x', 'YYYY-MM-DD'],
    ['15.03.2024', 'DD/MM/YYYY'],
    ['15/03/24', 'DD/MM/YYYY'],
    ['015/03/2024', 'DD/MM/YYYY'],
    ['15/03/20244', 'MM/DD/YYYY'],
    ['15/03/2024', 'DD.MM.YYYY'],
    ['15x03x2024', 'DD.MM.YYYY'],
    ['15/03/2024', 'DD-MM-YYYY'],
    ['15-03-24', 'DD-MM-YYYY'],
    ['15-03-999', 'DD-MM-YYYY'],
    ['15/03/2024', 'DD/MM/YY'],
    ['15-03-24', 'DD/MM/YY'],
    ['', 'YYYY-MM-DD'],
  ] as const)('refuses %j, which is not written as %s', (text, format) => {
    expect(parseDate(text, format)).toBeNull();
  });

  it('reads a time after every date format', () => {
    expect(parseDate('15/03/2024 08:00', 'DD/MM/YYYY')).toBe('2024-03-15');
    expect(parseDate('03/15/2024 08:00:00', 'MM/DD/YYYY')).toBe('2024-03-15');
    expect(parseDate('15.03.2024 08:00', 'DD.MM.YYYY')).toBe('2024-03-15');
    expect(parseDate('15-03-2024T08:00', 'DD-MM-YYYY')).toBe('2024-03-15');
    expect(parseDate('15/03/24 08:00', 'DD/MM/YY')).toBe('2024-03-15');
    expect(parseDate('15/03/24 25:00', 'DD/MM/YY')).toBeNull();
  });
});

describe(detectDateFormat.name, () => {
  it.each([
    [['2024-01-05', '2024-01-06'], 'YYYY-MM-DD'],
    [['05/01/2024', '06/01/2024'], 'DD/MM/YYYY'],
    [['12/31/2024', '01/01/2025'], 'MM/DD/YYYY'],
    [['05.01.2024'], 'DD.MM.YYYY'],
    [['05-01-2024'], 'DD-MM-YYYY'],
    [['05/01/24', '31/12/24'], 'DD/MM/YY'],
  ])('names the format of %j', (values, format) => {
    expect(detectDateFormat(values)).toBe(format);
  });

  it('reads slash dates day-first until a value only makes sense month-first', () => {
    expect(detectDateFormat(['01/02/2024', '03/04/2024'])).toBe('DD/MM/YYYY');
    expect(detectDateFormat(['01/02/2024', '02/13/2024'])).toBe('MM/DD/YYYY');
  });

  it('ignores blank values and needs every other one to be read', () => {
    expect(detectDateFormat(['', '   ', '2024-01-05', ' 2024-01-06 '])).toBe('YYYY-MM-DD');
    expect(detectDateFormat(['2024-01-05', '15/03/2024'])).toBeNull();
    expect(detectDateFormat(['13/13/2024', '01/02/2024'])).toBeNull();
    expect(detectDateFormat(['CAFE'])).toBeNull();
  });

  it('finds no format when there is no value', () => {
    expect(detectDateFormat([])).toBeNull();
    expect(detectDateFormat(['', '  '])).toBeNull();
  });
});

describe(looksLikeDate.name, () => {
  it('tells a date in any known format from other cells', () => {
    expect(looksLikeDate('15/03/2024')).toBe(true);
    expect(looksLikeDate('2024-03-15 10:00')).toBe(true);
    expect(looksLikeDate('15.03.24')).toBe(false);
    expect(looksLikeDate('-4,50')).toBe(false);
    expect(looksLikeDate('')).toBe(false);
  });
});

describe(detectDecimalSeparator.name, () => {
  it('takes the last of a comma and a dot as the decimal separator', () => {
    expect(detectDecimalSeparator(['1.234,56'], '.')).toBe(',');
    expect(detectDecimalSeparator(['1,234.56'], ',')).toBe('.');
    expect(detectDecimalSeparator(['1 234,56'], '.')).toBe(',');
  });

  it('reads one, two or four and more digits after a lone separator as decimals', () => {
    expect(detectDecimalSeparator(['-6,4'], '.')).toBe(',');
    expect(detectDecimalSeparator(['12,34'], '.')).toBe(',');
    expect(detectDecimalSeparator(['0,1234'], '.')).toBe(',');
    expect(detectDecimalSeparator(['-9.5'], ',')).toBe('.');
    expect(detectDecimalSeparator(['12.34'], ',')).toBe('.');
    expect(detectDecimalSeparator(['0.12345'], ',')).toBe('.');
  });

  it('keeps the fallback when three digits follow a lone separator (a thousands group as much as decimals)', () => {
    expect(detectDecimalSeparator(['1,234'], '.')).toBe('.');
    expect(detectDecimalSeparator(['1.234'], ',')).toBe(',');
    expect(detectDecimalSeparator(['1234', '-20', ''], ',')).toBe(',');
    expect(detectDecimalSeparator(['1234', '-20', ''], '.')).toBe('.');
  });

  it('only counts a separator that ends the value', () => {
    expect(detectDecimalSeparator(['12,34 EUR'], '.')).toBe('.');
    expect(detectDecimalSeparator(['12.34 EUR'], ',')).toBe(',');
    expect(detectDecimalSeparator([' 12,34 '], '.')).toBe(',');
    expect(detectDecimalSeparator(['\t12.34 '], ',')).toBe('.');
  });

  it('follows the majority of the values and the fallback on a tie', () => {
    expect(detectDecimalSeparator(['1,50', '2,50', '3.50'], '.')).toBe(',');
    expect(detectDecimalSeparator(['1.50', '2.50', '3,50'], ',')).toBe('.');
    expect(detectDecimalSeparator(['1,50', '2.50'], ',')).toBe(',');
    expect(detectDecimalSeparator(['1,50', '2.50'], '.')).toBe('.');
    expect(detectDecimalSeparator(['1.234,50', '9.5', '2,5'], '.')).toBe(',');
    expect(detectDecimalSeparator(['1,234.50', '9,5', '2.5'], ',')).toBe('.');
    expect(detectDecimalSeparator([], ',')).toBe(',');
  });
});

describe(parseAmount.name, () => {
  it('reads an amount with the separator it is told', () => {
    expect(parseAmount('-1 234,56', ',')).toBe('-1234.56');
    expect(parseAmount('1,234.56', '.')).toBe('1234.56');
    expect(parseAmount('12', ',')).toBe('12.00');
    expect(parseAmount('4,50', '.')).toBeNull();
    expect(parseAmount('CAFE', ',')).toBeNull();
  });
});
