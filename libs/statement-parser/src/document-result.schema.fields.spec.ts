import { documentResultSchema, documentTransactionSchema } from './document-result.schema.js';

/* Each field rule of the Document Processor's answer, on both sides of its edge, with the message a client reads. */

const tx = { id: 'tx-1', date: '2024-03-01', amount: '-54.37', currency: 'EUR', label: 'CB CARREFOUR', raw: {} };
const issues = (value: unknown) => documentTransactionSchema.safeParse(value).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

describe('documentTransactionSchema', () => {
  it.each(['12', '-12', '0.5', '-1234567.891'])('accepts the decimal string %j', (amount) => {
    expect(issues({ ...tx, amount })).toEqual([]);
  });

  it.each(['12.', '.5', '+1.00', '1e3', '1 000.00', '12.00 ', 'x12.00'])('refuses the amount %j, saying what it must be', (amount) => {
    expect(issues({ ...tx, amount })).toEqual([['amount', 'must be a decimal string (no float, no thousands separator)']]);
  });

  it.each(['2024-03-01T10:00:00Z', 'on 2024-03-01', '2024-3-1'])('refuses the date %j', (date) => {
    expect(issues({ ...tx, date })).toEqual([['date', 'must be a date YYYY-MM-DD']]);
  });

  it.each(['EURO', 'xEUR', 'eur', 'EU'])('refuses the currency %j', (currency) => {
    expect(issues({ ...tx, currency })).toEqual([['currency', 'must be an ISO 4217 code']]);
  });

  it('takes raw as the source fields or the source text', () => {
    expect(issues({ ...tx, raw: 'line 12 of the file' })).toEqual([]);
    expect(issues({ ...tx, raw: 42 }).map(([path]) => path)).toEqual(['raw']);
  });
});

describe('documentResultSchema', () => {
  const valid = { account: { id: 'FR76' }, period: { start: null, end: null }, currency: 'EUR', transactions: [tx] };

  it.each(['ofx', 'camt', 'csv', 'qif', 'mt940', 'pdf'])('accepts the format %j', (format) => {
    expect(documentResultSchema.safeParse({ ...valid, format }).success).toBe(true);
  });

  it('refuses a warning without its code or message', () => {
    for (const warning of [{ message: 'm' }, { code: 'C' }]) {
      expect(documentResultSchema.safeParse({ ...valid, warnings: [warning] }).success).toBe(false);
    }
    expect(documentResultSchema.safeParse({ ...valid, warnings: [{ code: 'C', message: 'm', line: 3 }] }).success).toBe(true);
  });
});
