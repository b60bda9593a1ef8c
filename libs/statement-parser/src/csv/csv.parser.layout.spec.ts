import { StatementParseError } from '../statement-parse.error.js';
import type { ParsedDocument, ParseOptions } from '../statement.types.js';
import { parseCsv } from './csv.parser.js';
import { parseFailure } from '../testing/parse-failure.js';

/*
 * How a whole file is laid out: where the header is searched, where header-less data starts, which rows are too
 * wide or too short, where the currency comes from, and what an empty file gives. Small files, written as banks
 * write them.
 */

const parse = (text: string, options: ParseOptions = {}): ParsedDocument => parseCsv(Buffer.from(text, 'utf8'), { defaultCurrency: 'EUR', ...options });
const txs = (doc: ParsedDocument) => doc.statements.flatMap((s) => s.transactions);

function failure(text: string, options: ParseOptions = {}): StatementParseError {
  return parseFailure(() => parse(text, options));
}

const preamble = (count: number): string => Array.from({ length: count }, (_, i) => `Ligne ${i + 1};du;relevé\n`).join('');

describe(`${parseCsv.name} header search`, () => {
  it('finds a header on the 40th line and not below it', () => {
    const body = 'Date;Libellé;Montant\n15/03/2024;CAFE;-4,50\n';
    expect(txs(parse(`${preamble(39)}${body}`))[0]!.raw).toEqual({ Date: '15/03/2024', 'Libellé': 'CAFE', Montant: '-4,50' });
    // Past the search, the header is one more preamble line and the columns are read from the data.
    expect(txs(parse(`${preamble(40)}${body}`))[0]!.raw).toEqual({ column_1: '15/03/2024', column_2: 'CAFE', column_3: '-4,50' });
  });

  it('starts header-less data at the first line of the usual width that holds a date', () => {
    const text = 'Relevé du;15/03/2024\nJour;Texte;Somme\n15/03/2024;CAFE;-4,50\n16/03/2024;PAIN;-1,20\n';
    const doc = parse(text);
    expect(txs(doc).map((t) => [t.date, t.label, t.amount])).toEqual([
      ['2024-03-15', 'CAFE', '-4.50'],
      ['2024-03-16', 'PAIN', '-1.20'],
    ]);
    expect(doc.statements[0]!.account).toEqual({ id: 'unknown' });
  });

  it('refuses a file with neither a header nor a row holding a date', () => {
    const err = failure('Relevé de compte\nAucune opération;ce mois\n');
    expect(err.code).toBe('UNSUPPORTED_CONTENT');
    expect(err.message).toBe('no CSV header row and no row starting with a date was found');
    expect(err.location).toEqual({ line: 1 });
  });

  it('names the first line read when no date and amount columns can be found', () => {
    const err = failure('Relevé;****1234\n15/03/2024;CAFE;gratuit\n16/03/2024;PAIN;offert\n');
    expect(err.code).toBe('UNSUPPORTED_CONTENT');
    expect(err.message).toBe('no date and amount columns found in the CSV (line 2)');
    expect(err.location).toEqual({ line: 2 });
  });
});

describe(`${parseCsv.name} account from the preamble`, () => {
  it.each([
    ['Banque;Compte courant;****1234', { id: '****1234', name: 'Compte courant' }],
    ['Compte courant;;****1234', { id: '****1234', name: 'Compte courant' }],
    ['Agence 12;****1234', { id: '****1234' }],
    ['Compte **42', { id: '**42' }],
    ['Compte *1234', { id: 'unknown' }],
    ['Compte;1234567', { id: 'unknown' }],
    ['Réf;12345678AB', { id: 'unknown' }],
    [' Compte courant ; ; ****1234 ', { id: '****1234', name: 'Compte courant' }],
    ['Livret;00012345', { id: '00012345', name: 'Livret' }],
    ['IBAN;FR7630001007941234567890185', { id: 'FR7630001007941234567890185', name: 'IBAN' }],
  ])('reads %j', (line, account) => {
    expect(parse(`${line}\nDate;Libellé;Montant\n15/03/2024;CAFE;-4,50\n`).statements[0]!.account).toEqual(account);
  });

  it('takes the first preamble line that names an account', () => {
    const text = 'Titulaire;M. DUPONT\nCompte;****1234\nLivret;****9876\nDate;Libellé;Montant\n15/03/2024;CAFE;-4,50\n';
    expect(parse(text).statements[0]!.account).toEqual({ id: '****1234', name: 'Compte' });
  });

  it('never reads an account from the rows below the header', () => {
    expect(parse('Date;Libellé;Montant\n15/03/2024;VIR 12345678901;-4,50\n').statements[0]!.account).toEqual({ id: 'unknown' });
  });

  it('decodes HTML entities in the preamble', () => {
    expect(parse('Compte ch&egrave;ques;****1234\nDate;Libellé;Montant\n15/03/2024;CAFE;-4,50\n').statements[0]!.account).toEqual({
      id: '****1234',
      name: 'Compte chèques',
    });
  });
});

