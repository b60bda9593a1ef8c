import { StatementParseError } from '../statement-parse.error.js';
import { readRecords } from './csv-records.js';
import { parseFailure } from '../testing/parse-failure.js';

/*
 * Records and the line each one starts on, numbered in the whole file: every row error a user sees names that line,
 * so a record counted from the wrong place points them at the wrong row.
 */

function refusal(lines: string[], fromLine: number, delimiter = ';'): StatementParseError {
  return parseFailure(() => readRecords(lines, fromLine, delimiter));
}

describe(readRecords.name, () => {
  it('reads each record with the 1-based line it is on', () => {
    expect(readRecords(['Date;Libellé;Montant', '15/03/2024;CAFE;-4,50', '16/03/2024;PAIN;-1,20'], 0, ';')).toEqual([
      { fields: ['Date', 'Libellé', 'Montant'], line: 1 },
      { fields: ['15/03/2024', 'CAFE', '-4,50'], line: 2 },
      { fields: ['16/03/2024', 'PAIN', '-1,20'], line: 3 },
    ]);
  });

  it('numbers the records in the whole file when it starts below a preamble', () => {
    const lines = ['Compte courant;****1234', '', 'Date;Montant', '15/03/2024;-4,50'];
    expect(readRecords(lines, 2, ';')).toEqual([
      { fields: ['Date', 'Montant'], line: 3 },
      { fields: ['15/03/2024', '-4,50'], line: 4 },
    ]);
  });

  it('never reads the preamble, so a stray quote there does no harm', () => {
    expect(readRecords(['Export "du 15/03', 'Date;Montant', '15/03/2024;-4,50'], 1, ';')).toEqual([
      { fields: ['Date', 'Montant'], line: 2 },
      { fields: ['15/03/2024', '-4,50'], line: 3 },
    ]);
  });

  it('skips blank lines and keeps counting them', () => {
    expect(readRecords(['Date;Montant', '', '', '15/03/2024;-4,50', '', '16/03/2024;-1,20', ''], 0, ';')).toEqual([
      { fields: ['Date', 'Montant'], line: 1 },
      { fields: ['15/03/2024', '-4,50'], line: 4 },
      { fields: ['16/03/2024', '-1,20'], line: 6 },
    ]);
  });

  it('gives a quoted multi-line record the line it starts on, and the lines after it their own', () => {
    const lines = ['Date;Libellé;Montant', '15/03/2024;"PRELEVEMENT', 'EDF', 'REF 12345";-85,20', '', '16/03/2024;"CB;CAFE";-4,50', '17/03/2024;"A', 'B";-1,00'];
    expect(readRecords(lines, 0, ';')).toEqual([
      { fields: ['Date', 'Libellé', 'Montant'], line: 1 },
      { fields: ['15/03/2024', 'PRELEVEMENT\nEDF\nREF 12345', '-85,20'], line: 2 },
      { fields: ['16/03/2024', 'CB;CAFE', '-4,50'], line: 6 },
      { fields: ['17/03/2024', 'A\nB', '-1,00'], line: 7 },
    ]);
  });

  it('splits on the delimiter it is given and keeps the others in the fields', () => {
    expect(readRecords(['Date,Label,Amount', '2024-03-15,"CAFE; BAR",-4.50'], 0, ',')).toEqual([
      { fields: ['Date', 'Label', 'Amount'], line: 1 },
      { fields: ['2024-03-15', 'CAFE; BAR', '-4.50'], line: 2 },
    ]);
    expect(readRecords(['Date\tLabel', '2024-03-15\tA;B'], 0, '\t').map((r) => r.fields)).toEqual([['Date', 'Label'], ['2024-03-15', 'A;B']]);
  });

  it('reads rows of different widths as they are, for the caller to judge', () => {
    expect(readRecords(['a;b;c', '1;2', '1;2;3;4'], 0, ';').map((r) => r.fields)).toEqual([['a', 'b', 'c'], ['1', '2'], ['1', '2', '3', '4']]);
  });

  it('drops a byte order mark before the first field', () => {
    expect(readRecords(['\uFEFFDate;Montant', '15/03/2024;-4,50'], 0, ';')[0]).toEqual({ fields: ['Date', 'Montant'], line: 1 });
  });

  it('stops after the number of records it is allowed, and reads them all by default', () => {
    const lines = ['Date;Montant', '15/03/2024;-4,50', '16/03/2024;-1,20', '17/03/2024;-2,00'];
    expect(readRecords(lines, 0, ';', 2)).toEqual([
      { fields: ['Date', 'Montant'], line: 1 },
      { fields: ['15/03/2024', '-4,50'], line: 2 },
    ]);
    expect(readRecords(lines, 0, ';')).toHaveLength(4);
  });

  it('reads nothing from an empty body', () => {
    expect(readRecords(['Compte;1234', '', ''], 1, ';')).toEqual([]);
  });

  it('refuses an unclosed quote, naming the line in the whole file', () => {
    const err = refusal(['Compte;1234', 'Date;Libellé;Montant', '15/03/2024;"CAFE;-4,50', '16/03/2024;PAIN;-1,20'], 1);
    expect(err.code).toBe('MALFORMED_DOCUMENT');
    expect(err.message).toBe('malformed CSV at line 4: Quote Not Closed: the parsing is finished with an opening quote');
    expect(err.location).toEqual({ line: 4 });
  });

  it('refuses a quote in the middle of a field, naming its line', () => {
    const err = refusal(['Date;Libellé;Montant', '15/03/2024;CA"FE;-4,50'], 0);
    expect(err.message).toBe('malformed CSV at line 2: Invalid Opening Quote: a quote is found on field 1, value is "CA"');
    expect(err.location).toEqual({ line: 2 });
  });

  it('counts an error without a line of its own as the first line read', () => {
    const err = refusal(['Compte;1234', 'Date;Montant'], 1, '');
    expect(err.message).toMatch(/^malformed CSV at line 2: Invalid option delimiter/);
    expect(err.location).toEqual({ line: 2 });
  });
});
