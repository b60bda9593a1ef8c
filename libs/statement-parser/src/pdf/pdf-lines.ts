import type { PdfLine, PdfPage, PdfWord } from './pdf-types.js';

const height = (w: PdfWord): number => Math.max(1, w.bottom - w.top);
const centre = (w: PdfWord): number => (w.top + w.bottom) / 2;

/**
 * Rebuilds visual lines from word boxes: a word joins the line whose first word's vertical centre is within
 * about half a text height of its own (labels printed a point above their amounts still share the line).
 */
export function buildLines(page: PdfPage): PdfLine[] {
  const words = [...page.words].sort((a, b) => centre(a) - centre(b) || a.x0 - b.x0);
  const groups: PdfWord[][] = [];
  for (const word of words) {
    const last = groups[groups.length - 1];
    const anchor = last?.[0];
    if (last && anchor && Math.abs(centre(word) - centre(anchor)) <= 0.45 * Math.min(height(word), height(anchor))) last.push(word);
    else groups.push([word]);
  }
  return groups.map((group, i) => {
    const cells = mergeCells(group);
    return {
      page: page.number,
      index: i + 1,
      top: Math.min(...group.map((w) => w.top)),
      bottom: Math.max(...group.map((w) => w.bottom)),
      cells,
      text: cells.map((c) => c.text).join('  '),
    };
  });
}

/**
 * Words closer than about one text height form one cell (a phrase); a wider gap separates columns. Words stacked
 * at the same x (a header printed over two lines) are joined top to bottom.
 */
function mergeCells(words: PdfWord[]): PdfWord[] {
  const sorted = [...words].sort((a, b) => a.x0 - b.x0);
  const cells: PdfWord[] = [];
  for (const word of sorted) {
    const last = cells[cells.length - 1];
    const size = Math.min(height(word), last ? height(last) : height(word));
    const gap = last ? word.x0 - last.x1 : Infinity;
    if (last && gap < 0.9 * size && gap > -0.5 * size) {
      const joiner = gap > 0.05 * size ? ' ' : '';
      Object.assign(last, { text: `${last.text}${joiner}${word.text}`, x1: Math.max(last.x1, word.x1), top: Math.min(last.top, word.top), bottom: Math.max(last.bottom, word.bottom) });
    } else {
      cells.push({ ...word });
    }
  }
  return cells;
}

/** Stacks cells of neighbouring lines that overlap horizontally (multi-line column headers), left to right. */
export function stackColumns(lines: PdfLine[]): PdfWord[] {
  const cells = lines.flatMap((l) => l.cells).sort((a, b) => a.top - b.top);
  const columns: PdfWord[] = [];
  for (const cell of cells) {
    // Measured against the wider cell, so a title spanning several columns is not stacked onto one of them.
    const over = columns.find((c) => Math.min(c.x1, cell.x1) - Math.max(c.x0, cell.x0) > 0.3 * Math.max(c.x1 - c.x0, cell.x1 - cell.x0));
    if (over) Object.assign(over, { text: `${over.text} ${cell.text}`, x0: Math.min(over.x0, cell.x0), x1: Math.max(over.x1, cell.x1), bottom: Math.max(over.bottom, cell.bottom) });
    else columns.push({ ...cell });
  }
  return columns.sort((a, b) => a.x0 - b.x0);
}
