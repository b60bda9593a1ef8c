import { readFileSync } from 'node:fs';
import path from 'node:path';

import iconv from 'iconv-lite';

import { StatementParseError } from '../statement-parse.error.js';
import type { ParseOptions } from '../statement.types.js';
import { parseCsv } from './csv.parser.js';

const revolut = readFileSync(path.resolve(process.cwd(), '../shared/fixtures/statements/csv/ofxstatement-revolut_2021-10_utf8_payees.csv'), 'utf8');
const caisse = readFileSync(path.resolve(process.cwd(), 'libs/statement-parser/src/csv/__fixtures__/caisse-epargne.csv'), 'utf8');
const agricole = iconv.decode(readFileSync(path.resolve(process.cwd(), 'libs/statement-parser/src/csv/__fixtures__/credit-agricole.cp1252.csv')), 'windows-1252');

function failure(text: string, options: ParseOptions = {}): StatementParseError {
  try {
    const doc = parseCsv(Buffer.from(text, 'utf8'), options);
    throw new Error(`expected a StatementParseError, got ${doc.statements.flatMap((s) => s.transactions).length} transaction(s)`);
  } catch (err) {
    if (!(err instanceof StatementParseError)) throw err;
    expect(err.kind).toBe('permanent');
    return err;
  }
}

function replaceOnce(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

describe(`${parseCsv.name} on malformed input`, () => {
  it('names the line and column of a corrupted amount', () => {
    const err = failure(replaceOnce(revolut, '-4.85', '-4.8x5'));
    expect(err.message).toBe('line 4, column 6 "Amount": invalid amount "-4.8x5"');
    expect(err.location).toEqual({ line: 4, element: 'column 6 "Amount"' });
  });

  it('names the line and column of a broken date', () => {
    const err = failure(replaceOnce(caisse, '09/01/2024;CB BOULANGERIE', '32/01/2024;CB BOULANGERIE'));
    expect(err.message).toBe('line 4, column 1 "Date de comptabilisation": invalid date "32/01/2024" (expected DD/MM/YYYY like the other rows)');
  });

  it('rejects a date that the detected format cannot read', () => {
    const err = failure(replaceOnce(revolut, '2021-09-06 6:11:59', '06/09/2021 6:11:59'));
    expect(err.message).toMatch(/^line 4, column 4 "Completed Date": invalid date "06\/09\/2021 6:11:59"/);
  });

  it('rejects a row with a column dropped', () => {
    const err = failure(replaceOnce(revolut, 'shop a,-51.13,0,', 'shop a,-51.13,'));
    expect(err.message).toBe('line 6: 9 columns where the header has 10');
    expect(err.location.line).toBe(6);
  });

  it('rejects a row with an extra filled column', () => {
    expect(failure(replaceOnce(caisse, ';08/01/2024;09/01/2024;0', ';08/01/2024;09/01/2024;0;oops')).message).toBe('line 4: 14 columns where the header has 13');
  });

  it.each([0.3, 0.55, 0.8, 0.97])('rejects the Revolut file cut at %f of its length instead of returning part of it', (fraction) => {
    const cut = revolut.slice(0, Math.floor(revolut.length * fraction));
    const lastLine = cut.split('\n').length;
    const err = failure(cut);
    expect(err.location.line).toBe(lastLine);
    expect(err.message).toMatch(new RegExp(`^line ${lastLine}[:,]`));
  });

  it('rejects a file cut inside a quoted multi-line label', () => {
    const cut = agricole.slice(0, agricole.indexOf('ACME SAS'));
    const err = failure(cut);
    expect(err.message).toMatch(/^malformed CSV at line \d+: Quote Not Closed/);
    expect(err.location.line).toBe(10);
  });

  it('rejects a row without any amount', () => {
    expect(failure(replaceOnce(caisse, ';-4,60;;', ';;;')).message).toBe('line 4, column 9 "Debit": no amount (the amount, debit and credit cells are empty)');
  });

  it('rejects an empty date on a row that is not a reported skip', () => {
    expect(failure(replaceOnce(revolut, '2021-09-07 12:59:00', '')).message).toBe('line 7, column 4 "Completed Date": the date is empty');
  });

  it('rejects a stray quote with its line', () => {
    expect(failure(replaceOnce(revolut, ',food,-4.85', ',fo"od,-4.85')).message).toMatch(/^malformed CSV at line 4: /);
  });

  it('rejects text that has no date and amount columns', () => {
    expect(failure('name;city\nAda;London\nAlan;Wilmslow\n').code).toBe('UNSUPPORTED_CONTENT');
  });

  it('answers at once on header cells of lost letters that a regex of optional letters would backtrack on', () => {
    // 30 U+FFFD then a letter no synonym ends with, in every cell of a preamble line.
    const cell = `${'\uFFFD'.repeat(30)}q`;
    const hostile = `${Array.from({ length: 10 }, () => cell).join(',')}\n${revolut}`;
    expect(parseCsv(Buffer.from(hostile, 'utf8')).statements[0]!.transactions).toHaveLength(7);
  });

  it('refuses more rows than MAX_STATEMENT_ROWS, naming the limit and the first row over it', () => {
    const err = failure(revolut, { maxRows: 3 });
    expect(err.code).toBe('LIMIT_EXCEEDED');
    expect(err.message).toContain('more than 3 rows');
    expect(err.message).toContain('MAX_STATEMENT_ROWS=3');
    expect(err.location.line).toBe(5);
  });

  it('asks for a currency when the file has none and uses dot decimals', () => {
    const err = failure('date,label,amount\n2024-01-02,Coffee,-3.50\n');
    expect(err.message).toBe('the CSV states no currency (no currency column); set the default currency to parse it');
  });
});
