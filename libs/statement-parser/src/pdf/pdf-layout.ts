import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StatementParseError } from '../statement-parse.error.js';
import type { DateOrder } from './pdf-dates.js';

export type ColumnRole = 'date' | 'value_date' | 'description' | 'debit' | 'credit' | 'amount' | 'balance';
export const COLUMN_ROLES: readonly ColumnRole[] = ['date', 'value_date', 'description', 'debit', 'credit', 'amount', 'balance'];

/**
 * A bank's statement layout, as data (layouts/*.json and the files of PDF_LAYOUTS_DIR). Patterns are case-insensitive
 * regular expressions matched against text with accents removed. Every field but `name` is optional: what a profile
 * leaves out comes from the generic reader's vocabulary.
 */
export interface PdfLayoutProfile {
  name: string;
  /** Where the layout's facts come from. */
  source?: string;
  match?: { producer?: string[]; keywords?: string[] };
  currency?: string;
  dateOrder?: DateOrder;
  /** A card statement: unsigned amounts are charges (money out), parenthesised or CR ones are credits. */
  card?: boolean;
  /** Header words per column role (each a pattern matching the whole header cell). */
  columns?: Partial<Record<ColumnRole, string[]>>;
  opening?: string[];
  closing?: string[];
  /** Balance lines whose balance is owed (overdrawn): the amount is negative. */
  negativeBalance?: string[];
  totals?: string[];
  /** Lines inside the table that are never transactions (section headings, column notes). */
  ignore?: string[];
  /** Headings that make the following unsigned amounts credits or debits (single-amount-column layouts). */
  creditSections?: string[];
  debitSections?: string[];
  /** Patterns whose first group is an account id; a new id starts a new statement. */
  account?: string[];
}

/** The generic reader's vocabulary, in English and French; profiles add to it. */
export const GENERIC_LAYOUT: Required<Omit<PdfLayoutProfile, 'source' | 'match' | 'currency' | 'dateOrder' | 'card'>> = {
  name: 'generic',
  columns: {
    date: ['(transaction |posting |booking |entry )?date( op(eration)?)?', 'date (de )?(comptabilisation|operation)', 'trans(action)? date', 'date paid', 'date'],
    value_date: ['(date )?valeur', 'value date', 'date de valeur', 'value'],
    description: ['.*\\b(description|details?|particulars|narrative|transactions?|libelle|operations?|memo)\\b.*'],
    debit: ['debits?( euros| eur| \\(.*\\))?', 'debit/withdrawal.*', 'withdrawals?.*', 'paid out', 'money out', 'payments?', 'out', 'sorties'],
    credit: ['credits?( euros| eur| \\(.*\\))?', 'deposits?.*', 'paid in', 'money in', 'in', 'receipts', 'entrees'],
    amount: ['amount( \\(.*\\))?.*', 'montant( \\(.*\\))?', 'amount \\$'],
    balance: ['(running )?balance.*', '£ balance', 'solde'],
  },
  opening: [
    'balance brought forward', 'brought forward', 'opening balance', 'previous balance', 'last month.?s balance', 'beginning balance', 'balance forward',
    'start(ing)? balance', 'balance at (the )?start', 'solde precedent', 'ancien solde', 'solde (crediteur|debiteur)? ?au', 'report (a nouveau|solde)',
  ],
  closing: [
    'balance carried forward', 'carried forward', 'closing balance', 'new balance', 'ending balance', 'nouveau solde', 'solde (crediteur|debiteur)? ?au',
    'total amount due', 'balance at (the )?end',
  ],
  negativeBalance: ['debiteur', '\\boverdrawn\\b', '\\bdr\\b'],
  totals: ['^(sub)?totals?\\b', '^total des (mouvements|operations)', 'totaux'],
  ignore: ['^page \\d+', '\\bcontinued\\b', '^suite\\b', 'a reporter', 'report$'],
  creditSections: ['deposits( and additions)?', 'credits', 'money in', 'paid in', 'virements recus', 'remises'],
  debitSections: ['withdrawals', 'checks paid', 'cheques paid', 'debits', 'money out', 'paid out', 'payments', 'fees( & charges)?', 'purchases', 'prelevements', 'paiements'],
  account: [
    'n[°o]\\s*(\\d[\\d ]{5,}\\d)', 'account (?:number|no\\.?)[:\\s]+([\\w-]*\\d[\\w-]*)', 'primary account:?\\s*(\\d{5,})', 'iban:?\\s*([a-z]{2}\\d{2}(?: ?[a-z0-9]{4}){3,7}(?: ?\\d{1,3}\\b)?)',
    '\\b(\\d{2}-\\d{4}-\\d{7}-\\d{2,3})\\b', '(?:checking|savings|current account)\\s+(\\d{6,})',
  ],
};

