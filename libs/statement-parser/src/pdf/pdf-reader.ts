import { readDate } from './pdf-dates.js';
import { headerAt, locateDateColumn, roleMatchers, type RoleMatchers, type TableHeader } from './pdf-header.js';
import { fold, GENERIC_LAYOUT, type PdfLayoutProfile } from './pdf-layout.js';
import { buildLines } from './pdf-lines.js';
import { isMoneyRole, splitLine, trailingAmount } from './pdf-rows.js';
import { hasContent, newDraft, type BalanceDraft, type RowDraft, type StatementDraft, type Where } from './pdf-statement-draft.js';
import type { PdfLine, PdfSource } from './pdf-types.js';

export interface ReadResult {
  drafts: StatementDraft[];
  /** Pages on which a transaction table was found. */
  tablePages: number[];
  /** All text, for the statement's frame (period dates) and recognition. */
  text: string;
  /** Amount-like figures in a table that no rule explains, for the error when the balance does not reconcile. */
  unexplained: Where[];
}

interface Patterns {
  opening: RegExp[];
  closing: RegExp[];
  negative: RegExp[];
  totals: RegExp[];
  ignore: RegExp[];
  credit: RegExp[];
  debit: RegExp[];
  account: RegExp[];
  roles: RoleMatchers;
}

const compile = (list: string[] = []): RegExp[] => list.map((p) => new RegExp(p, 'i'));

function patterns(profile: PdfLayoutProfile): Patterns {
  const both = (key: 'opening' | 'closing' | 'negativeBalance' | 'totals' | 'ignore' | 'creditSections' | 'debitSections' | 'account'): RegExp[] =>
    compile([...(profile[key] ?? []), ...(GENERIC_LAYOUT[key] ?? [])]);
  return {
    opening: both('opening'),
    closing: both('closing'),
    negative: both('negativeBalance'),
    totals: both('totals'),
    ignore: both('ignore'),
    credit: both('creditSections'),
    debit: both('debitSections'),
    account: both('account'),
    roles: roleMatchers(profile, GENERIC_LAYOUT),
  };
}

const any = (list: RegExp[], text: string): boolean => list.some((p) => p.test(text));
const lineHeight = (line: PdfLine): number => Math.max(1, ...line.cells.map((c) => c.bottom - c.top));

