import { StatementParseError } from '../statement-parse.error.js';
import type { CsvColumnMapping } from '../statement.types.js';
import { canonicalHeader, headerMatches } from './csv-text.js';

/** Column roles the parser understands; indexes are 0-based. */
export interface ColumnIndexes {
  date: number;
  label: number[];
  amount?: number;
  debit?: number;
  credit?: number;
  value_date?: number;
  currency?: number;
  balance?: number;
  memo?: number[];
  payee?: number;
  category?: number;
  reference?: number;
  type?: number;
  account?: number;
  account_name?: number;
  fee?: number;
  state?: number;
}

type Role = Exclude<keyof ColumnIndexes, 'label' | 'memo'>;

/** Header names (canonical: lower case, no accents or punctuation), best first. French and English. */
const SYNONYMS: Record<Role | 'label' | 'memo', string[]> = {
  date: ['datedecomptabilisation', 'datecomptabilisation', 'datecomptable', 'completeddate', 'bookingdate', 'bookeddate', 'postingdate', 'dateoperation', 'datedoperation', 'dateop', 'date', 'transactiondate', 'datetransaction', 'starteddate'],
  value_date: ['datedevaleur', 'datevaleur', 'dateval', 'valuedate', 'valeur'],
  label: ['libellesimplifie', 'libelle', 'libelles', 'label', 'description', 'libelleoperation', 'intitule', 'wording', 'details', 'narrative', 'transactiondescription', 'nature', 'operation'],
  memo: ['libelleoperation', 'informationscomplementaires', 'comment', 'commentaire', 'commentaires', 'memo', 'notes'],
  amount: ['montant', 'amount', 'montanteur', 'montanteneur', 'montanteneuros', 'montantoperation', 'somme', 'transactionamount'],
  debit: ['debit', 'debiteuros', 'debiteur', 'montantdebit', 'debitamount', 'retrait', 'withdrawal', 'withdrawals', 'paidout', 'moneyout'],
  credit: ['credit', 'crediteuros', 'crediteur', 'montantcredit', 'creditamount', 'depot', 'deposit', 'deposits', 'paidin', 'moneyin'],
  currency: ['devise', 'currency', 'monnaie', 'ccy'],
  balance: ['solde', 'balance', 'accountbalance', 'soldeapresoperation', 'runningbalance'],
  payee: ['payee', 'beneficiaire', 'counterparty', 'tiers', 'merchant'],
  category: ['categorie', 'category'],
  reference: ['reference', 'referenceoperation', 'numerooperation', 'transactionid', 'ref'],
  type: ['typeoperation', 'typedoperation', 'transactiontype', 'type'],
  account: ['accountnum', 'accountnumber', 'numerodecompte', 'numerocompte', 'compte', 'account', 'iban'],
  account_name: ['accountlabel', 'accountname', 'intituleducompte', 'libellecompte'],
  fee: ['fee', 'fees', 'frais', 'commission'],
  state: ['state', 'status', 'statut', 'etat'],
};

/** Roles assigned first win contested columns (a "Libelle operation" is a memo once a label exists). */
const ROLE_ORDER: Array<Role | 'label' | 'memo'> = ['date', 'value_date', 'debit', 'credit', 'amount', 'label', 'memo', 'currency', 'balance', 'payee', 'category', 'reference', 'type', 'account', 'account_name', 'fee', 'state'];

function rank(canonical: string, synonyms: string[]): number {
  const i = synonyms.findIndex((s) => headerMatches(canonical, s));
  return i < 0 ? Number.POSITIVE_INFINITY : i;
}

