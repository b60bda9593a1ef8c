import { parseDocument } from '../statement-parser.js';
import { StatementParseError } from '../statement-parse.error.js';
import { readStatementTables } from './pdf-reader.js';
import { buildStatements } from './pdf-statements.js';
import { openPdf, readTextPage } from './pdf-text.js';
import { throttle } from './progress-throttle.js';
import { row, writePdf, type Ink } from './statement-pdf.spec-writer.js';

/** A one-page statement: Date | Details | Paid out | Paid in | Balance, with the given rows and closing balance. */
async function statement(rows: Array<[string, string, string, string]>, closing: string, extra: Ink[] = []): Promise<Uint8Array> {
  const inks: Ink[] = [
    { x: 40, y: 40, text: 'Statement 1 March 2024 to 31 March 2024   Account number 55512345', size: 9 },
    ...row(80, [[40, 'Date'], [100, 'Details'], [400, 'Paid out', true], [470, 'Paid in', true], [540, 'Balance', true]]),
    ...row(94, [[100, 'Opening balance'], [540, '100.00', true]]),
    ...rows.flatMap(([date, label, out, paidIn], i) => row(108 + 14 * i, [[40, date], [100, label], [400, out, true], [470, paidIn, true]])),
    ...row(108 + 14 * rows.length, [[100, 'Closing balance'], [540, closing, true]]),
    ...extra,
  ];
  return writePdf({ pages: [inks] });
}

const ROWS: Array<[string, string, string, string]> = [
  ['04 Mar', 'CARD PAYMENT BAKERY', '4.50', ''],
  ['09 Mar', 'SALARY', '', '1,000.00'],
];

describe('the balance check decides', () => {
  it('passes a statement whose rows explain the closing balance, with no warning', async () => {
    const doc = await parseDocument(await statement(ROWS, '1,095.50'), { defaultCurrency: 'GBP' });
    expect(doc.warnings).toEqual([]);
    expect(doc.statements[0]!.transactions.map((t) => t.amount)).toEqual(['-4.50', '1000.00']);
  });

  it('warns, naming the account and the gap, when they do not', async () => {
    const doc = await parseDocument(await statement(ROWS, '1,105.50'), { defaultCurrency: 'GBP' });
    expect(doc.warnings).toEqual([
      expect.objectContaining({ code: 'BALANCE_MISMATCH', message: 'statement 55512345: opening balance 100.00 + movements 995.50 = 1095.50, but the closing balance is 1105.50 (gap 10.00)' }),
    ]);
  });

  it('refuses the same mismatch when the words came from OCR', async () => {
    const doc = await openPdf(await statement(ROWS, '1,105.50'));
    const pages = [await readTextPage(doc, 1)];
    const read = readStatementTables({ pages, producer: '', ocr: true }, { name: 'generic' });
    expect(() => buildStatements(read, { profile: { name: 'generic' }, currency: 'GBP', card: false, ocr: true, warnings: [] })).toThrow(/the OCR result does not reconcile/);
    await doc.destroy();
  });

  it('refuses a mismatch with figures no row explains, naming their page and line', async () => {
    // A figure in the Paid in column before any dated row: no rule makes it a movement.
    const bytes = await statement(ROWS, '1,105.50', row(101, [[470, '10.00', true]]));
    const error = await parseDocument(bytes).then(() => null, (e: unknown) => e as StatementParseError);
    expect(error).toBeInstanceOf(StatementParseError);
    expect(error!.message).toMatch(/\(gap 10\.00\), and page 1, line \d+ holds figures no row explains/);
    expect(error!.location).toMatchObject({ element: 'page 1' });
  });

  it('refuses a dated row without any amount, naming its page and line', async () => {
    const error = await parseDocument(await statement([...ROWS, ['12 Mar', 'PENDING', '', '']], '1,095.50')).then(() => null, (e: unknown) => e as StatementParseError);
    expect(error?.message).toMatch(/^page 1, line \d+: a row dated "12 Mar" has no amount under any column/);
  });
});

describe(throttle.name, () => {
  it('reports the first and the last of a quick run of pages, never more than once a second in between', () => {
    const reports: unknown[] = [];
    const report = throttle((p) => reports.push(p), 5);
    for (let page = 1; page <= 5; page++) report(page);
    expect(reports).toEqual([{ done: 1, total: 5, unit: 'pages' }, { done: 5, total: 5, unit: 'pages' }]);
  });
});