/** Walks every page's lines: account headings, summary boxes, table headers, then the rows under each header. */
export function readStatementTables(source: PdfSource, profile: PdfLayoutProfile): ReadResult {
  const p = patterns(profile);
  const drafts: StatementDraft[] = [];
  const tablePages: number[] = [];
  const unexplained: Where[] = [];
  const texts: string[] = [];
  let current = newDraft(null, 1);
  drafts.push(current);
  let section: '+' | '-' | null = null;

  const accountOf = (text: string): string | null => {
    for (const pattern of p.account) {
      const m = pattern.exec(text);
      // Matched on folded (lower-case) text: account numbers and IBANs are written in capitals.
      if (m?.[1]) return m[1].replace(/\s+/g, '').toUpperCase();
    }
    return null;
  };
  const switchAccount = (id: string, page: number): void => {
    if (!hasContent(current)) current.account ??= id;
    else if (current.account !== id) {
      current = newDraft(id, page);
      drafts.push(current);
    }
  };
  const balanceKind = (text: string, draft: StatementDraft, summary: boolean): 'opening' | 'closing' | null => {
    const open = any(p.opening, text);
    const close = any(p.closing, text);
    if (open && !close) return 'opening';
    if (close && !open) return 'closing';
    if (!open) return null;
    // Worded alike for both ends ("SOLDE CREDITEUR AU", "Balance at"): the first is the opening one.
    if (summary) return draft.summaryOpening ? 'closing' : 'opening';
    return draft.opening || draft.rows.length ? 'closing' : 'opening';
  };

  for (const page of source.pages) {
    const lines = buildLines(page);
    texts.push(lines.map((l) => l.cells.map((c) => c.text).join(' ')).join('\n'));
    let header: TableHeader | null = null;
    let lastRow: RowDraft | null = null;
    let lastBottom = 0;
    let afterTotals = false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const where: Where = { page: page.number, line: line.index };
      const folded = fold(line.cells.map((c) => c.text).join(' '));
      const found = headerAt(lines, i, p.roles);
      if (found) {
        header = found;
        locateDateColumn(header, lines.slice(found.end + 1));
        if (!tablePages.includes(page.number)) tablePages.push(page.number);
        i = found.end;
        lastRow = null;
        lastBottom = lines[found.end]!.bottom;
        afterTotals = false;
        continue;
      }
      if (any(p.ignore, folded)) continue;
      const h = lineHeight(line);
      const gap = line.top - lastBottom;
      const account = accountOf(folded);
      if (header && gap > 4 * h) header = null;
      if (!header) {
        // Outside a table: account headings and summary boxes only.
        if (account) switchAccount(account, page.number);
        const kind = balanceKind(folded, current, true);
        const amount = kind ? trailingAmount(line) : null;
        if (kind && amount) {
          const draft: BalanceDraft = { amount, role: null, negative: any(p.negative, folded), date: null, text: folded, where };
          if (kind === 'opening') current.summaryOpening ??= draft;
          else current.summaryClosing = draft;
        }
        const heading = sectionOf(folded, p);
        if (heading) section = heading;
        continue;
      }
      const cells = splitLine(line, header);
      const text = fold(cells.label.join(' '));
      const money = cells.amounts.filter((a) => isMoneyRole(a.role));
      const balance = cells.amounts.find((a) => a.role === 'balance')?.amount ?? null;
      const kind = cells.amounts.length ? balanceKind(text, current, false) : null;
      if (kind) {
        const placed = money[0] ?? cells.amounts[0]!;
        const draft: BalanceDraft = { amount: placed.amount, role: placed.role, negative: any(p.negative, text), date: cells.date, text, where };
        if (kind === 'opening' && current.rows.length === 0) current.opening = draft;
        else if (kind === 'opening' && carriesOver(current, draft)) {
          // "Carried forward" at a page's foot (or the last running balance), "brought forward" atop the next: one statement goes on.
          current.closing = null;
        } else if (kind === 'opening') {
          current = newDraft(current.account, page.number);
          drafts.push(current);
          current.opening = draft;
        } else current.closing = draft;
        [lastRow, lastBottom] = [null, line.bottom];
        continue;
      }
      if (any(p.totals, text) && cells.amounts.length) {
        current.totals.push({
          debit: cells.amounts.find((a) => a.role === 'debit')?.amount ?? null,
          credit: cells.amounts.find((a) => a.role === 'credit')?.amount ?? null,
          where,
        });
        [lastRow, lastBottom, afterTotals] = [null, line.bottom, true];
        continue;
      }
      if (afterTotals || rejectedHeader(line, p.roles)) {
        // Past a totals line only balance lines belong to the table; anything else (another table, a footer) ends it.
        header = null;
        i--;
        continue;
      }
      if (cells.date || money.length) {
        if (!cells.date && lastRow && !lastRow.amount && gap < 1.5 * h) {
          lastRow.amount = money[0] ?? null;
          lastRow.balance ??= balance;
          lastRow.label.push(...cells.label);
          lastRow.labelX ??= cells.labelX;
          [lastBottom, lastRow.bottom] = [line.bottom, line.bottom];
          continue;
        }
        const date = cells.date ?? current.rows[current.rows.length - 1]?.date ?? current.opening?.date ?? null;
        if (!date) {
          unexplained.push(where);
          continue;
        }
        const row: RowDraft = { where, date, dateCarried: !cells.date, label: cells.label, amount: money[0] ?? null, balance, section, bottom: line.bottom, labelX: cells.labelX };
        current.rows.push(row);
        [lastRow, lastBottom] = [row, line.bottom];
        continue;
      }
      if (balance && lastRow && !lastRow.balance && cells.label.length === 0) {
        lastRow.balance = balance;
        continue;
      }
      const nextTop = lines[i + 1]?.top ?? Infinity;
      // A label's next line sits close under it and starts under its first line (a footer starts at the margin).
      const aligned = lastRow?.labelX == null || cells.labelX === null || cells.labelX >= lastRow.labelX - h;
      const continues = lastRow && aligned && (gap <= 0.8 * h || (gap <= 1.5 * h && gap <= nextTop - line.bottom + 0.25 * h));
      if (continues && cells.label.length && !sectionOf(text, p)) {
        lastRow!.label.push(...cells.label);
        [lastBottom, lastRow!.bottom] = [line.bottom, line.bottom];
        continue;
      }
      if (account) switchAccount(account, page.number);
      const heading = sectionOf(text, p);
      if (heading) section = heading;
      [lastRow, lastBottom] = [null, line.bottom];
    }
  }
  return { drafts: drafts.filter((d, i) => i === 0 || hasContent(d) || d.summaryOpening || d.summaryClosing), tablePages, text: texts.join('\n'), unexplained };
}

/** A short heading line naming a kind of movement ("DEPOSITS AND ADDITIONS", "Prélèvements"). */
function sectionOf(text: string, p: Patterns): '+' | '-' | null {
  if (text.split(' ').length > 6 || /\d/.test(text) || any(p.totals, text)) return null;
  if (any(p.credit, text)) return '+';
  if (any(p.debit, text)) return '-';
  return null;
}

/** A line of column words that is not a transaction table ("DATE AMOUNT DATE AMOUNT"): the table above has ended. */
function rejectedHeader(line: PdfLine, roles: RoleMatchers): boolean {
  const words = line.cells.filter((c) => !readDate(c.text));
  if (words.length < 2) return false;
  return words.every((c) => roles.some(([, list]) => list.some((r) => r.test(fold(c.text).replace(/[:*.]+$/, '')))));
}

function carriesOver(draft: StatementDraft, opening: BalanceDraft): boolean {
  const figure = opening.amount;
  if (figure.value === null) return false;
  if (draft.closing) return draft.closing.amount.value === figure.value && draft.closing.amount.sign === figure.sign;
  const running = [...draft.rows].reverse().find((r) => r.balance)?.balance;
  return !!running && running.value === figure.value && running.sign === figure.sign;
}
