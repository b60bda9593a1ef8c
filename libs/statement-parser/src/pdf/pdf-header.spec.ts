import { headerAt, locateDateColumn, roleMatchers, type TableHeader } from './pdf-header.js';
import { GENERIC_LAYOUT } from './pdf-layout.js';
import type { PdfLine, PdfWord } from './pdf-types.js';

/*
 * Table headers found among hand-built lines (10 pt text): which words name which column, which neighbouring lines
 * join a header printed over two lines, and where the date column is when no word names it.
 */

/** A line at `top`, 10 pt high, its cells `[x0, text, x1]` (x1 defaults to 5 pt a character). */
function at(top: number, cells: Array<[number, string, number?]>, index = 1): PdfLine {
  const words: PdfWord[] = cells.map(([x0, text, x1]) => ({ text, x0, x1: x1 ?? x0 + 5 * text.length, top, bottom: top + 10 }));
  return { page: 1, index, top, bottom: top + 10, cells: words, text: words.map((w) => w.text).join('  ') };
}

const GENERIC = roleMatchers({ name: 'generic' }, GENERIC_LAYOUT);
const TITLES: Array<[number, string, number?]> = [[40, 'Date'], [100, 'Details'], [380, 'Paid out'], [460, 'Paid in'], [540, 'Balance']];

describe(roleMatchers.name, () => {
  it('lists each role with the profile words before the generic ones, value dates first and descriptions last', () => {
    const matchers = roleMatchers({ name: 'de', columns: { date: ['buchungstag'], debit: ['soll'] } }, { name: 'g', columns: { date: ['date'], amount: ['amount', 'sum'] } });
    expect(matchers.map(([role, patterns]) => [role, patterns.map((p) => `/${p.source}/${p.flags}`)])).toEqual([
      ['value_date', []],
      ['date', ['/^(?:buchungstag)$/i', '/^(?:date)$/i']],
      ['debit', ['/^(?:soll)$/i']],
      ['credit', []],
      ['balance', []],
      ['amount', ['/^(?:amount)$/i', '/^(?:sum)$/i']],
      ['description', []],
    ]);
  });

  it('matches a word only as the whole cell, in any case', () => {
    const [, [date]] = roleMatchers({ name: 'p', columns: { date: ['date|day'] } }, { name: 'g' })[1]!;
    expect([date!.test('DAY'), date!.test('date'), date!.test('update'), date!.test('days')]).toEqual([true, true, false, false]);
  });
});

