import { isZeroDecimal, normalizeDecimal, parseLocalizedDecimal } from './decimal.js';

describe(parseLocalizedDecimal.name, () => {
  it('reads a trailing minus, as some banks print debits, with or without a space before it', () => {
    expect(parseLocalizedDecimal('12,50-', ',')).toBe('-12.50');
    expect(parseLocalizedDecimal('1.234,50 -', ',')).toBe('-1234.50');
    expect(parseLocalizedDecimal('7.00-', '.')).toBe('-7.00');
  });

  it('reads an explicit plus sign, as OFX and CAMT files write it', () => {
    expect(parseLocalizedDecimal('+12.5', '.')).toBe('12.50');
    expect(normalizeDecimal('+12.5')).toBe('12.50');
    expect(normalizeDecimal('+.5')).toBe('0.50');
  });

  it('reads a sign followed by a space', () => {
    expect(parseLocalizedDecimal('- 12,50', ',')).toBe('-12.50');
    expect(parseLocalizedDecimal('+ 3.10', '.')).toBe('3.10');
  });

  it('keeps an amount of 64 characters padded with blanks, and refuses a longer one', () => {
    expect(parseLocalizedDecimal(`${' '.repeat(100)}12.50${' '.repeat(100)}`, '.')).toBe('12.50');
    const digits64 = `1${'0'.repeat(60)}.00`;
    expect(digits64).toHaveLength(64);
    expect(parseLocalizedDecimal(digits64, '.')).toBe(digits64);
    expect(parseLocalizedDecimal(`1${digits64}`, '.')).toBeNull();
    expect(parseLocalizedDecimal(` ${digits64} `, '.')).toBe(digits64);
  });

  it('refuses a lone separator or sign', () => {
    for (const text of [',', '-', '+', '.', '-,']) expect(parseLocalizedDecimal(text, ',')).toBeNull();
  });
});

describe(isZeroDecimal.name, () => {
  it('tells zero in any spelling from a cent', () => {
    expect(['0', '0.00', '-0.00', '000.0'].map(isZeroDecimal)).toEqual([true, true, true, true]);
    expect(['0.01', '-0.01', '10'].map(isZeroDecimal)).toEqual([false, false, false]);
  });
});
