import iconv from 'iconv-lite';

import { StatementParseError } from '../statement-parse.error.js';
import type { ParsedDocument, ParseOptions } from '../statement.types.js';
import { parseCsv } from './csv.parser.js';
import { parseFailure } from '../testing/parse-failure.js';

/*
 * The caller's CSV options, each shown on a small file where the detected value would read it otherwise.
 */

const parse = (text: string, options: ParseOptions = {}): ParsedDocument => parseCsv(Buffer.from(text, 'utf8'), { defaultCurrency: 'EUR', ...options });
const txs = (doc: ParsedDocument) => doc.statements.flatMap((s) => s.transactions);

function failure(text: string, options: ParseOptions = {}): StatementParseError {
  return parseFailure(() => parse(text, options));
}

describe(`${parseCsv.name} options`, () => {
  it('splits on the delimiter it is told when labels full of commas would fool the guess', () => {
    const text = 'Date;Libellé;Montant\n15/03/2024;CB, CAFE, BAR, TABAC, PMU, LOTO;-4,50\n';
    expect(txs(parse(text, { csv: { delimiter: ';' } })).map((t) => [t.label, t.amount])).toEqual([['CB, CAFE, BAR, TABAC, PMU, LOTO', '-4.50']]);
  });

  it('reads the header on the row it is told, even below a line that looks like one', () => {
    const text = 'Date;Montant\n\nDate;Libellé;Montant\n15/03/2024;CAFE;-4,50\n';
    const doc = parse(text, { csv: { headerRow: 2 } });
    expect(txs(doc).map((t) => t.raw)).toEqual([{ Date: '15/03/2024', 'Libellé': 'CAFE', Montant: '-4,50' }]);
  });

  it('reads dates in the format it is told, for the value date too', () => {
    const text = 'Date;Date valeur;Libellé;Montant\n01/02/2024;01/03/2024;CAFE;-4,50\n';
    expect(txs(parse(text, { csv: { dateFormat: 'MM/DD/YYYY' } })).map((t) => [t.date, t.value_date])).toEqual([['2024-01-02', '2024-01-03']]);
    expect(txs(parse(text)).map((t) => [t.date, t.value_date])).toEqual([['2024-02-01', '2024-03-01']]);
  });

  it('reads amounts with the decimal separator it is told, but the balance with its own', () => {
    const text = 'Date;Libellé;Montant;Solde\n15/03/2024;VIR;1,234;5.234,00\n';
    const doc = parse(text, { csv: { decimalSeparator: '.' } });
    expect(txs(doc).map((t) => t.amount)).toEqual(['1234.00']);
    expect(doc.statements[0]).toMatchObject({ opening_balance: { amount: '4000.00' }, closing_balance: { amount: '5234.00' } });
  });

  it('holds amounts to the decimal separator it is told, refusing one written otherwise', () => {
    expect(failure('Date;Libellé;Montant\n15/03/2024;CAFE;-4.50\n', { csv: { decimalSeparator: ',' } }).message).toBe(
      'line 2, column 3 "Montant": invalid amount "-4.50"',
    );
  });

  it('reads an ambiguous balance with the decimal separator it is told', () => {
    const doc = parse('Date;Libellé;Montant;Solde\n15/03/2024;VIR;1,234;2,468\n', { csv: { decimalSeparator: '.' } });
    expect(doc.statements[0]).toMatchObject({ opening_balance: { amount: '1234.00' }, closing_balance: { amount: '2468.00' } });
  });

  it('decodes the bytes with the encoding it is told even when they would read as UTF-8', () => {
    const doc = parseCsv(Buffer.from('Date;Label;Montant\n15/03/2024;CAFÉ;-4,50\n', 'utf8'), { defaultCurrency: 'EUR', csv: { encoding: 'windows-1252' } });
    expect(txs(doc).map((t) => t.label)).toEqual(['CAFÃ‰']);
  });

  it('reads an ambiguous amount with a dot decimal in a comma-separated file and a comma decimal otherwise', () => {
    expect(txs(parse('Date,Label,Amount\n2024-03-15,VIR,1.234\n')).map((t) => t.amount)).toEqual(['1.234']);
    expect(txs(parse('Date;Label;Amount\n2024-03-15;VIR;1.234\n')).map((t) => t.amount)).toEqual(['1234.00']);
    expect(txs(parse('Date;Label;Amount\n2024-03-15;VIR;1,234\n')).map((t) => t.amount)).toEqual(['1.234']);
    expect(txs(parse('Date;Label;Amount\n2024-03-15;VIR;1,234\n', { csv: { decimalSeparator: '.' } })).map((t) => t.amount)).toEqual(['1234.00']);
  });

  it('decodes the bytes with the encoding it is told', () => {
    const bytes = iconv.encode('Date;Libellé;Montant\n15/03/2024;CAFÉ;-4,50\n', 'latin1');
    const doc = parseCsv(bytes, { defaultCurrency: 'EUR', csv: { encoding: 'latin1' } });
    expect(txs(doc).map((t) => [t.label, t.raw])).toEqual([['CAFÉ', { Date: '15/03/2024', 'Libellé': 'CAFÉ', Montant: '-4,50' }]]);
  });

  it('reads as many rows as allowed, with or without a header, and refuses one more', () => {
    const rows = '15/03/2024;CAFE;-4,50\n16/03/2024;PAIN;-1,20\n';
    expect(txs(parse(`Date;Libellé;Montant\n${rows}`, { maxRows: 2 }))).toHaveLength(2);
    expect(txs(parse(rows, { maxRows: 2 }))).toHaveLength(2);
    const err = failure(`${rows}17/03/2024;LAIT;-0,99\n`, { maxRows: 2 });
    expect(err.code).toBe('LIMIT_EXCEEDED');
    expect(err.location).toEqual({ line: 3 });
    expect(failure(`Date;Libellé;Montant\n${rows}17/03/2024;LAIT;-0,99\n`, { maxRows: 2 }).location).toEqual({ line: 4 });
  });

  it('checks a mapping by index against the width of the rows', () => {
    const rows = '15/03/2024;CAFE;-4,50\n16/03/2024;PAIN;-1,20\n';
    expect(txs(parse(rows, { csv: { columns: { date: 0, label: 1, amount: 2 } } })).map((t) => t.amount)).toEqual(['-4.50', '-1.20']);
    expect(failure(rows, { csv: { columns: { date: 0, label: 1, amount: 3 } } }).message).toBe(
      'the CSV column mapping for "amount" names a column the file does not have: 3',
    );
  });

  it('finds the header by the name the mapping gives the date, trimmed', () => {
    const text = 'Relevé;****1234\nwhen;what;how much\n15/03/2024;CAFE;-4,50\n';
    const doc = parse(text, { csv: { columns: { date: ' when ', label: 'what', amount: 'how much' } } });
    expect(doc.statements[0]!.account).toEqual({ id: '****1234', name: 'Relevé' });
    expect(txs(doc).map((t) => t.raw)).toEqual([{ when: '15/03/2024', what: 'CAFE', 'how much': '-4,50' }]);
  });
});