describe(headerAt.name, () => {
  it('reads a one-line header into its columns, each with its role and box', () => {
    expect(headerAt([at(100, TITLES)], 0, GENERIC)).toEqual({
      end: 0,
      columns: [
        { role: 'date', x0: 40, x1: 60, text: 'Date' },
        { role: 'description', x0: 100, x1: 135, text: 'Details' },
        { role: 'debit', x0: 380, x1: 420, text: 'Paid out' },
        { role: 'credit', x0: 460, x1: 495, text: 'Paid in' },
        { role: 'balance', x0: 540, x1: 575, text: 'Balance' },
      ],
    });
  });

  it('names columns whatever their accents, case and trailing colon or star', () => {
    const header = headerAt([at(100, [[40, 'DATE :'], [100, 'Libellé'], [380, 'Débit*'], [460, 'Crédit.:']])], 0, GENERIC);
    expect(header?.columns.map((c) => [c.role, c.text])).toEqual([['date', 'DATE :'], ['description', 'Libellé'], ['debit', 'Débit*'], ['credit', 'Crédit.:']]);
  });

  it('uses the profile words for a layout the generic words do not know', () => {
    const german = roleMatchers({ name: 'de', columns: { date: ['buchungstag'], description: ['verwendungszweck'], debit: ['soll'] } }, GENERIC_LAYOUT);
    const line = at(100, [[40, 'Buchungstag'], [150, 'Verwendungszweck'], [470, 'Soll']]);
    expect(headerAt([line], 0, GENERIC)).toBeNull();
    expect(headerAt([line], 0, german)?.columns.map((c) => c.role)).toEqual(['date', 'description', 'debit']);
  });

  it.each([
    ['a figure', [[40, 'Date'], [100, 'Details'], [380, '12.00']]],
    ['a date', [[40, 'Date'], [100, 'Details'], [380, '04 Mar']]],
    ['a cell without letters', [[40, 'Date'], [100, 'Details'], [380, '***']]],
  ] as Array<[string, Array<[number, string]>]>)('is no header when a cell is %s', (_, cells) => {
    expect(headerAt([at(100, [...cells, [460, 'Paid in']])], 0, GENERIC)).toBeNull();
  });

  it('is no header when no word names a column', () => {
    expect(headerAt([at(100, [[40, 'Dear'], [100, 'customer']])], 0, GENERIC)).toBeNull();
    expect(headerAt([at(90, [[200, 'Summary']]), at(100, TITLES)], 0, GENERIC)).toBeNull();
  });

  it('is no header without a label column', () => {
    expect(headerAt([at(100, [[40, 'Date'], [380, 'Paid out'], [540, 'Balance']])], 0, GENERIC)).toBeNull();
  });

  it('is no header without a movement column (a balance column is not one)', () => {
    expect(headerAt([at(100, [[40, 'Date'], [100, 'Details'], [540, 'Balance']])], 0, GENERIC)).toBeNull();
  });

  it.each([
    ['Paid out', 'debit'],
    ['Paid in', 'credit'],
    ['Amount', 'amount'],
  ])('accepts %s alone as the movement column', (word, role) => {
    expect(headerAt([at(100, [[40, 'Date'], [100, 'Details'], [380, word]])], 0, GENERIC)?.columns.map((c) => c.role)).toEqual(['date', 'description', role]);
  });

  it('wants a third named column when no word names the date', () => {
    expect(headerAt([at(100, [[100, 'Details'], [380, 'Amount']])], 0, GENERIC)).toBeNull();
    expect(headerAt([at(100, [[100, 'Details'], [380, 'Amount'], [540, 'Balance']])], 0, GENERIC)).toEqual({
      end: 0,
      columns: [
        { role: 'description', x0: 100, x1: 135, text: 'Details' },
        { role: 'amount', x0: 380, x1: 410, text: 'Amount' },
        { role: 'balance', x0: 540, x1: 575, text: 'Balance' },
      ],
    });
  });

  it('does not count an unnamed column as the third one', () => {
    expect(headerAt([at(100, [[100, 'Details'], [380, 'Amount'], [450, 'Ref']])], 0, GENERIC)).toBeNull();
    expect(headerAt([at(100, [[100, 'Details'], [380, 'Amount'], [450, 'Ref'], [540, 'Balance']])], 0, GENERIC)?.columns.map((c) => c.role)).toEqual(['description', 'amount', null, 'balance']);
  });

  const twoLines = (): PdfLine[] => [
    at(80, [[40, 'Account summary for March', 300]], 1),
    at(100, [[40, 'Date'], [100, 'Details'], [380, 'Paid'], [460, 'Paid'], [540, 'Balance']], 2),
    at(110, [[382, 'out'], [462, 'in']], 3),
    at(130, [[40, '04 Mar'], [100, 'COFFEE'], [380, '3.20']], 4),
  ];
  const stacked = [
    { role: 'date', x0: 40, x1: 60, text: 'Date' },
    { role: 'description', x0: 100, x1: 135, text: 'Details' },
    { role: 'debit', x0: 380, x1: 400, text: 'Paid out' },
    { role: 'credit', x0: 460, x1: 480, text: 'Paid in' },
    { role: 'balance', x0: 540, x1: 575, text: 'Balance' },
  ];

  it('reads a header printed over two lines as one, ending at its second line', () => {
    expect(headerAt(twoLines(), 1, GENERIC)).toEqual({ end: 2, columns: stacked });
  });

  it('finds the same header from its second line', () => {
    expect(headerAt(twoLines(), 2, GENERIC)).toEqual({ end: 2, columns: stacked });
  });

  it('leaves a wide title line just above the header out of it', () => {
    const lines = twoLines();
    lines[0] = at(90, [[40, 'Your transactions', 190]], 1);
    expect(headerAt(lines, 1, GENERIC)).toEqual({ end: 2, columns: stacked });
  });

  it('joins a short line just above the header', () => {
    const lines = [at(90, [[380, 'Money']], 1), at(100, [[40, 'Date'], [100, 'Details'], [380, 'out']], 2)];
    expect(headerAt(lines, 1, GENERIC)?.columns.map((c) => [c.role, c.text])).toEqual([['date', 'Date'], ['description', 'Details'], ['debit', 'Money out']]);
  });

  it('keeps a wide cell of the header line itself', () => {
    const header = headerAt([at(90, [[380, 'Money']], 1), at(100, [[40, 'Date'], [100, 'Description of the transaction', 260], [380, 'out']], 2)], 1, GENERIC);
    expect(header?.columns.map((c) => c.text)).toEqual(['Date', 'Description of the transaction', 'Money out']);
  });

  const threeLines = (above: number, below: number): PdfLine[] => [
    at(above, [[380, 'Withdrawals']], 1),
    at(110, [[40, 'Date'], [100, 'Details'], [380, 'Paid out']], 2),
    at(below, [[382, 'GBP', 420]], 3),
  ];

  it('leaves out neighbouring lines a text height away', () => {
    expect(headerAt(threeLines(91, 129), 1, GENERIC)).toEqual({
      end: 1,
      columns: [
        { role: 'date', x0: 40, x1: 60, text: 'Date' },
        { role: 'description', x0: 100, x1: 135, text: 'Details' },
        { role: 'debit', x0: 380, x1: 420, text: 'Paid out' },
      ],
    });
  });

  it('joins neighbouring lines closer than 0.9 of a text height', () => {
    expect(headerAt(threeLines(91.1, 128.9), 1, GENERIC)).toEqual({
      end: 2,
      columns: [
        { role: 'date', x0: 40, x1: 60, text: 'Date' },
        { role: 'description', x0: 100, x1: 135, text: 'Details' },
        { role: 'debit', x0: 380, x1: 435, text: 'Withdrawals Paid out GBP' },
      ],
    });
  });

  it('leaves out a neighbouring line holding figures', () => {
    const lines = [at(100, [[40, 'Date'], [100, 'Details'], [380, 'Paid out']], 1), at(110, [[382, '10.00']], 2)];
    expect(headerAt(lines, 0, GENERIC)?.end).toBe(0);
    const above = [at(90, [[382, '10.00']], 1), at(100, [[40, 'Date'], [100, 'Details'], [380, 'Paid'], [460, 'Paid']], 2), at(110, [[382, 'out'], [462, 'in']], 3)];
    expect(headerAt(above, 2, GENERIC)?.columns.map((c) => c.text)).toEqual(['Date', 'Details', 'Paid out', 'Paid in']);
  });

  it('joins a line under the header only closer than 0.9 of a text height', () => {
    const lines = (below: number): PdfLine[] => [at(100, [[40, 'Date'], [100, 'Details'], [380, 'Paid']], 1), at(below, [[382, 'out']], 2)];
    expect(headerAt(lines(119), 0, GENERIC)).toBeNull();
    expect(headerAt(lines(118.9), 0, GENERIC)?.columns.map((c) => c.text)).toEqual(['Date', 'Details', 'Paid out']);
  });

  it('ends a header read from its own line at that line, even with a line joined under it', () => {
    const lines = [at(100, [[40, 'Date'], [100, 'Description'], [380, 'Debit', 410], [450, 'Credit', 480]], 1), at(110, [[380, 'Total', 410], [450, 'Total', 480]], 2)];
    expect(headerAt(lines, 0, GENERIC)).toEqual({
      end: 0,
      columns: [
        { role: 'date', x0: 40, x1: 60, text: 'Date' },
        { role: 'description', x0: 100, x1: 155, text: 'Description' },
        { role: 'debit', x0: 380, x1: 410, text: 'Debit' },
        { role: 'credit', x0: 450, x1: 480, text: 'Credit' },
      ],
    });
  });

  it('leaves out a neighbouring line holding a figure among its words', () => {
    const below = [at(100, [[40, 'Date'], [100, 'Details'], [380, 'Paid']], 1), at(110, [[382, 'out'], [460, '10.00']], 2)];
    expect(headerAt(below, 0, GENERIC)).toBeNull();
    const above = [at(90, [[380, 'Money'], [460, '10.00']], 1), at(100, [[40, 'Date'], [100, 'Details'], [380, 'out']], 2)];
    expect(headerAt(above, 1, GENERIC)?.columns.map((c) => c.text)).toEqual(['Date', 'Details', 'out']);
  });

  it('keeps the stacked reading when the header line alone names no more columns, unnamed ones aside', () => {
    const lines = [at(100, [[40, 'Date'], [100, 'Details'], [380, 'Amount'], [460, 'Ref']], 1), at(110, [[462, 'no']], 2)];
    expect(headerAt(lines, 0, GENERIC)).toEqual({
      end: 1,
      columns: [
        { role: 'date', x0: 40, x1: 60, text: 'Date' },
        { role: 'description', x0: 100, x1: 135, text: 'Details' },
        { role: 'amount', x0: 380, x1: 410, text: 'Amount' },
        { role: null, x0: 460, x1: 475, text: 'Ref no' },
      ],
    });
  });

  it('keeps the header line on its own when that reading names more columns than the stacked one', () => {
    const lines = [at(90, [[380, 'Total', 410], [450, 'Total', 480]], 1), at(100, [[40, 'Date'], [100, 'Description'], [380, 'Debit', 410], [450, 'Credit', 480]], 2)];
    expect(headerAt(lines, 1, GENERIC)).toEqual({
      end: 1,
      columns: [
        { role: 'date', x0: 40, x1: 60, text: 'Date' },
        { role: 'description', x0: 100, x1: 155, text: 'Description' },
        { role: 'debit', x0: 380, x1: 410, text: 'Debit' },
        { role: 'credit', x0: 450, x1: 480, text: 'Credit' },
      ],
    });
  });
});

