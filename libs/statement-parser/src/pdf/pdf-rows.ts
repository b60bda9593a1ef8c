import { readAmount, readMalformedAmount, type PrintedAmount } from './pdf-amount.js';
import { readDate, splitLeadingDate, type PrintedDate } from './pdf-dates.js';
import type { Column, TableHeader } from './pdf-header.js';
import type { ColumnRole } from './pdf-layout.js';
import type { PdfLine, PdfWord } from './pdf-types.js';

export interface PlacedAmount {
  role: ColumnRole;
  amount: PrintedAmount;
}

/** One table line split by column: its date, its amounts by role, the rest as label text. */
export interface LineCells {
  date: PrintedDate | null;
  amounts: PlacedAmount[];
  label: string[];
  /** Left edge of the first label cell: continuation lines start under it. */
  labelX: number | null;
}

const MONEY: ColumnRole[] = ['debit', 'credit', 'amount', 'balance'];
const centre = (c: { x0: number; x1: number }): number => (c.x0 + c.x1) / 2;
const overlap = (a: { x0: number; x1: number }, b: { x0: number; x1: number }): number => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);

/** Distance from a cell to a column: amounts are right-aligned, left-aligned or centred under their header. */
function distance(cell: PdfWord, column: Column): number {
  return Math.min(Math.abs(cell.x1 - column.x1), Math.abs(cell.x0 - column.x0), Math.abs(centre(cell) - centre(column)));
}

function moneyColumn(cell: PdfWord, columns: Column[], strict: boolean): Column | null {
  let best: Column | null = null;
  let bestDistance = Infinity;
  for (const column of columns) {
    if (!column.role || !MONEY.includes(column.role)) continue;
    const d = distance(cell, column);
    if (d < bestDistance) [best, bestDistance] = [column, d];
  }
  if (!best) return null;
  const width = best.x1 - best.x0;
  return bestDistance <= (strict ? Math.max(12, width * 0.5) : Math.max(30, width)) ? best : null;
}

function inDateColumn(cell: PdfWord, header: TableHeader): boolean {
  const date = header.columns.find((c) => c.role === 'date');
  if (!date) return false;
  const description = header.columns.find((c) => c.role === 'description');
  if (overlap(cell, date) > 0) return true;
  // Dates printed left of the label column, a little outside their header word.
  return !!description && date.x0 < description.x0 && cell.x0 < description.x0 - 1 && cell.x0 >= date.x0 - 30;
}

/** Assigns each cell of a table line to the date, an amount column (by x position) or the label. */
export function splitLine(line: PdfLine, header: TableHeader): LineCells {
  const result: LineCells = { date: null, amounts: [], label: [], labelX: null };
  const valueDate = header.columns.find((c) => c.role === 'value_date');
  for (const cell of line.cells) {
    if (!result.date && inDateColumn(cell, header)) {
      const date = readDate(cell.text);
      if (date) {
        result.date = date;
        continue;
      }
      const split = splitLeadingDate(cell.text);
      if (split) {
        result.date = split.date;
        if (split.rest) result.label.push(split.rest);
        continue;
      }
    }
    if (valueDate && overlap(cell, valueDate) > 0 && readDate(cell.text)) continue;
    const amount = readAmount(cell.text);
    const column = amount ? moneyColumn(cell, header.columns, false) : null;
    if (amount && column) {
      result.amounts.push({ role: column.role!, amount });
      continue;
    }
    const malformed = readMalformedAmount(cell.text);
    const near = malformed ? moneyColumn(cell, header.columns, true) : null;
    if (malformed && near) {
      result.amounts.push({ role: near.role!, amount: malformed });
      continue;
    }
    result.labelX ??= cell.x0;
    result.label.push(cell.text);
  }
  return result;
}

/** The amount printed last on a line outside any table (summary boxes: "Opening balance  $1,250.00"). */
export function trailingAmount(line: PdfLine): PrintedAmount | null {
  for (const cell of [...line.cells].reverse()) {
    // The longest tail of the cell that reads as an amount: "1 234,56" whole rather than its last group, and
    // "- 3,169.04" with its sign.
    const starts = [0, ...[...cell.text.matchAll(/\s+/g)].map((m) => m.index + m[0].length)];
    for (const start of starts) {
      const amount = readAmount(cell.text.slice(start));
      if (amount) return amount;
    }
    const tokens = cell.text.split(/\s(?=[-+(£$€]?\d)/);
    const malformed = readMalformedAmount(tokens[tokens.length - 1]!);
    if (malformed) return malformed;
  }
  return null;
}

export const isMoneyRole = (role: ColumnRole): boolean => role === 'debit' || role === 'credit' || role === 'amount';
