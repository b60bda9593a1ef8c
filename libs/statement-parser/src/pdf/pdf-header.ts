import { readAmount } from './pdf-amount.js';
import { readDate, splitLeadingDate } from './pdf-dates.js';
import { COLUMN_ROLES, fold, type ColumnRole, type PdfLayoutProfile } from './pdf-layout.js';
import { stackColumns } from './pdf-lines.js';
import type { PdfLine, PdfWord } from './pdf-types.js';

export interface Column {
  role: ColumnRole | null;
  x0: number;
  x1: number;
  text: string;
}

export interface TableHeader {
  /** Index in the page's lines of the header's last line: rows start after it. */
  end: number;
  columns: Column[];
}

export type RoleMatchers = Array<[ColumnRole, RegExp[]]>;

/** Whole-cell patterns per role; value dates are tried before dates, and the specific sides before a plain amount. */
export function roleMatchers(profile: PdfLayoutProfile, generic: PdfLayoutProfile): RoleMatchers {
  const order: ColumnRole[] = ['value_date', 'date', 'debit', 'credit', 'balance', 'amount', 'description'];
  return order.filter((r) => COLUMN_ROLES.includes(r)).map((role) => {
    const words = [...(profile.columns?.[role] ?? []), ...(generic.columns?.[role] ?? [])];
    return [role, words.map((w) => new RegExp(`^(?:${w})$`, 'i'))];
  });
}

function roleOf(text: string, matchers: RoleMatchers): ColumnRole | null {
  const folded = fold(text).replace(/[:*.]+$/, '').trim();
  for (const [role, patterns] of matchers) if (patterns.some((p) => p.test(folded))) return role;
  return null;
}

const textHeight = (line: PdfLine): number => Math.max(1, ...line.cells.map((c) => c.bottom - c.top));
const isLabel = (cell: PdfWord): boolean => /\p{L}/u.test(cell.text) && !readAmount(cell.text) && !readDate(cell.text);

/**
 * The table header at line i, when there is one: words naming at least a description and an amount column (debit,
 * credit, amount), read together with the lines just above and below it (headers printed over two lines).
 */
export function headerAt(lines: PdfLine[], i: number, matchers: RoleMatchers): TableHeader | null {
  const line = lines[i]!;
  if (!line.cells.every(isLabel)) return null;
  const own = line.cells.map((c) => roleOf(c.text, matchers));
  if (!own.some((r) => r !== null)) return null;
  const h = textHeight(line);
  let first = i;
  let last = i;
  while (first > 0 && lines[first]!.top - lines[first - 1]!.bottom < 0.9 * h && lines[first - 1]!.cells.every(isLabel)) first--;
  while (last + 1 < lines.length && lines[last + 1]!.top - lines[last]!.bottom < 0.9 * h && lines[last + 1]!.cells.every(isLabel)) last++;
  const block = lines.slice(first, last + 1);
  // Header words are short; a long line above or below (a title, a note) is not part of the header.
  const stacked = stackColumns(block.map((l) => (l === line ? l : { ...l, cells: l.cells.filter((c) => c.x1 - c.x0 < 150) }))).filter(isLabel);
  const columns: Column[] = stacked.map((c) => ({ role: roleOf(c.text, matchers), x0: c.x0, x1: c.x1, text: c.text }));
  if (block.length > 1) {
    // A header split over lines may also name each part on its own line: keep whichever reading names more columns.
    const single = line.cells.filter(isLabel).map((c) => ({ role: roleOf(c.text, matchers), x0: c.x0, x1: c.x1, text: c.text }));
    if (single.filter((c) => c.role).length > columns.filter((c) => c.role).length) return validHeader(single, i);
  }
  return validHeader(columns, last);
}

function validHeader(columns: Column[], end: number): TableHeader | null {
  const roles = new Set(columns.map((c) => c.role));
  const money = roles.has('debit') || roles.has('credit') || roles.has('amount');
  if (!roles.has('description') || !money) return null;
  // Without a date word, the date column is found by recurrence (locateDateColumn); a third named column is then required.
  if (!roles.has('date') && roles.size < 3 + (roles.has(null) ? 1 : 0)) return null;
  return { end, columns };
}

/**
 * Without a date word in the header, the date column is where row dates recur: the left edge shared by most lines
 * that start with a date in the rows below.
 */
export function locateDateColumn(header: TableHeader, rows: PdfLine[]): void {
  if (header.columns.some((c) => c.role === 'date')) return;
  const edges = new Map<number, PdfWord[]>();
  for (const line of rows.slice(0, 40)) {
    const cell = line.cells[0];
    if (!cell || !(readDate(cell.text) ?? splitLeadingDate(cell.text))) continue;
    const key = Math.round(cell.x0 / 4);
    edges.set(key, [...(edges.get(key) ?? []), cell]);
  }
  const best = [...edges.values()].sort((a, b) => b.length - a.length)[0];
  if (!best || best.length < 2) return;
  const x0 = Math.min(...best.map((c) => c.x0));
  const x1 = Math.max(...best.map((c) => (readDate(c.text) ? c.x1 : c.x0 + 4)));
  header.columns.push({ role: 'date', x0, x1, text: '(dates)' });
  header.columns.sort((a, b) => a.x0 - b.x0);
}
