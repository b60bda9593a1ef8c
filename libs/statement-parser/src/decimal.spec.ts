import { normalizeDecimal, parseLocalizedDecimal, sumDecimals } from './decimal.js';

describe('decimal', () => {
  it.each([
    ['8.850', '8.85'],
    ['905.3', '905.30'],
    ['38', '38.00'],
    ['0.12345', '0.12345'],
    ['-0.00', '0.00'],
    ['000000000473.17', '473.17'],
  ])('normalises %s to %s exactly', (input, expected) => {
    expect(normalizeDecimal(input)).toBe(expected);
  });

  it.each([
    ['-123 456,78', ',', '-123456.78'],
    ['1\u00a0234,5', ',', '1234.50'],
    ['1.234,56', ',', '1234.56'],
    ['+3500,00', ',', '3500.00'],
    [' 2150,5', ',', '2150.50'],
    ['-6,4', ',', '-6.40'],
    ['1,234.56', '.', '1234.56'],
    ['12,50 €', ',', '12.50'],
    ['\u221212,00', ',', '-12.00'],
  ] as const)('reads the bank amount %j with decimal %s as %s', (input, separator, expected) => {
    expect(parseLocalizedDecimal(input, separator)).toBe(expected);
  });

  it.each([['1,2,3'], ['12.34.5'], ['abc'], [''], ['1.2345,6'], ['--5']])('refuses %j', (input) => {
    expect(parseLocalizedDecimal(input, ',')).toBeNull();
  });

  it('adds without binary rounding', () => {
    expect(sumDecimals(['0.10', '0.20'])).toBe('0.30');
  });
});