describe(locateDateColumn.name, () => {
  const header = (): TableHeader => ({
    end: 0,
    columns: [
      { role: 'description', x0: 100, x1: 135, text: 'Details' },
      { role: 'amount', x0: 380, x1: 410, text: 'Amount' },
      { role: 'balance', x0: 540, x1: 575, text: 'Balance' },
    ],
  });
  const dated = (x0: number, text = '04 Mar'): PdfLine => at(200, [[x0, text], [100, 'SHOP'], [380, '1.00']]);
  const plain = (): PdfLine => at(200, [[100, 'SHOP'], [380, '1.00']]);

  it('adds a date column where row dates recur, in x order', () => {
    const found = header();
    locateDateColumn(found, [dated(40), plain(), dated(41, '05/03'), at(220, [])]);
    expect(found.columns).toEqual([
      { role: 'date', x0: 40, x1: 70, text: '(dates)' },
      { role: 'description', x0: 100, x1: 135, text: 'Details' },
      { role: 'amount', x0: 380, x1: 410, text: 'Amount' },
      { role: 'balance', x0: 540, x1: 575, text: 'Balance' },
    ]);
  });

  it('ends the column just past the date when dates run into their label', () => {
    const found = header();
    locateDateColumn(found, [dated(40, '04/03 SHOP'), dated(41, '05/03 CAFE')]);
    expect(found.columns[0]).toEqual({ role: 'date', x0: 40, x1: 45, text: '(dates)' });
  });

  it('takes the left edge shared by most dated rows', () => {
    const found = header();
    locateDateColumn(found, [dated(20), dated(21), dated(60), dated(61), dated(60)]);
    expect(found.columns[0]).toEqual({ role: 'date', x0: 60, x1: 91, text: '(dates)' });
  });

  it('adds nothing for a single dated row, or dates at edges far apart', () => {
    for (const rows of [[dated(40), plain()], [dated(40), dated(44)]]) {
      const found = header();
      locateDateColumn(found, rows);
      expect(found).toEqual(header());
    }
  });

  it('looks at the first 40 rows only', () => {
    const found = header();
    locateDateColumn(found, [...Array.from({ length: 39 }, plain), dated(40), dated(40)]);
    expect(found).toEqual(header());
  });

  it('leaves a header that names its date column as it is', () => {
    const found: TableHeader = { end: 0, columns: [{ role: 'date', x0: 200, x1: 220, text: 'Date' }, ...header().columns] };
    locateDateColumn(found, [dated(40), dated(40)]);
    expect(found.columns.map((c) => c.text)).toEqual(['Date', 'Details', 'Amount', 'Balance']);
  });
});
