import { inferColumns, mapExplicit, mapHeader } from './csv-columns.js';
import { parseFailure } from '../testing/parse-failure.js';

/*
 * Column roles from a header, a caller's mapping or the data itself. Which header spelling means which role is in
 * csv-columns.synonyms.spec.ts; here: which column wins when several could, and what a mapping may name.
 */

describe(mapHeader.name, () => {
  it('maps each recognised header cell to its role and leaves the others out', () => {
    expect(mapHeader(['Date', 'Date valeur', 'Libellé', 'Débit', 'Crédit', 'Solde', 'Pointé'])).toStrictEqual({
      date: 0, value_date: 1, label: [2], debit: 3, credit: 4, balance: 5,
    });
  });

  it('maps a header that has no label column, with an empty label list', () => {
    expect(mapHeader(['Date', 'Montant'])).toStrictEqual({ date: 0, label: [], amount: 1 });
  });

  it('accepts a debit or a credit column alone as the amount', () => {
    expect(mapHeader(['Date', 'Débit'])).toStrictEqual({ date: 0, label: [], debit: 1 });
    expect(mapHeader(['Date', 'Crédit'])).toStrictEqual({ date: 0, label: [], credit: 1 });
  });

  it('is no statement header without a date or without an amount', () => {
    expect(mapHeader(['Libellé', 'Montant'])).toBeNull();
    expect(mapHeader(['Date', 'Libellé', 'Solde'])).toBeNull();
    expect(mapHeader(['15/03/2024', 'CAFE', '-4,50'])).toBeNull();
    expect(mapHeader([])).toBeNull();
  });

  it('gives a role to the better synonym wherever it stands, and to the first of equal ones', () => {
    expect(mapHeader(['Date', 'Montant', 'Date de comptabilisation'])).toStrictEqual({ date: 2, label: [], amount: 1 });
    expect(mapHeader(['Date', 'Montant', 'Montant'])).toStrictEqual({ date: 0, label: [], amount: 1 });
    expect(mapHeader(['Date', 'Description', 'Libellé', 'Montant'])).toStrictEqual({ date: 0, label: [2], amount: 3 });
  });

  it('gives each column one role, the earlier role first', () => {
    // "Date" is the best date; the second "Date" is left over, as no other role takes that name.
    expect(mapHeader(['Date', 'Date', 'Montant'])).toStrictEqual({ date: 0, label: [], amount: 2 });
    // "Libellé opération" is a label or a memo: the label role comes first and takes it.
    expect(mapHeader(['Date', 'Libellé opération', 'Montant'])).toStrictEqual({ date: 0, label: [1], amount: 2 });
    // Three lost letters could be a currency, a reference or a fee (ccy, ref, fee); four, a memo or a type.
    expect(mapHeader(['Date', 'Montant', '\uFFFD\uFFFD\uFFFD'])).toStrictEqual({ date: 0, label: [], amount: 1, currency: 2 });
    expect(mapHeader(['Date', 'Montant', '\uFFFD\uFFFD\uFFFD\uFFFD'])).toStrictEqual({ date: 0, label: [], amount: 1, memo: [2] });
  });

  it('gathers every memo column, in file order', () => {
    expect(mapHeader(['Date', 'Libellé', 'Notes', 'Montant', 'Commentaire'])).toStrictEqual({ date: 0, label: [1], memo: [2, 4], amount: 3 });
  });

  it('skips empty header cells', () => {
    expect(mapHeader(['', 'Date', ' ', 'Montant', ''])).toStrictEqual({ date: 1, label: [], amount: 3 });
  });

  it('reads a header cell with a lost letter', () => {
    expect(mapHeader(['Date', 'Libell\uFFFD', 'D\uFFFDbit', 'Cr\uFFFDdit'])).toStrictEqual({ date: 0, label: [1], debit: 2, credit: 3 });
  });
});

