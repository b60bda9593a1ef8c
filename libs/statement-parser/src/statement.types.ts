import type { PdfLayoutProfile } from './pdf/pdf-layout.js';
import type { PdfProgress } from './pdf/pdf-types.js';

export type StatementFormat = 'ofx' | 'camt' | 'csv' | 'qif' | 'mt940' | 'pdf';

/** A decimal string: optional '-', digits, optional '.' and digits. Never a binary float. */
export type DecimalString = string;

export interface Balance {
  amount: DecimalString;
  /** ISO date (YYYY-MM-DD) or date-time with offset, as precise as the source. */
  date?: string;
}

export interface AccountInfo {
  /** Account number, IBAN or other id as printed in the file. */
  id: string;
  iban?: string;
  bank_id?: string;
  branch_id?: string;
  type?: string;
  name?: string;
}

export interface StatementTransaction {
  /** Stable within the file: the bank's id (FITID, AcctSvcrRef...) when present, else derived from content and position. */
  id: string;
  /** Booking date, ISO YYYY-MM-DD. */
  date: string;
  value_date?: string;
  amount: DecimalString;
  currency: string;
  /** Human label: payee/counterparty and memo joined as a bank shows it. */
  label: string;
  payee?: string;
  memo?: string;
  category?: string;
  reference?: string;
  type?: string;
  /** The source record as parsed (fields or text), for audit. JSON only. */
  raw: Record<string, unknown> | string;
}

export interface ParsedStatementPart {
  account: AccountInfo;
  currency: string | null;
  period: { start: string | null; end: string | null };
  opening_balance?: Balance;
  closing_balance?: Balance;
  /** Funds available at the statement's end (OFX AVAILBAL, MT940 :64:), when the file gives it. */
  available_balance?: Balance;
  transactions: StatementTransaction[];
}

export interface ParseWarning {
  code: string;
  message: string;
  /** Where: a line number (1-based) or an element path. */
  line?: number;
  element?: string;
}

export interface ParsedDocument {
  format: StatementFormat;
  /** One per account/statement section in the file (OFX STMTTRNRS, CAMT Stmt/Rpt, MT940 :20: block...). */
  statements: ParsedStatementPart[];
  /** Non-fatal findings: balances that do not reconcile, rows skipped on purpose (each reported). */
  warnings: ParseWarning[];
}

/** Explicit CSV column mapping; each value is a header name or a 0-based column index. */
export interface CsvColumnMapping {
  date: string | number;
  label: string | number | Array<string | number>;
  amount?: string | number;
  debit?: string | number;
  credit?: string | number;
  value_date?: string | number;
  currency?: string | number;
  balance?: string | number;
}

export interface CsvOptions {
  delimiter?: string;
  decimalSeparator?: '.' | ',';
  dateFormat?: 'YYYY-MM-DD' | 'DD/MM/YYYY' | 'MM/DD/YYYY' | 'DD.MM.YYYY';
  encoding?: 'utf-8' | 'latin1' | 'windows-1252';
  columns?: CsvColumnMapping;
  /** Header row index (0-based); detected when absent. */
  headerRow?: number;
}

export interface ParseOptions {
  /** Used only as a hint; the format is detected from content. */
  fileName?: string;
  /** Force a format instead of detecting it. */
  format?: StatementFormat;
  /** Currency to assume when the file has none (CAMT "XXX", QIF, some CSV). */
  defaultCurrency?: string;
  csv?: CsvOptions;
  /** Most transactions the document may hold (MAX_STATEMENT_ROWS); more is a LIMIT_EXCEEDED error. Default 100,000. */
  maxRows?: number;
  /** Most bytes the document may have (MAX_DOCUMENT_BYTES). Default 20 MB. */
  maxBytes?: number;
  pdf?: PdfOptions;
  /** Progress of a long parse (PDF pages read or OCR'd), at most about once a second and always at the end. */
  onProgress?: (progress: PdfProgress) => void;
}

export interface PdfOptions {
  /** User layout profiles (loadPdfLayouts(PDF_LAYOUTS_DIR)), tried before the built-in ones. */
  layouts?: PdfLayoutProfile[];
  /** OCR pages without a text layer (default true). */
  ocr?: boolean;
}

/** The Document Processor contract: POST /documents/process response. */
export interface DocumentResult {
  format: StatementFormat;
  account: AccountInfo;
  period: { start: string | null; end: string | null };
  currency: string | null;
  opening_balance?: Balance;
  closing_balance?: Balance;
  available_balance?: Balance;
  transactions: StatementTransaction[];
  warnings: ParseWarning[];
  /** Present when the file holds more than one account/statement. */
  statements?: ParsedStatementPart[];
}
