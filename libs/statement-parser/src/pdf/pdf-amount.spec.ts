import { readAmount, readMalformedAmount } from './pdf-amount.js';

describe(readAmount.name, () => {
  it.each([
    ['1.234,56', '1234.56', null],
    ['1 234,56', '1234.56', null],
    ['1\u00a0234,56', '1234.56', null],
    ['1,234.56', '1234.56', null],
    ["1'234.56", '1234.56', null],
    ['4 161,82', '4161.82', null],
    ['12.00-', '12.00', '-'],
    ['(412.16)', '412.16', '-'],
    ['- 3,169.04', '3169.04', '-'],
    ['+3 372,68', '3372.68', '+'],
    ['$17,120.00', '17120.00', null],
    ['£2,937.11', '2937.11', null],
    ['-£1,078.54', '1078.54', '-'],
    ['S$22,058.11', '22058.11', null],
    ['1.000.000,00', '1000000.00', null],
  ])('reads %s exactly', (text, value, sign) => {
    expect(readAmount(text)).toEqual({ value, sign, malformed: false, raw: text });
  });

  it('keeps a CR or DR mark beside the sign it gives, and no mark otherwise', () => {
    expect(readAmount('12.00 CR')).toEqual({ value: '12.00', sign: '+', mark: 'CR', malformed: false, raw: '12.00 CR' });
    expect(readAmount('12.00DR')).toEqual({ value: '12.00', sign: '-', mark: 'DR', malformed: false, raw: '12.00DR' });
    expect(readAmount('12.00 Cr')).toMatchObject({ sign: '+', mark: 'CR' });
    expect(readAmount('12.00-')).not.toHaveProperty('mark');
    expect(readAmount('(12.00)')).not.toHaveProperty('mark');
    expect(readMalformedAmount('120 00 CR')).toEqual({ value: '120.00', sign: '+', mark: 'CR', malformed: true, raw: '120 00 CR' });
  });

  it.each(['2014', '12345', '06/05/2026', '1-800-935-9935', 'HT.20140701.063716', '1,234', '12.5', '1.234.56,00', '1,234,56'])('does not take %s for money', (text) => {
    expect(readAmount(text)).toBeNull();
  });
});

describe(readMalformedAmount.name, () => {
  it.each([
    ['120 00', '120.00'],
    ['2,7843.55', '27843.55'],
    ['2,291.2 9', '2291.29'],
    ['£40,000,00', '40000.00'],
    ['44.079.83', '44079.83'],
    ['2,540.BB', null],
  ])('flags %s and reads it as %s', (text, value) => {
    expect(readMalformedAmount(text)).toMatchObject({ value, malformed: true });
  });
});