export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Checks a profile's shape and that each pattern compiles; the error names the file and the field. */
export function validateLayout(value: unknown, origin: string): PdfLayoutProfile {
  const fail = (message: string): never => {
    throw new StatementParseError('UNSUPPORTED_CONTENT', `PDF layout ${origin}: ${message}`, { element: origin });
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('must be a JSON object');
  const profile = value as Record<string, unknown>;
  if (typeof profile['name'] !== 'string' || profile['name'] === '') fail('"name" must be a non-empty string');
  const lists = ['opening', 'closing', 'negativeBalance', 'totals', 'ignore', 'creditSections', 'debitSections', 'account'];
  const patterns: Array<[string, unknown]> = lists.map((k) => [k, profile[k]]);
  const match = profile['match'] as Record<string, unknown> | undefined;
  if (match !== undefined) patterns.push(['match.producer', match['producer']], ['match.keywords', match['keywords']]);
  const columns = profile['columns'] as Record<string, unknown> | undefined;
  if (columns !== undefined) {
    for (const [role, words] of Object.entries(columns)) {
      if (!COLUMN_ROLES.includes(role as ColumnRole)) fail(`columns.${role} is not a column role (${COLUMN_ROLES.join(', ')})`);
      patterns.push([`columns.${role}`, words]);
    }
  }
  for (const [field, list] of patterns) {
    if (list === undefined) continue;
    if (!isStringList(list)) fail(`"${field}" must be a list of strings`);
    for (const source of list as string[]) {
      try {
        new RegExp(source, 'i');
      } catch (error) {
        fail(`"${field}" holds an invalid pattern ${JSON.stringify(source)}: ${(error as Error).message}`);
      }
    }
  }
  if (profile['dateOrder'] !== undefined && profile['dateOrder'] !== 'DMY' && profile['dateOrder'] !== 'MDY') fail('"dateOrder" must be "DMY" or "MDY"');
  if (profile['currency'] !== undefined && (typeof profile['currency'] !== 'string' || !/^[A-Z]{3}$/.test(profile['currency']))) fail('"currency" must be an ISO 4217 code');
  if (profile['card'] !== undefined && typeof profile['card'] !== 'boolean') fail('"card" must be true or false');
  return profile as unknown as PdfLayoutProfile;
}

/** Every `*.json` of a directory, each a profile, in name order; a bad file is an error naming it. */
export function loadLayoutsDir(dir: string): PdfLayoutProfile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const path = join(dir, file);
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new StatementParseError('UNSUPPORTED_CONTENT', `PDF layout ${path}: not valid JSON (${(error as Error).message})`, { element: path });
      }
      return validateLayout(parsed, path);
    });
}

let builtIn: PdfLayoutProfile[] | undefined;

/** The profiles shipped in libs/statement-parser/layouts (read once). */
export function builtInLayouts(): PdfLayoutProfile[] {
  builtIn ??= loadLayoutsDir(fileURLToPath(new URL('../../layouts/', import.meta.url)));
  return builtIn;
}

/** The first profile (user ones first) whose producer or every keyword is found; none = the generic reader. */
export function chooseLayout(profiles: PdfLayoutProfile[], producer: string, text: string): PdfLayoutProfile | null {
  const foldedText = fold(text);
  const foldedProducer = fold(producer);
  for (const profile of profiles) {
    const { producer: producers = [], keywords = [] } = profile.match ?? {};
    const byProducer = producers.some((p) => new RegExp(p, 'i').test(foldedProducer));
    const byKeywords = keywords.length > 0 && keywords.every((k) => new RegExp(k, 'i').test(foldedText));
    if (byKeywords || (byProducer && (keywords.length === 0 || keywords.some((k) => new RegExp(k, 'i').test(foldedText))))) return profile;
  }
  return null;
}