describe(mapExplicit.name, () => {
  const header = ['Date opé', 'Libellé', 'Montant', 'Devise', 'Valeur', 'Solde', 'Débit', 'Crédit', 'Info'];

  it('finds columns by their header name, written exactly or in any case and accents', () => {
    expect(mapExplicit({ date: 'Date opé', label: ' libelle ', amount: 'MONTANT' }, header, 9)).toStrictEqual({ date: 0, label: [1], amount: 2 });
  });

  it('prefers the header cell written exactly as named, blanks aside, to one that only reads the same', () => {
    expect(mapExplicit({ date: 'Date op', label: 1, amount: 2 }, ['Date-op', ' Date op ', 'Montant'], 3).date).toBe(1);
    expect(mapExplicit({ date: 'Date', label: 'Date-op', amount: 'Montant' }, ['Date op', 'Date-op', 'Date', 'Montant'], 4)).toStrictEqual({ date: 2, label: [1], amount: 3 });
  });

  it('finds columns by 0-based index, with or without a header', () => {
    expect(mapExplicit({ date: 0, label: 1, amount: 2 }, null, 3)).toStrictEqual({ date: 0, label: [1], amount: 2 });
    expect(mapExplicit({ date: 'Date opé', label: 8, amount: 2 }, header, 9)).toStrictEqual({ date: 0, label: [8], amount: 2 });
  });

  it('maps every optional role it is given, and several label columns', () => {
    expect(
      mapExplicit({ date: 0, label: ['Libellé', 8], debit: 'Débit', credit: 7, value_date: 'Valeur', currency: 3, balance: 'Solde' }, header, 9),
    ).toStrictEqual({ date: 0, label: [1, 8], debit: 6, credit: 7, value_date: 4, currency: 3, balance: 5 });
  });

  it.each([
    [{ date: 0, label: 1, amount: 3 }, 'amount', '3'],
    [{ date: -1, label: 1, amount: 2 }, 'date', '-1'],
    [{ date: 0.5, label: 1, amount: 2 }, 'date', '0.5'],
    [{ date: 0, label: [1, 'Memo'], amount: 2 }, 'label', '"Memo"'],
    [{ date: 'Date', label: 1, amount: 2 }, 'date', '"Date"'],
    [{ date: 0, label: 1, amount: 2, balance: 'Solde' }, 'balance', '"Solde"'],
  ])('refuses a mapping that names a column the file does not have: %j', (mapping, key, ref) => {
    const err = parseFailure(() => mapExplicit(mapping, null, 3));
    expect(err.code).toBe('UNSUPPORTED_CONTENT');
    expect(err.message).toBe(`the CSV column mapping for "${key}" names a column the file does not have: ${ref}`);
    expect(err.location).toEqual({ line: 1 });
  });

  it('refuses a header name the header does not have', () => {
    expect(parseFailure(() => mapExplicit({ date: 'Date opé', label: 'Libellé', amount: 'Amount' }, header, 9)).message).toBe(
      'the CSV column mapping for "amount" names a column the file does not have: "Amount"',
    );
  });

  it('refuses a mapping without an amount, debit or credit column', () => {
    const err = parseFailure(() => mapExplicit({ date: 0, label: 1 }, null, 3));
    expect(err.code).toBe('UNSUPPORTED_CONTENT');
    expect(err.message).toBe('the CSV column mapping needs amount, or debit and/or credit');
    expect(err.location).toEqual({});
    expect(mapExplicit({ date: 0, label: 1, credit: 2 }, null, 3)).toStrictEqual({ date: 0, label: [1], credit: 2 });
  });
});

describe(inferColumns.name, () => {
  const isDate = (v: string) => /^\d{2}\/\d{2}\/\d{4}$/.test(v);
  const isAmount = (v: string) => /^-?\d+,\d{2}$/.test(v);

  it('finds the date, amount and label columns of header-less rows', () => {
    const rows = [
      ['02/01/2024', 'CARTE', 'PRLV SEPA EDF', '-85,20'],
      ['05/01/2024', 'VIR', 'VIR SEPA RECU ACME', '2750,00'],
    ];
    expect(inferColumns(rows, isDate, isAmount)).toStrictEqual({ date: 0, amount: 3, label: [2] });
  });

  it('reads a second date column as the value date and the last amount column as the amount', () => {
    const rows = [
      ['-85,20', '02/01/2024', '03/01/2024', 'PRLV EDF', '1000,00', '02/01/2024'],
      ['10,00', '05/01/2024', '05/01/2024', 'VIR ACME', '1010,00', '05/01/2024'],
    ];
    expect(inferColumns(rows, isDate, isAmount)).toStrictEqual({ date: 1, value_date: 2, amount: 4, label: [3] });
  });

  it('only counts a column whose every row holds the value, blank cells included', () => {
    const rows = [
      ['02/01/2024', '03/01/2024', 'PRLV EDF', '-85,20', '1,00'],
      ['05/01/2024', '', 'VIR ACME', '10,00', ''],
    ];
    expect(inferColumns(rows, isDate, isAmount)).toStrictEqual({ date: 0, amount: 3, label: [2] });
  });

  it('takes the column with the most text, blanks aside, as the label, the first on a tie', () => {
    const rows = [
      ['02/01/2024', '  AB  ', 'ABCD', '-1,00', 'XY'],
      ['05/01/2024', 'ABCDE', 'ABCD', '2,00', 'UV'],
    ];
    expect(inferColumns(rows, isDate, isAmount)).toStrictEqual({ date: 0, amount: 3, label: [2] });
    expect(inferColumns([['02/01/2024', 'AB', '-1,00', 'CD']], isDate, isAmount)).toStrictEqual({ date: 0, amount: 2, label: [1] });
  });

  it('reads rows of different widths, a missing cell counting as blank', () => {
    const rows = [['02/01/2024', '-1,00', 'CAFE BAR', 'x'], ['05/01/2024', '2,00']];
    expect(inferColumns(rows, isDate, isAmount)).toStrictEqual({ date: 0, amount: 1, label: [2] });
  });

  it('gives an empty label list when every column is a date or an amount', () => {
    expect(inferColumns([['02/01/2024', '-1,00']], isDate, isAmount)).toStrictEqual({ date: 0, amount: 1, label: [] });
  });

  it('does not take a date column as an amount column too', () => {
    const loose = (v: string) => /^[\d/,-]+$/.test(v);
    expect(inferColumns([['CAFE', '-1,00', '02/01/2024']], isDate, loose)).toStrictEqual({ date: 2, amount: 1, label: [0] });
  });

  it('finds nothing without a date column or without an amount column', () => {
    expect(inferColumns([['CAFE', '-1,00']], isDate, isAmount)).toBeNull();
    expect(inferColumns([['02/01/2024', 'CAFE']], isDate, isAmount)).toBeNull();
    expect(inferColumns([], isDate, isAmount)).toBeNull();
  });
});
