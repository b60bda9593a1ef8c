import Big from 'big.js';

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

export function isDecimalString(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL.test(value);
}

/** Digits after the point, so sums keep the precision their inputs had (at least 2). */
export function decimalScale(value: string): number {
  const point = value.indexOf('.');
  return point === -1 ? 0 : value.length - point - 1;
}

export function toBig(value: string): Big {
  return new Big(value.startsWith('+') ? value.slice(1) : value);
}

export function formatAmount(value: Big, scale: number): string {
  const text = value.toFixed(Math.max(2, scale), Big.roundHalfEven);
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

export { Big };
