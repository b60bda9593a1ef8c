import type { TableHeader } from './pdf-header.js';
import { isMoneyRole, splitLine, trailingAmount } from './pdf-rows.js';
import type { PdfLine, PdfWord } from './pdf-types.js';

/*
 * One table line split under its header by x position: the reader's specs go through whole pages, where a figure
 * landing in the wrong column often still balances.
 */

const cell = (text: string, x0: number, x1: number): PdfWord => ({ text, x0, x1, top: 100, bottom: 110 });
const line = (...cells: PdfWord[]): PdfLine => ({ page: 1, index: 7, top: 100, bottom: 110, cells, text: cells.map((c) => c.text).join('  ') });
const money = (raw: string, value: string, sign: '+' | '-' | null = null, malformed = false) => ({ value, sign, malformed, raw });

/** Date | Details | Paid out | Paid in | Balance. */
const HEADER: TableHeader = {
  end: 0,
  columns: [
    { role: 'date', x0: 40, x1: 60, text: 'Date' },
    { role: 'description', x0: 100, x1: 140, text: 'Details' },
    { role: 'debit', x0: 380, x1: 420, text: 'Paid out' },
    { role: 'credit', x0: 460, x1: 500, text: 'Paid in' },
    { role: 'balance', x0: 540, x1: 580, text: 'Balance' },
  ],
};

/** Details | Amount, the amount column `x0`-`x1`. */
const amountHeader = (x0: number, x1: number): TableHeader => ({
  end: 0,
  columns: [
    { role: 'description', x0: 100, x1: 140, text: 'Details' },
    { role: 'amount', x0, x1, text: 'Amount' },
  ],
});