describe(`${parseCsv.name} row widths`, () => {
  it('accepts blank cells after the last column and a header with a blank last name', () => {
    expect(txs(parse('Date;Libellé;Montant\n15/03/2024;CAFE;-4,50;;\n'))[0]!.raw).toEqual({
      Date: '15/03/2024', 'Libellé': 'CAFE', Montant: '-4,50', column_4: '', column_5: '',
    });
    expect(txs(parse('Date;Libellé;Montant;\n15/03/2024;CAFE;-4,50\n')).map((t) => t.amount)).toEqual(['-4.50']);
  });

  it('refuses rows that all have a filled cell beyond the header', () => {
    const err = failure('Date;Libellé;Montant\n15/03/2024;CAFE;-4,50;x\n16/03/2024;PAIN;-1,20;y\n');
    expect(err.message).toBe('line 2: 4 columns where the header has 3');
    expect(err.location).toEqual({ line: 2 });
  });

  it('refuses a header-less row with a filled cell beyond the others', () => {
    const err = failure('15/03/2024;CAFE;-4,50\n16/03/2024;PAIN;-1,20\n17/03/2024;LAIT;-0,99;oops\n');
    expect(err.message).toBe('line 3: 4 columns where the other rows have 3');
    expect(err.location).toEqual({ line: 3 });
  });

  it('refuses a header-less row shorter than the others', () => {
    const err = failure('15/03/2024;CAFE;-4,50\n16/03/2024;PAIN\n17/03/2024;LAIT;-0,99\n', { csv: { columns: { date: 0, label: 1, amount: 2 } } });
    expect(err.message).toBe('line 2: 2 columns where the other rows have 3');
  });

  it('names a header-less date column by number in a date error', () => {
    const err = failure('15/03/2024;CAFE;-4,50\n16/03/2024;PAIN;-1,20\n32/03/2024;LAIT;-0,99\n', { csv: { columns: { date: 0, label: 1, amount: 2 } } });
    expect(err.message).toBe('line 3, column 1: invalid date "32/03/2024" (expected DD/MM/YYYY like the other rows)');
    expect(err.location).toEqual({ line: 3, element: 'column 1' });
  });

  it('reads header-less rows whose quoted labels hold the delimiter', () => {
    const doc = parse('15/03/2024;"CB; CAFE";-4,50\n16/03/2024;"VIR; ACME";10,00\n');
    expect(txs(doc).map((t) => [t.label, t.amount])).toEqual([['CB; CAFE', '-4.50'], ['VIR; ACME', '10.00']]);
  });

  it('names the date column by its trimmed header in a date error', () => {
    expect(failure(' Date ;Libellé;Montant\n15/03/2024;CAFE;-4,50\n32/03/2024;PAIN;-1,20\n').message).toBe(
      'line 3, column 1 "Date": invalid date "32/03/2024" (expected DD/MM/YYYY like the other rows)',
    );
  });

  it('skips a row of blank cells without a warning', () => {
    const doc = parse('Date;Libellé;Montant\n15/03/2024;CAFE;-4,50\n;;\n16/03/2024;PAIN;-1,20\n');
    expect(txs(doc).map((t) => t.label)).toEqual(['CAFE', 'PAIN']);
    expect(doc.warnings).toEqual([]);
  });

  it('reads a file with old Mac line endings', () => {
    expect(txs(parse('Date;Libellé;Montant\r15/03/2024;CAFE;-4,50\r16/03/2024;PAIN;-1,20\r')).map((t) => t.label)).toEqual(['CAFE', 'PAIN']);
  });
});

describe(`${parseCsv.name} currency`, () => {
  it('takes each row currency from a currency column, without assuming EUR from decimal commas', () => {
    const doc = parseCsv(Buffer.from('Date;Libellé;Montant;Devise\n15/03/2024;CAFE;-4,50;USD\n16/03/2024;PAIN;-1,20;\n', 'utf8'));
    expect(doc.statements[0]!.currency).toBe('USD');
    expect(txs(doc).map((t) => t.currency)).toEqual(['USD', 'XXX']);
    expect(doc.warnings).toEqual([]);
  });

  it('assumes EUR from decimal-comma amounts, and says so', () => {
    const doc = parseCsv(Buffer.from('Date;Libellé;Montant\n15/03/2024;CAFE;-4,50\n', 'utf8'));
    expect(doc.statements[0]!.currency).toBe('EUR');
    expect(doc.warnings).toEqual([
      { code: 'CURRENCY_ASSUMED', message: 'the CSV states no currency; EUR was assumed from its decimal-comma amounts (set defaultCurrency to choose another)' },
    ]);
  });

  it('assumes EUR from decimal-comma debits and credits', () => {
    // Comma-separated, so an empty column falls back to dot decimals: only the filled one has a comma.
    const doc = parseCsv(Buffer.from('Date,Libellé,Débit,Crédit\n15/03/2024,CAFE,"4,50",\n', 'utf8'));
    expect(doc.statements[0]!.currency).toBe('EUR');
    expect(doc.warnings.map((w) => w.code)).toEqual(['CURRENCY_ASSUMED']);
    const credit = parseCsv(Buffer.from('Date,Libellé,Débit,Crédit\n15/03/2024,VIR,,"4,50"\n', 'utf8'));
    expect([credit.statements[0]!.currency, credit.warnings.map((w) => w.code)]).toEqual(['EUR', ['CURRENCY_ASSUMED']]);
  });

  it('does not assume EUR from a decimal-comma balance', () => {
    const err = (() => {
      try {
        parseCsv(Buffer.from('Date;Libellé;Montant;Solde\n15/03/2024;CAFE;-4.50;100,50\n', 'utf8'));
      } catch (error) {
        return error as StatementParseError;
      }
      throw new Error('expected a StatementParseError');
    })();
    expect(err.message).toBe('the CSV states no currency (no currency column); set the default currency to parse it');
    expect(err.code).toBe('UNSUPPORTED_CONTENT');
    expect(err.location).toEqual({ line: 1 });
  });
});