/** Maps a header row to roles; null when it does not look like a statement header. */
export function mapHeader(header: readonly string[]): ColumnIndexes | null {
  const canonical = header.map(canonicalHeader);
  const taken = new Set<number>();
  const found: Partial<Record<Role, number>> & { label?: number[]; memo?: number[] } = {};
  for (const role of ROLE_ORDER) {
    const ranked = canonical
      .map((c, i) => ({ i, r: c === '' || taken.has(i) ? Number.POSITIVE_INFINITY : rank(c, SYNONYMS[role]) }))
      .filter((x) => Number.isFinite(x.r))
      .sort((a, b) => a.r - b.r || a.i - b.i);
    if (ranked.length === 0) continue;
    if (role === 'memo') {
      found.memo = ranked.map((x) => x.i).sort((a, b) => a - b);
      found.memo.forEach((i) => taken.add(i));
    } else if (role === 'label') {
      found.label = [ranked[0]!.i];
      taken.add(ranked[0]!.i);
    } else {
      found[role] = ranked[0]!.i;
      taken.add(ranked[0]!.i);
    }
  }
  const hasAmount = found.amount !== undefined || found.debit !== undefined || found.credit !== undefined;
  if (found.date === undefined || !hasAmount) return null;
  return { ...found, date: found.date, label: found.label ?? [] };
}

/** Resolves an explicit mapping given by header name or 0-based index. */
export function mapExplicit(mapping: CsvColumnMapping, header: readonly string[] | null, width: number): ColumnIndexes {
  const resolve = (key: string, ref: string | number): number => {
    if (typeof ref === 'number') {
      if (Number.isInteger(ref) && ref >= 0 && ref < width) return ref;
    } else if (header) {
      const exact = header.findIndex((h) => h.trim() === ref.trim());
      const index = exact >= 0 ? exact : header.findIndex((h) => canonicalHeader(h) === canonicalHeader(ref));
      if (index >= 0) return index;
    }
    throw new StatementParseError('UNSUPPORTED_CONTENT', `the CSV column mapping for "${key}" names a column the file does not have: ${JSON.stringify(ref)}`, {
      line: 1,
    });
  };
  const optional = (key: keyof CsvColumnMapping) => {
    const ref = mapping[key];
    return ref === undefined || Array.isArray(ref) ? {} : { [key]: resolve(key, ref) };
  };
  const labels = Array.isArray(mapping.label) ? mapping.label : [mapping.label];
  if (mapping.amount === undefined && mapping.debit === undefined && mapping.credit === undefined) {
    throw new StatementParseError('UNSUPPORTED_CONTENT', 'the CSV column mapping needs amount, or debit and/or credit');
  }
  return {
    date: resolve('date', mapping.date),
    label: labels.map((l) => resolve('label', l)),
    ...optional('amount'),
    ...optional('debit'),
    ...optional('credit'),
    ...optional('value_date'),
    ...optional('currency'),
    ...optional('balance'),
  };
}

/** Header-less files (BNP Paribas): the date, amount and label columns are read from the data. */
export function inferColumns(rows: ReadonlyArray<readonly string[]>, isDate: (v: string) => boolean, isAmount: (v: string) => boolean): ColumnIndexes | null {
  const width = rows.reduce((max, r) => Math.max(max, r.length), 0);
  const share = (test: (v: string) => boolean, col: number) => {
    const values = rows.map((r) => (r[col] ?? '').trim()).filter((v) => v !== '');
    return values.length === 0 ? 0 : values.filter(test).length / rows.length;
  };
  const columns = Array.from({ length: width }, (_, i) => i);
  const dateCols = columns.filter((c) => share(isDate, c) === 1);
  const amountCols = columns.filter((c) => !dateCols.includes(c) && share(isAmount, c) === 1);
  if (dateCols.length === 0 || amountCols.length === 0) return null;
  const textLength = (c: number) => rows.reduce((n, r) => n + (r[c] ?? '').trim().length, 0);
  const label = columns.filter((c) => !dateCols.includes(c) && !amountCols.includes(c)).sort((a, b) => textLength(b) - textLength(a))[0];
  return {
    date: dateCols[0]!,
    ...(dateCols[1] !== undefined ? { value_date: dateCols[1] } : {}),
    amount: amountCols[amountCols.length - 1]!,
    label: label !== undefined ? [label] : [],
  };
}