describe(splitLine.name, () => {
  it('reads the date, the label and each amount under its own column', () => {
    const cells = splitLine(line(cell('04 Mar', 40, 62), cell('CARD PAYMENT', 100, 160), cell('4.50', 400, 420), cell('95.50', 555, 580)), HEADER);
    expect(cells).toEqual({
      date: { raw: '04 Mar', first: 4, second: 3, named: true, year: null },
      amounts: [
        { role: 'debit', amount: money('4.50', '4.50') },
        { role: 'balance', amount: money('95.50', '95.50') },
      ],
      label: ['CARD PAYMENT'],
      labelX: 100,
    });
  });

  it('puts a figure under Paid in as a credit and keeps its printed sign', () => {
    expect(splitLine(line(cell('1,000.00-', 470, 500)), HEADER).amounts).toEqual([{ role: 'credit', amount: money('1,000.00-', '1000.00', '-') }]);
  });

  it('splits a date cell that runs into its label, the rest leading the label without a label edge', () => {
    expect(splitLine(line(cell('02/07 PAYMENT', 40, 90), cell('THANK YOU', 100, 150)), HEADER)).toEqual({
      date: { raw: '02/07', first: 2, second: 7, named: false, year: null },
      amounts: [],
      label: ['PAYMENT', 'THANK YOU'],
      labelX: 100,
    });
  });

  it('takes only the first date of a line; a second one in the date column is label text', () => {
    const header: TableHeader = { end: 0, columns: [{ role: 'date', x0: 40, x1: 90, text: 'Date' }, { role: 'description', x0: 150, x1: 190, text: 'Details' }] };
    expect(splitLine(line(cell('04 Mar', 40, 60), cell('05 Mar', 62, 88)), header)).toEqual({
      date: { raw: '04 Mar', first: 4, second: 3, named: true, year: null },
      amounts: [],
      label: ['05 Mar'],
      labelX: 62,
    });
  });

  it('reads a date under a date column printed right of the label column', () => {
    const header: TableHeader = { end: 0, columns: [{ role: 'description', x0: 100, x1: 140, text: 'Details' }, { role: 'date', x0: 300, x1: 330, text: 'Date' }, { role: 'debit', x0: 400, x1: 440, text: 'Out' }] };
    expect(splitLine(line(cell('04 Mar', 300, 330), cell('TEA', 100, 115)), header)).toEqual({ date: { raw: '04 Mar', first: 4, second: 3, named: true, year: null }, amounts: [], label: ['TEA'], labelX: 100 });
  });

  it('keeps words under the date column that are no date in the label', () => {
    expect(splitLine(line(cell('REF', 40, 55), cell('04 Mar', 100, 130)), HEADER)).toEqual({ date: null, amounts: [], label: ['REF', '04 Mar'], labelX: 40 });
  });

  it('leaves a date outside the date column in the label', () => {
    expect(splitLine(line(cell('12/03', 200, 220)), HEADER)).toEqual({ date: null, amounts: [], label: ['12/03'], labelX: 200 });
  });

  it('reads no date at all when the header has no date column', () => {
    expect(splitLine(line(cell('04 Mar', 40, 62), cell('Coffee', 100, 130)), amountHeader(380, 420))).toEqual({ date: null, amounts: [], label: ['04 Mar', 'Coffee'], labelX: 40 });
  });

  it('takes a date printed up to 30 pt left of its header word, before the label column', () => {
    expect(splitLine(line(cell('04 Mar', 10, 32)), HEADER).date).toEqual({ raw: '04 Mar', first: 4, second: 3, named: true, year: null });
    expect(splitLine(line(cell('04 Mar', 9, 31)), HEADER)).toEqual({ date: null, amounts: [], label: ['04 Mar'], labelX: 9 });
  });

  it('takes a date starting just short of the label column, not one starting at it', () => {
    expect(splitLine(line(cell('04 Mar', 98.5, 99.5)), HEADER).date).toEqual({ raw: '04 Mar', first: 4, second: 3, named: true, year: null });
    expect(splitLine(line(cell('04 Mar', 99, 99.9)), HEADER).date).toBeNull();
  });

  it('does not count a cell merely touching the date column as in it', () => {
    expect(splitLine(line(cell('04 Mar', 0, 40)), HEADER).date).toBeNull();
  });

  it('reads dates left of the date word only when the date column is left of the label column', () => {
    const header: TableHeader = { end: 0, columns: [{ role: 'description', x0: 100, x1: 140, text: 'Details' }, { role: 'date', x0: 100, x1: 130, text: 'Date' }] };
    expect(splitLine(line(cell('04 Mar', 85, 98)), header).date).toBeNull();
  });

  it('reads dates outside the date word only when the header has a label column', () => {
    const header: TableHeader = { end: 0, columns: [{ role: 'date', x0: 40, x1: 60, text: 'Date' }, { role: 'debit', x0: 380, x1: 420, text: 'Out' }] };
    expect(splitLine(line(cell('04 Mar', 62, 84)), header).date).toBeNull();
  });

  it('drops the value date printed under its own column, keeping other text there as label', () => {
    const header: TableHeader = { end: 0, columns: [...HEADER.columns, { role: 'value_date', x0: 65, x1: 95, text: 'Value' }] };
    expect(splitLine(line(cell('04/03', 40, 60), cell('05/03', 66, 90), cell('Rent', 100, 120)), header)).toEqual({
      date: { raw: '04/03', first: 4, second: 3, named: false, year: null },
      amounts: [],
      label: ['Rent'],
      labelX: 100,
    });
    expect(splitLine(line(cell('04/03', 40, 60), cell('REF', 66, 90)), header).label).toEqual(['REF']);
    expect(splitLine(line(cell('04/03', 40, 60), cell('05/03', 95, 99)), header).label).toEqual(['05/03']);
  });

  it('keeps the first label cell as the left edge of the label', () => {
    expect(splitLine(line(cell('SHOP', 100, 130), cell('LONDON', 200, 240)), HEADER)).toEqual({ date: null, amounts: [], label: ['SHOP', 'LONDON'], labelX: 100 });
  });

  it('leaves a figure under the label column in the label, however close it is', () => {
    expect(splitLine(line(cell('5.00', 120, 140)), HEADER)).toEqual({ date: null, amounts: [], label: ['5.00'], labelX: 120 });
  });

  it('leaves figures in the label when the header names no money column', () => {
    const header: TableHeader = { end: 0, columns: [{ role: 'date', x0: 40, x1: 60, text: 'Date' }, { role: 'description', x0: 100, x1: 140, text: 'Details' }] };
    expect(splitLine(line(cell('5.00', 380, 400)), header)).toEqual({ date: null, amounts: [], label: ['5.00'], labelX: 380 });
  });

  it('places a figure up to 30 pt from a narrow money column, no further', () => {
    expect(splitLine(line(cell('9.99', 430, 450)), amountHeader(400, 420)).amounts).toEqual([{ role: 'amount', amount: money('9.99', '9.99') }]);
    expect(splitLine(line(cell('9.99', 431, 451)), amountHeader(400, 420))).toEqual({ date: null, amounts: [], label: ['9.99'], labelX: 431 });
  });

  it('places a figure up to a wide column width away from it', () => {
    expect(splitLine(line(cell('9.99', 500, 520)), amountHeader(400, 460)).amounts).toEqual([{ role: 'amount', amount: money('9.99', '9.99') }]);
    expect(splitLine(line(cell('9.99', 501, 521)), amountHeader(400, 460)).amounts).toEqual([]);
  });

  it.each([
    ['right-aligned', 300, 420],
    ['left-aligned', 400, 520],
    ['centred', 350, 470],
    ['nearly centred', 350, 510],
  ])('places a long figure %s under its column', (_, x0, x1) => {
    expect(splitLine(line(cell('1,234,567.00', x0, x1)), amountHeader(400, 420)).amounts).toEqual([{ role: 'amount', amount: money('1,234,567.00', '1234567.00') }]);
  });

  it('places a figure under the nearest money column, the left one when halfway', () => {
    expect(splitLine(line(cell('7.00', 465, 498)), HEADER).amounts.map((a) => a.role)).toEqual(['credit']);
    expect(splitLine(line(cell('7.00', 430, 450)), HEADER).amounts.map((a) => a.role)).toEqual(['debit']);
  });

  it('places a figure that breaks the notation only close under a money column, flagged', () => {
    expect(splitLine(line(cell('120 00', 380, 420)), HEADER).amounts).toEqual([{ role: 'debit', amount: money('120 00', '120.00', null, true) }]);
    expect(splitLine(line(cell('120 00', 400, 440)), HEADER).amounts).toEqual([{ role: 'debit', amount: money('120 00', '120.00', null, true) }]);
    expect(splitLine(line(cell('120 00', 401, 441)), HEADER)).toEqual({ date: null, amounts: [], label: ['120 00'], labelX: 401 });
  });

  it('allows a malformed figure 12 pt from a very narrow column, no further', () => {
    expect(splitLine(line(cell('2,540.BB', 422, 432)), amountHeader(410, 420)).amounts).toEqual([{ role: 'amount', amount: { value: null, sign: null, malformed: true, raw: '2,540.BB' } }]);
    expect(splitLine(line(cell('2,540.BB', 423, 433)), amountHeader(410, 420)).amounts).toEqual([]);
  });
});

