import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { documentResultSchema } from './document-result.schema.js';
import { StatementParseError } from './statement-parse.error.js';
import { parseStatement, toDocumentResult } from './statement-parser.js';

const STATEMENTS = path.resolve(process.cwd(), '../shared/fixtures/statements');
const SAMPLES = path.resolve(process.cwd(), 'samples');

/** Every statement file of the fixtures and samples (PDFs aside), by name. */
function statementFiles(): Array<[string, string]> {
  return [
    ...['camt053', 'csv', 'mt940', 'ofx', 'qif'].flatMap((dir) => readdirSync(path.join(STATEMENTS, dir)).map((f) => path.join(STATEMENTS, dir, f))),
    ...readdirSync(SAMPLES).filter((f) => f.startsWith('releve-')).map((f) => path.join(SAMPLES, f)),
  ]
    .filter((f) => !f.endsWith('.json') && !f.endsWith('.md'))
    .map((f) => [path.basename(f), f]);
}

/** What the Document Processor answers for a file, as JSON; null when the parser refuses it with its own error. */
function answerFor(file: string): unknown {
  try {
    return JSON.parse(JSON.stringify(toDocumentResult(parseStatement(readFileSync(file), { fileName: file })))) as unknown;
  } catch (error) {
    if (!(error instanceof StatementParseError)) throw error;
    return null;
  }
}

const valid = {
  account: { id: 'FR7630001007941234567890185' },
  period: { start: '2024-03-01', end: '2024-03-31' },
  currency: 'EUR',
  transactions: [{ id: 'tx-1', date: '2024-03-01', amount: '-54.37', currency: 'EUR', label: 'CB CARREFOUR', raw: {} }],
};

describe('documentResultSchema', () => {
  // Only the names are read here: parsing belongs inside the tests, where a mutation run can tell which test ran
  // which parser code (code run while tests are collected is "static" to Stryker and costs it every test file).
  const files = statementFiles();

  // This parses every file once more: an answer cached from it would hide from Stryker which test ran the parser.
  it('finds enough real answers to mean something', () => {
    expect(files.map(([, file]) => answerFor(file)).filter((answer) => answer !== null).length).toBeGreaterThanOrEqual(20);
  });

  it.each(files)('accepts what the parser answers for %s, if it accepts the file', (_name, file) => {
    const answer = answerFor(file);
    expect(answer === null ? undefined : documentResultSchema.safeParse(answer).error?.issues).toBeUndefined();
  });

  it('accepts the documented contract, and fields beyond it', () => {
    expect(documentResultSchema.safeParse(valid).success).toBe(true);
    expect(documentResultSchema.safeParse({ ...valid, format: 'ofx', warnings: [], extra: 1 }).success).toBe(true);
    expect(documentResultSchema.safeParse({ ...valid, currency: null, period: { start: null, end: null } }).success).toBe(true);
  });

  it.each([
    ['an amount sent as a JSON number', { transactions: [{ ...valid.transactions[0], amount: -54.37 }] }, ['transactions', 0, 'amount']],
    ['an amount with a decimal comma', { transactions: [{ ...valid.transactions[0], amount: '-54,37' }] }, ['transactions', 0, 'amount']],
    ['a date that is not YYYY-MM-DD', { transactions: [{ ...valid.transactions[0], date: '01/03/2024' }] }, ['transactions', 0, 'date']],
    ['a transaction without raw', { transactions: [{ ...valid.transactions[0], raw: undefined }] }, ['transactions', 0, 'raw']],
    ['a transaction without currency', { transactions: [{ ...valid.transactions[0], currency: 'euro' }] }, ['transactions', 0, 'currency']],
    ['an empty transaction id', { transactions: [{ ...valid.transactions[0], id: '' }] }, ['transactions', 0, 'id']],
    ['transactions that are not a list', { transactions: {} }, ['transactions']],
    ['an account without id', { account: {} }, ['account', 'id']],
    ['a period end that is not a date', { period: { start: null, end: 'March' } }, ['period', 'end']],
    ['an unknown format', { format: 'xls' }, ['format']],
  ])('refuses %s, naming the field', (_what, change, field) => {
    const result = documentResultSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path)).toContainEqual(field);
  });
});
