import { buildLines, stackColumns } from './pdf-lines.js';
import type { PdfLine, PdfPage, PdfWord } from './pdf-types.js';

/* Visual lines and cells rebuilt from hand-placed word boxes (10 pt text unless said otherwise). */

const word = (text: string, x0: number, x1: number, top = 100, bottom = top + 10): PdfWord => ({ text, x0, x1, top, bottom });
const page = (...words: PdfWord[]): PdfPage => ({ number: 3, width: 600, height: 800, words });
const texts = (lines: PdfLine[]): string[][] => lines.map((l) => l.cells.map((c) => c.text));

describe(buildLines.name, () => {
  it('groups words into lines top to bottom, cells left to right, numbering the lines from 1', () => {
    const lines = buildLines(page(word('95.50', 500, 525, 120), word('Coffee', 100, 130, 120), word('04 Mar', 40, 70, 120), word('Date', 40, 60, 100), word('Details', 100, 135, 101)));
    expect(lines).toEqual([
      { page: 3, index: 1, top: 100, bottom: 111, cells: [word('Date', 40, 60, 100), word('Details', 100, 135, 101)], text: 'Date  Details' },
      { page: 3, index: 2, top: 120, bottom: 130, cells: [word('04 Mar', 40, 70, 120), word('Coffee', 100, 130, 120), word('95.50', 500, 525, 120)], text: '04 Mar  Coffee  95.50' },
    ]);
  });

  it('keeps a word on the line when its centre is within 0.45 of a text height of the first word', () => {
    expect(texts(buildLines(page(word('Label', 40, 65, 100), word('1.00', 300, 320, 104.5))))).toEqual([['Label', '1.00']]);
    expect(texts(buildLines(page(word('Label', 40, 65, 100), word('1.00', 300, 320, 104.6))))).toEqual([['Label'], ['1.00']]);
  });

  it('measures against the first word of the line, not the last one joined', () => {
    const lines = buildLines(page(word('a', 40, 45, 100), word('b', 100, 105, 104), word('c', 200, 205, 108)));
    expect(texts(lines)).toEqual([['a', 'b'], ['c']]);
  });

  it('measures with the smaller text height of the two words', () => {
    expect(texts(buildLines(page(word('BIG', 40, 70, 100), word('small', 300, 310, 107, 109))))).toEqual([['BIG'], ['small']]);
    expect(texts(buildLines(page(word('BIG', 40, 70, 100), word('small', 300, 310, 104, 106))))).toEqual([['BIG', 'small']]);
  });

  it('merges words closer than 0.9 of a text height into one cell with a space', () => {
    expect(buildLines(page(word('CARD', 100, 120), word('PAYMENT', 128.9, 160, 99, 111)))[0]!.cells).toEqual([{ text: 'CARD PAYMENT', x0: 100, x1: 160, top: 99, bottom: 111 }]);
    expect(texts(buildLines(page(word('CARD', 100, 120), word('PAYMENT', 129, 160))))).toEqual([['CARD', 'PAYMENT']]);
  });

  it('merges the words of a line left to right, whichever sits higher', () => {
    expect(buildLines(page(word('PAYMENT', 125, 160, 98), word('CARD', 100, 120, 100)))[0]!.cells).toEqual([{ text: 'CARD PAYMENT', x0: 100, x1: 160, top: 98, bottom: 110 }]);
  });

  it('measures the gap between words with the smaller text height', () => {
    expect(texts(buildLines(page(word('TOTAL', 100, 130, 95, 115), word('x', 142, 150, 100, 110))))).toEqual([['TOTAL', 'x']]);
  });

  it('joins pieces of one word without a space when they touch', () => {
    expect(texts(buildLines(page(word('1,2', 300, 310), word('34.56', 310.5, 330))))).toEqual([['1,234.56']]);
    expect(texts(buildLines(page(word('1,2', 300, 310), word('34.56', 310.6, 330))))).toEqual([['1,2 34.56']]);
  });

  it('joins overlapping words a little, and keeps words overlapping by half a height apart', () => {
    expect(buildLines(page(word('AB', 100, 120), word('CD', 116, 130)))[0]!.cells).toEqual([{ text: 'ABCD', x0: 100, x1: 130, top: 100, bottom: 110 }]);
    expect(texts(buildLines(page(word('AB', 100, 120), word('CD', 115, 130))))).toEqual([['AB', 'CD']]);
  });

  it('keeps the wider right edge when a merged word ends inside the cell', () => {
    expect(buildLines(page(word('LONG', 100, 140), word('x', 137, 139)))[0]!.cells).toEqual([{ text: 'LONGx', x0: 100, x1: 140, top: 100, bottom: 110 }]);
  });

  it('leaves the page words untouched', () => {
    const words = [word('CARD', 100, 120), word('PAYMENT', 125, 160)];
    buildLines(page(...words));
    expect(words).toEqual([word('CARD', 100, 120), word('PAYMENT', 125, 160)]);
  });

  it('counts a word of no height as one point high', () => {
    expect(texts(buildLines(page(word('a', 40, 45, 100, 100), word('b', 45.5, 50, 100.4, 100.4))))).toEqual([['a b']]);
  });

  it('reads an empty page as no lines', () => {
    expect(buildLines(page())).toEqual([]);
  });
});

describe(stackColumns.name, () => {
  const line = (...cells: PdfWord[]): PdfLine => ({ page: 1, index: 1, top: cells[0]!.top, bottom: cells[0]!.bottom, cells, text: '' });

  it('stacks a header word over the one under it, top to bottom, and sorts the columns by x', () => {
    const lines = [line(word('Balance', 500, 535, 100), word('Paid', 400, 420, 100)), line(word('out', 402, 418, 110))];
    expect(stackColumns(lines)).toEqual([
      { text: 'Paid out', x0: 400, x1: 420, top: 100, bottom: 120 },
      { text: 'Balance', x0: 500, x1: 535, top: 100, bottom: 110 },
    ]);
  });

  it('stacks from the top whatever the order of the lines', () => {
    expect(stackColumns([line(word('out', 402, 418, 110)), line(word('Paid', 400, 420, 100))])).toEqual([{ text: 'Paid out', x0: 400, x1: 420, top: 100, bottom: 120 }]);
  });

  it('widens the column to both words', () => {
    expect(stackColumns([line(word('Paid', 400, 420, 100)), line(word('out', 395, 430, 110))])).toEqual([{ text: 'Paid out', x0: 395, x1: 430, top: 100, bottom: 120 }]);
  });

  it('stacks words that overlap by more than 0.3 of the wider one', () => {
    expect(stackColumns([line(word('Money', 400, 500, 100)), line(word('out', 469, 520, 110))]).map((c) => c.text)).toEqual(['Money out']);
    expect(stackColumns([line(word('Money', 400, 500, 100)), line(word('out', 470, 520, 110))]).map((c) => c.text)).toEqual(['Money', 'out']);
  });

  it('does not stack a title spanning several columns onto one of them', () => {
    const lines = [line(word('Amounts in euros', 380, 480, 100)), line(word('Debit', 380, 410, 110), word('Credit', 450, 480, 110))];
    expect(stackColumns(lines).map((c) => c.text)).toEqual(['Amounts in euros', 'Debit', 'Credit']);
  });

  it('leaves the lines cells untouched', () => {
    const lines = [line(word('Paid', 400, 420, 100)), line(word('out', 402, 418, 110))];
    stackColumns(lines);
    expect(lines[0]!.cells).toEqual([word('Paid', 400, 420, 100)]);
  });
});
