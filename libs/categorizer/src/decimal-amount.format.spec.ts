import { decimalScale, formatAmount, toBig } from './decimal-amount.js';

describe('decimal amounts', () => {
  it.each([
    ['1250', 0],
    ['12', 0],
    ['-7', 0],
    ['1.5', 1],
    ['12.50', 2],
    ['-0.125', 3],
  ])('reads the scale of %j as %i', (amount, scale) => {
    expect(decimalScale(amount)).toBe(scale);
  });

  it('reads an explicit plus sign as a credit', () => {
    expect(toBig('+12.50').toFixed(2)).toBe('12.50');
    expect(toBig('-12.50').toFixed(2)).toBe('-12.50');
  });

  it.each([
    ['-0.001', 2, '0.00'],
    ['-0.0004', 3, '0.000'],
    ['-0.004', 2, '0.00'],
    ['-0.005', 2, '0.00'],
    ['-0.015', 2, '-0.02'],
    ['-10.00', 2, '-10.00'],
  ])('formats %s at scale %i as %j, never a negative zero', (amount, scale, text) => {
    expect(formatAmount(toBig(amount), scale)).toBe(text);
  });
});