describe(trailingAmount.name, () => {
  it('reads the amount cell after a summary label', () => {
    expect(trailingAmount(line(cell('Opening balance', 40, 120), cell('$1,250.00', 400, 440)))).toEqual(money('$1,250.00', '1250.00'));
  });

  it('reads the figure that ends a cell holding the label too', () => {
    expect(trailingAmount(line(cell('Closing balance on 31 May £2,937.11', 40, 300)))).toEqual(money('£2,937.11', '2937.11'));
    expect(trailingAmount(line(cell('Opening balance 1,250.00', 40, 300)))).toEqual(money('1,250.00', '1250.00'));
  });

  it('reads a figure with space-separated thousands whole, not its last group', () => {
    expect(trailingAmount(line(cell('Solde 1 234,56', 40, 300)))).toEqual(money('1 234,56', '1234.56'));
    expect(trailingAmount(line(cell('Solde au 31/03/2024 12 345 678,90', 40, 300)))).toEqual(money('12 345 678,90', '12345678.90'));
    expect(trailingAmount(line(cell('1 234,56', 400, 440)))).toEqual(money('1 234,56', '1234.56'));
  });

  it('keeps the sign printed before the figure, apart from it', () => {
    expect(trailingAmount(line(cell('Closing balance - 3,169.04', 40, 300)))).toEqual(money('- 3,169.04', '3169.04', '-'));
  });

  it('does not join a figure to a number before it that cannot be its thousands', () => {
    expect(trailingAmount(line(cell('Balance 2024 1,250.00', 40, 300)))).toEqual(money('1,250.00', '1250.00'));
    expect(trailingAmount(line(cell('Balance 12.00 1 300.00', 40, 300)))).toEqual(money('1 300.00', '1300.00'));
  });

  it('reads a whole cell when its last token alone is no amount', () => {
    expect(trailingAmount(line(cell('(1 234,56)', 400, 440)))).toEqual(money('(1 234,56)', '1234.56', '-'));
  });

  it('reads a figure that breaks the notation, flagged', () => {
    expect(trailingAmount(line(cell('Balance', 40, 80), cell('£40,000,00', 400, 440)))).toEqual(money('£40,000,00', '40000.00', null, true));
  });

  it('takes the last amount of the line, looking back past cells without one', () => {
    expect(trailingAmount(line(cell('10.00', 300, 330), cell('20.00', 400, 430)))).toEqual(money('20.00', '20.00'));
    expect(trailingAmount(line(cell('Balance', 40, 80), cell('1,250.00', 400, 440), cell('GBP', 450, 470)))).toEqual(money('1,250.00', '1250.00'));
  });

  it('finds nothing on a line without figures', () => {
    expect(trailingAmount(line(cell('Opening balance', 40, 120), cell('see overleaf', 400, 460)))).toBeNull();
  });
});

describe('isMoneyRole', () => {
  it.each([
    ['debit', true],
    ['credit', true],
    ['amount', true],
    ['balance', false],
    ['date', false],
    ['value_date', false],
    ['description', false],
  ] as const)('%s is a movement column: %s', (role, expected) => {
    expect(isMoneyRole(role)).toBe(expected);
  });
});
