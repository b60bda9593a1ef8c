import Big from 'big.js';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { parseDocument } from '../statement-parser.js';
import type { ParsedDocument, ParsedStatementPart } from '../statement.types.js';

const DIR = '../shared/fixtures/statements/pdf';
const read = (name: string): Promise<ParsedDocument> => parseDocument(readFileSync(`${DIR}/${name}.pdf`), { fileName: `${name}.pdf` });
const expected = (name: string): Array<Record<string, string>> => parse(readFileSync(`${DIR}/${name}.expected.csv`), { columns: true });
const spaces = (s: string): string => s.replace(/\s+/g, ' ').trim();
const money = (s: string): string => new Big(s).toFixed(2);
const sum = (part: ParsedStatementPart, sign: 1 | -1): string =>
  part.transactions.reduce((acc, t) => (Math.sign(Number(t.amount)) === sign ? acc.plus(t.amount) : acc), new Big(0)).toFixed(2);

describe('parsePdf on the public PDF fixtures', () => {
  it.each(['mfry_kowhai_everyday', 'mfry_anz_style_everyday', 'mfry_asb_style_everyday', 'mfry_westpac_style_everyday'])(
    'reads %s row for row as its expected CSV, balances reconciled',
    async (name) => {
      const doc = await read(name);
      expect(doc.format).toBe('pdf');
      expect(doc.statements).toHaveLength(1);
      const [part] = doc.statements;
      const rows = expected(name);
      expect(part!.transactions.map((t) => [t.date, t.amount, spaces(t.label), t.currency])).toEqual(
        rows.map((r) => [r['date'], money(r['amount']!), spaces(r['description']!), r['currency']]),
      );
      const last = rows[rows.length - 1]!;
      expect(part!.closing_balance?.amount).toBe(money(last['balance']!));
      expect(doc.warnings.map((w) => w.code)).not.toContain('BALANCE_MISMATCH');
      expect(doc.warnings.map((w) => w.code)).not.toContain('BALANCE_UNCHECKED');
    },
  );

  it('gives the Kowhai statement its opening and closing balances', async () => {
    const [part] = (await read('mfry_kowhai_everyday')).statements;
    expect(part!.opening_balance?.amount).toBe('1250.00');
    expect(part!.closing_balance?.amount).toBe('2716.50');
    expect(part!.account.id).toBe('02-1234-0567890-00');
    expect(part!.period).toEqual({ start: '2026-05-01', end: '2026-05-31' });
  });

  it('reads the card statement: previous balance as the opening balance, charges negative, payments and rebates positive', async () => {
    const doc = await read('monopoly_example_credit_card_sg_ocr');
    const [part] = doc.statements;
    const [previous, ...rows] = expected('monopoly_example_credit_card_sg_ocr');
    expect(part!.opening_balance?.amount).toBe(money(previous!['amount']!));
    expect(part!.transactions.map((t) => [`${t.date.slice(8, 10)}/${t.date.slice(5, 7)}`, t.amount, spaces(t.label)])).toEqual(
      rows.map((r) => [r['date'], money(r['amount']!), spaces(r['description']!)]),
    );
    expect(part!.transactions.every((t) => t.date.startsWith('2023-07'))).toBe(true);
    expect(part!.currency).toBe('SGD');
    expect(part!.closing_balance?.amount).toBe('-702.10');
    expect(doc.warnings.map((w) => w.code)).not.toContain('BALANCE_MISMATCH');
  });

  it('matches the Santander summary box and reports each malformed figure by its line', async () => {
    const doc = await read('codingsimba_santander_uk_template');
    expect(doc.statements).toHaveLength(1);
    const [part] = doc.statements;
    expect(part!.opening_balance?.amount).toBe('2937.11');
    expect(part!.closing_balance?.amount).toBe('3086.37');
    expect(sum(part!, 1)).toBe('1227.80');
    expect(sum(part!, -1)).toBe('-1078.54');
    expect(part!.currency).toBe('GBP');
    const malformed = doc.warnings.filter((w) => w.code === 'MALFORMED_AMOUNT').map((w) => w.message);
    expect(malformed).toEqual(expect.arrayContaining([expect.stringMatching(/^page 2, line \d+: the amount "120 00" .* read as 120\.00$/), expect.stringContaining('"2,540.BB"')]));
    expect(doc.warnings.map((w) => w.code)).not.toContain('BALANCE_MISMATCH');
  });

  it('matches the Chase checking summary: 16 instances across the deposits, checks and withdrawals sections', async () => {
    const doc = await read('codingsimba_chase_us_template');
    const [part] = doc.statements;
    expect(part!.transactions).toHaveLength(16);
    expect(part!.opening_balance?.amount).toBe('81607.40');
    expect(part!.closing_balance?.amount).toBe('189296.31');
    expect(sum(part!, 1)).toBe('125883.63');
    expect(sum(part!, -1)).toBe(new Big('-3169.04').minus('15025.68').toFixed(2));
    expect(part!.transactions[10]).toMatchObject({ date: '2022-07-14', amount: '-1471.99' });
    expect(part!.period).toEqual({ start: '2022-07-01', end: '2022-07-31' });
    expect(doc.warnings.map((w) => w.code)).not.toContain('BALANCE_MISMATCH');
  });

  it('reconciles the Woodforest statement with its own balance column, and moves its 29 February 2022 to the 28th', async () => {
    const doc = await read('codingsimba_woodforest_us_template');
    const [part] = doc.statements;
    expect(part!.opening_balance?.amount).toBe('2.01');
    expect(part!.closing_balance?.amount).toBe('-24.73');
    expect(part!.transactions[0]).toMatchObject({ date: '2022-02-01', amount: '203.00', label: 'DEPOSIT' });
    expect(doc.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['DATE_ADJUSTED']));
    expect(doc.warnings.map((w) => w.code)).not.toContain('BALANCE_MISMATCH');
  });

  it('does not pass the figures of the example with typos silently: each malformed one is named with its line', async () => {
    const doc = await read('codingsimba_generic_uk_example_typos_ocr');
    const malformed = doc.warnings.filter((w) => w.code === 'MALFORMED_AMOUNT');
    expect(malformed.map((w) => w.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^page 1, line \d+: the balance "44\.079\.83"/)]));
    expect(doc.statements[0]!.opening_balance?.amount).toBe('40000.00');
  });

  // A user profile that matches every file and overrides nothing leaves the generic reader alone at work.
  const genericOnly = { pdf: { layouts: [{ name: 'generic-probe', match: { keywords: ['.'] } }] } };
  it.each([
    ['mfry_kowhai_everyday', 12, '1250.00', '2716.50'],
    ['mfry_anz_style_everyday', 6, '2410.55', '4755.46'],
    ['codingsimba_santander_uk_template', 30, '2937.11', '3086.37'],
    ['codingsimba_chase_us_template', 16, '81607.40', '189296.31'],
    ['codingsimba_woodforest_us_template', 52, '2.01', '-24.73'],
    ['monopoly_example_credit_card_sg_ocr', 52, '-412.16', '-702.10'],
  ])('reads %s with the generic reader alone, balances reconciled', async (name, count, opening, closing) => {
    const doc = await parseDocument(readFileSync(`${DIR}/${name}.pdf`), genericOnly);
    expect(doc.statements.map((s) => [s.transactions.length, s.opening_balance?.amount, s.closing_balance?.amount])).toEqual([[count, opening, closing]]);
    expect(doc.warnings.map((w) => w.code)).not.toContain('BALANCE_MISMATCH');
  });
});