describe(`${parseCsv.name} payee, ids and empty files`, () => {
  it('takes the Description as the payee in a Revolut-style export only', () => {
    const revolut = 'Type,Started Date,Completed Date,Description,Amount\nCARD_PAYMENT,2024-03-15 10:00,2024-03-15 11:00,Amazon,-4.50\n';
    expect(txs(parse(revolut))[0]).toMatchObject({ label: 'Amazon', payee: 'Amazon', type: 'CARD_PAYMENT' });
    expect(txs(parse(revolut.replace('Started Date,', 'Start,')))[0]).not.toHaveProperty('payee');
    expect(txs(parse(revolut.replace('Completed Date', 'Booking Date')))[0]).not.toHaveProperty('payee');
    expect(txs(parse(revolut.replace('Description', 'Label')))[0]).not.toHaveProperty('payee');
  });

  it('keeps ids unique when the bank repeats a reference', () => {
    const doc = parse('Date;Libellé;Montant;Réf\n15/03/2024;CAFE;-4,50;R1\n16/03/2024;PAIN;-1,20;R1\n17/03/2024;LAIT;-0,99;R1\n');
    expect(txs(doc).map((t) => [t.id, t.reference])).toEqual([['R1', 'R1'], ['R1#2', 'R1'], ['R1#3', 'R1']]);
  });

  it('refuses a header without rows as an empty document, naming the header line', () => {
    const err = failure('Compte;****1234\n\nDate;Libellé;Montant\n\n', { csv: { dateFormat: 'DD/MM/YYYY' } });
    expect(err.code).toBe('EMPTY_DOCUMENT');
    expect(err.message).toBe('the CSV has a header (line 3) but no rows');
    expect(err.location).toEqual({ line: 3 });
  });

  it('refuses a header without rows as an empty document whatever it could not detect from them', () => {
    for (const text of ['Date;Libellé;Montant\n', 'Date,Description,Amount\n\n\n', 'Date;Valeur;Libellé;Débit;Crédit;Devise\n']) {
      const err = failure(text);
      expect([err.code, err.message, err.location]).toEqual(['EMPTY_DOCUMENT', 'the CSV has a header (line 1) but no rows', { line: 1 }]);
    }
  });

  it('gives an empty statement when every row is pending, without being told the date format', () => {
    const doc = parse('Date;Libellé;Montant;Statut\n15/03/2024;CAFE;-4,50;PENDING\n');
    expect(doc.statements).toEqual([{ account: { id: 'unknown' }, currency: 'EUR', period: { start: null, end: null }, transactions: [] }]);
    expect(doc.warnings).toEqual([{ code: 'ROW_SKIPPED', message: 'line 2 skipped: state PENDING (not booked)', line: 2 }]);
  });

  it('names the empty date of a file whose only row has none', () => {
    const err = failure('Date;Libellé;Montant\n;CAFE;-4,50\n');
    expect(err.code).toBe('MALFORMED_DOCUMENT');
    expect(err.message).toMatch(/the date is empty/);
    expect(err.location.line).toBe(2);
  });

  it('gives an empty statement and a warning per row when every row is pending', () => {
    const doc = parse('Date;Libellé;Montant;Statut\n15/03/2024;CAFE;-4,50;PENDING\n16/03/2024;PAIN;-1,20;DECLINED\n', { csv: { dateFormat: 'DD/MM/YYYY' } });
    expect(doc.statements).toEqual([{ account: { id: 'unknown' }, currency: 'EUR', period: { start: null, end: null }, transactions: [] }]);
    expect(doc.warnings).toEqual([
      { code: 'ROW_SKIPPED', message: 'line 2 skipped: state PENDING (not booked)', line: 2 },
      { code: 'ROW_SKIPPED', message: 'line 3 skipped: state DECLINED (not booked)', line: 3 },
    ]);
  });
});
