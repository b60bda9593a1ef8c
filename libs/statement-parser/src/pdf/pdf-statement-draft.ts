import type { PrintedAmount } from './pdf-amount.js';
import type { PrintedDate } from './pdf-dates.js';
import type { ColumnRole } from './pdf-layout.js';

export interface Where {
  page: number;
  line: number;
}

export const at = (w: Where): string => `page ${w.page}, line ${w.line}`;

export interface RowDraft {
  where: Where;
  date: PrintedDate;
  /** The date came from the row above (banks print a day's date once). */
  dateCarried: boolean;
  label: string[];
  amount: { role: ColumnRole; amount: PrintedAmount } | null;
  balance: PrintedAmount | null;
  /** Sign from the section heading above the row (single amount column layouts). */
  section: '+' | '-' | null;
  bottom: number;
  /** Left edge of the label's first line, when it has one. */
  labelX: number | null;
}

export interface BalanceDraft {
  amount: PrintedAmount;
  role: ColumnRole | null;
  negative: boolean;
  date: PrintedDate | null;
  text: string;
  where: Where;
}

export interface TotalsDraft {
  debit: PrintedAmount | null;
  credit: PrintedAmount | null;
  where: Where;
}

export interface StatementDraft {
  account: string | null;
  firstPage: number;
  rows: RowDraft[];
  opening: BalanceDraft | null;
  closing: BalanceDraft | null;
  summaryOpening: BalanceDraft | null;
  summaryClosing: BalanceDraft | null;
  totals: TotalsDraft[];
}

export function newDraft(account: string | null, page: number): StatementDraft {
  return { account, firstPage: page, rows: [], opening: null, closing: null, summaryOpening: null, summaryClosing: null, totals: [] };
}

export const hasContent = (d: StatementDraft): boolean => d.rows.length > 0 || d.opening !== null || d.closing !== null;
