import { StatementParseError } from '../statement-parse.error.js';
import type { ColumnIndexes } from './csv-columns.js';
import { parseRow, skipReason, type CsvRecord, type CsvRow, type RowContext } from './csv-rows.js';

/*
 * One CSV record read into a transaction, with the whole answer compared: the parser's specs read whole files,
 * where a cell read into the wrong key, a sign lost on one kind of column or an error naming the wrong column
 * still passes.
 */

const HEADER = ['Date', 'Libellé', 'Montant'];

function context(overrides: Partial<RowContext> = {}): RowContext {
  return {
    columns: { date: 0, label: [1], amount: 2 },
    header: HEADER,
    dateFormat: 'DD/MM/YYYY',
    valueDateFormat: null,
    decimals: { amount: ',' },
    currency: 'EUR',
    labelIsPayee: false,
    ...overrides,
  };
}

const record = (fields: string[], line = 7): CsvRecord => ({ fields, line });

function read(fields: string[], overrides: Partial<RowContext> = {}, ordinal = 0): CsvRow {
  return parseRow(record(fields), ordinal, context(overrides));
}

function refusal(fields: string[], overrides: Partial<RowContext> = {}): StatementParseError {
  try {
    read(fields, overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(StatementParseError);
    expect((error as StatementParseError).code).toBe('MALFORMED_DOCUMENT');
    return error as StatementParseError;
  }
  throw new Error('expected a StatementParseError, but the row was read');
}

/** Debit and credit columns, no amount column. */
const split = (header: string[], columns: Partial<ColumnIndexes>, decimals: RowContext['decimals'] = { debit: ',', credit: ',' }): Partial<RowContext> => ({
  header,
  columns: { date: 0, label: [1], ...columns },
  decimals,
});

describe(parseRow.name, () => {
  it('reads a plain row, with an id derived from its position and content', () => {
    expect(read(['15/03/2024', 'CB BOULANGERIE', '-4,50'])).toStrictEqual({
      account: undefined,
      accountName: undefined,
      transaction: {
        id: 'csv-0a87e6ae13fbe2d7',
        date: '2024-03-15',
        amount: '-4.50',
        currency: 'EUR',
        label: 'CB BOULANGERIE',
        raw: { Date: '15/03/2024', 'Libellé': 'CB BOULANGERIE', Montant: '-4,50' },
      },
      balance: undefined,
      line: 7,
    });
  });

  it('derives a different id for the same content at another position or in another account', () => {
    expect(read(['15/03/2024', 'CB BOULANGERIE', '-4,50'], {}, 1).transaction.id).toBe('csv-67e261120dbbbe3c');
    const withAccount = read(['15/03/2024', 'CB BOULANGERIE', '-4,50', 'FR7630001007941234567890185'], {
      header: [...HEADER, 'IBAN'],
      columns: { date: 0, label: [1], amount: 2, account: 3 },
    });
    expect(withAccount.transaction.id).toBe('csv-9add7ae86e2f4353');
    expect(withAccount.account).toBe('FR7630001007941234567890185');
  });

  it('reads every column role into its field, trimmed', () => {
    const header = ['Date', 'Date valeur', 'Libellé', 'Montant', 'Devise', 'Solde', 'Info', 'Note', 'Tiers', 'Catégorie', 'Réf', 'Type', 'Compte', 'Nom', 'Frais', 'Statut'];
    const columns: ColumnIndexes = {
      date: 0, value_date: 1, label: [2], amount: 3, currency: 4, balance: 5, memo: [6, 7], payee: 8, category: 9, reference: 10, type: 11,
      account: 12, account_name: 13, fee: 14, state: 15,
    };
    const fields = [
      ' 15/03/2024 ', '2024-03-18', ' CB  BOULANGERIE ', ' -4,50 ', ' usd ', '1.234,56', ' CARTE 1234 ', 'DU 14/03', ' Dupain &amp; Fils ', ' Loisirs &amp; sorties ',
      ' REF-42 ', ' CARTE ', ' 00012345678 ', ' Compte courant ', '0,50', 'BOOKED',
    ];
    const row = read(fields, { header, columns, valueDateFormat: 'YYYY-MM-DD', decimals: { amount: ',', balance: ',', fee: ',' } });
    expect(row).toStrictEqual({
      account: '00012345678',
      accountName: 'Compte courant',
      transaction: {
        id: 'REF-42',
        date: '2024-03-15',
        value_date: '2024-03-18',
        amount: '-5.00',
        currency: 'USD',
        label: 'CB  BOULANGERIE',
        payee: 'Dupain & Fils',
        memo: 'CARTE 1234 DU 14/03',
        category: 'Loisirs & sorties',
        reference: 'REF-42',
        type: 'CARTE',
        raw: {
          Date: ' 15/03/2024 ', 'Date valeur': '2024-03-18', 'Libellé': ' CB  BOULANGERIE ', Montant: ' -4,50 ', Devise: ' usd ', Solde: '1.234,56',
          Info: ' CARTE 1234 ', Note: 'DU 14/03', Tiers: ' Dupain &amp; Fils ', 'Catégorie': ' Loisirs &amp; sorties ', 'Réf': ' REF-42 ', Type: ' CARTE ',
          Compte: ' 00012345678 ', Nom: ' Compte courant ', Frais: '0,50', Statut: 'BOOKED',
        },
      },
      balance: '1234.56',
      line: 7,
    });
  });

  it('leaves out the optional fields whose cells are blank', () => {
    const header = ['Date', 'Date valeur', 'Libellé', 'Montant', 'Devise', 'Solde', 'Info', 'Tiers', 'Catégorie', 'Réf', 'Type', 'Compte', 'Nom', 'Frais'];
    const columns: ColumnIndexes = {
      date: 0, value_date: 1, label: [2], amount: 3, currency: 4, balance: 5, memo: [6], payee: 7, category: 8, reference: 9, type: 10,
      account: 11, account_name: 12, fee: 13,
    };
    const row = read(['15/03/2024', ' ', 'CAFE', '-4,50', '', '', ' ', '', ' ', '', '', ' ', '', ''], { header, columns, decimals: { amount: ',', balance: ',', fee: ',' } });
    expect(row.transaction).toStrictEqual({
      id: 'csv-9068aa7e8ecd3ad0',
      date: '2024-03-15',
      amount: '-4.50',
      currency: 'EUR',
      label: 'CAFE',
      raw: {
        Date: '15/03/2024', 'Date valeur': ' ', 'Libellé': 'CAFE', Montant: '-4,50', Devise: '', Solde: '', Info: ' ', Tiers: '', 'Catégorie': ' ', 'Réf': '', Type: '',
        Compte: ' ', Nom: '', Frais: '',
      },
    });
    expect([row.account, row.accountName, row.balance]).toEqual([undefined, undefined, undefined]);
  });

  it('names raw cells after the header, trimmed, and column_N where the header has no name', () => {
    const header = [' Date ', '', 'Montant'];
    expect(read(['15/03/2024', 'CAFE', '-4,50', 'extra'], { header }).transaction.raw).toStrictEqual({
      Date: '15/03/2024',
      column_2: 'CAFE',
      Montant: '-4,50',
      column_4: 'extra',
    });
    expect(read(['15/03/2024', 'CAFE', '-4,50'], { header: null }).transaction.raw).toStrictEqual({ column_1: '15/03/2024', column_2: 'CAFE', column_3: '-4,50' });
  });

  describe('amounts', () => {
    it('reads the amount column with its own decimal separator, comma when none was detected', () => {
      expect(read(['15/03/2024', 'LOYER', '-1,234.50'], { decimals: { amount: '.' } }).transaction.amount).toBe('-1234.50');
      expect(read(['15/03/2024', 'LOYER', '-1.234,50'], { decimals: {} }).transaction.amount).toBe('-1234.50');
    });

    it('takes the amount column over debit and credit cells', () => {
      const ctx = split(['Date', 'Libellé', 'Montant', 'Débit', 'Crédit'], { amount: 2, debit: 3, credit: 4 }, { amount: ',', debit: ',', credit: ',' });
      expect(read(['15/03/2024', 'CAFE', '-4,50', '9,00', '7,00'], ctx).transaction.amount).toBe('-4.50');
    });

    it.each([
      ['an unsigned debit', '45,90', '', '-45.90'],
      ['a signed debit', '-45,90', '', '-45.90'],
      ['a debit written with a plus', '+45,90', '', '-45.90'],
      ['an unsigned credit', '', '10,00', '10.00'],
      ['a signed credit', '', '-10,00', '10.00'],
      ['a debit and a credit on one row', '3,25', '10,00', '6.75'],
      ['a zero debit next to a credit', '0,00', '10,00', '10.00'],
    ])('gives the sign from the column for %s', (_case, debit, credit, amount) => {
      const ctx = split(['Date', 'Libellé', 'Débit', 'Crédit'], { debit: 2, credit: 3 });
      expect(read(['15/03/2024', 'VIR', debit, credit], ctx).transaction.amount).toBe(amount);
    });

    it('reads debit and credit cells with their own separators', () => {
      const ctx = split(['Date', 'Libellé', 'Débit', 'Crédit'], { debit: 2, credit: 3 }, { debit: '.', credit: ',' });
      expect(read(['15/03/2024', 'VIR', '1,000.50', '2.000,25'], ctx).transaction.amount).toBe('999.75');
    });

    it('reads a file with only a debit or only a credit column', () => {
      expect(read(['15/03/2024', 'CB', '4,50'], split(['Date', 'Libellé', 'Débit'], { debit: 2 })).transaction.amount).toBe('-4.50');
      expect(read(['15/03/2024', 'VIR', '4,50'], split(['Date', 'Libellé', 'Crédit'], { credit: 2 })).transaction.amount).toBe('4.50');
    });

    it.each([
      ['-4,50', '0,50', '-5.00'],
      ['-4,50', '-0,50', '-5.00'],
      ['100,00', '1,00', '99.00'],
      ['-4,50', '0,00', '-4.50'],
      ['-4,50', '', '-4.50'],
    ])('takes the fee out of the amount: %s with a fee of %j is %s', (amount, fee, total) => {
      const ctx: Partial<RowContext> = { header: [...HEADER, 'Frais'], columns: { date: 0, label: [1], amount: 2, fee: 3 }, decimals: { amount: ',', fee: ',' } };
      expect(read(['15/03/2024', 'CB', amount, fee], ctx).transaction.amount).toBe(total);
    });

    it('reads the fee with its own decimal separator', () => {
      const ctx: Partial<RowContext> = { header: [...HEADER, 'Fee'], columns: { date: 0, label: [1], amount: 2, fee: 3 }, decimals: { amount: ',', fee: '.' } };
      expect(read(['15/03/2024', 'CB', '-1.000,00', '1,000.00'], ctx).transaction.amount).toBe('-2000.00');
    });

    it('reads the balance with its own decimal separator', () => {
      const ctx: Partial<RowContext> = { header: [...HEADER, 'Solde'], columns: { date: 0, label: [1], amount: 2, balance: 3 }, decimals: { amount: ',', balance: '.' } };
      expect(read(['15/03/2024', 'CB', '-4,50', '1,532.10'], ctx).balance).toBe('1532.10');
      expect(read(['15/03/2024', 'CB', '-4,50', '1532,10'], { ...ctx, decimals: { amount: ',' } }).balance).toBe('1532.10');
    });

    it('names the column of an amount it cannot read', () => {
      const err = refusal(['15/03/2024', 'CB', '4,5x']);
      expect(err.message).toBe('line 7, column 3 "Montant": invalid amount "4,5x"');
      expect(err.location).toEqual({ line: 7, element: 'column 3 "Montant"' });
    });

    it('names the column of a debit, credit, fee or balance it cannot read', () => {
      const header = ['Date', 'Libellé', 'Débit', 'Crédit', 'Frais', 'Solde'];
      const ctx = split(header, { debit: 2, credit: 3, fee: 4, balance: 5 }, { debit: ',', credit: ',', fee: ',', balance: ',' });
      expect(refusal(['15/03/2024', 'CB', 'x', '', '', ''], ctx).message).toBe('line 7, column 3 "Débit": invalid amount "x"');
      expect(refusal(['15/03/2024', 'CB', '', '1,2,3', '', ''], ctx).message).toBe('line 7, column 4 "Crédit": invalid amount "1,2,3"');
      expect(refusal(['15/03/2024', 'CB', '1,00', '', 'gratuit', ''], ctx).message).toBe('line 7, column 5 "Frais": invalid amount "gratuit"');
      expect(refusal(['15/03/2024', 'CB', '1,00', '', '', 'n/a'], ctx).message).toBe('line 7, column 6 "Solde": invalid amount "n/a"');
    });

    it('refuses a row without an amount, naming the amount column, else the debit, else the credit column', () => {
      expect(refusal(['15/03/2024', 'CB', ' ']).message).toBe('line 7, column 3 "Montant": no amount (the amount, debit and credit cells are empty)');
      const both = split(['Date', 'Libellé', 'Crédit', 'Débit'], { credit: 2, debit: 3 });
      expect(refusal(['15/03/2024', 'CB', '', ''], both).message).toBe('line 7, column 4 "Débit": no amount (the amount, debit and credit cells are empty)');
      const creditOnly = split(['Date', 'Libellé', 'Crédit'], { credit: 2 });
      expect(refusal(['15/03/2024', 'CB', ''], creditOnly).location).toEqual({ line: 7, element: 'column 3 "Crédit"' });
      const all = split(['Date', 'Libellé', 'Crédit', 'Débit', 'Montant'], { credit: 2, debit: 3, amount: 4 });
      expect(refusal(['15/03/2024', 'CB', '', '', ''], all).location).toEqual({ line: 7, element: 'column 5 "Montant"' });
    });
  });

  describe('dates', () => {
    it('refuses an empty date, naming its column', () => {
      const err = refusal([' ', 'CB', '-4,50']);
      expect(err.message).toBe('line 7, column 1 "Date": the date is empty');
      expect(err.location).toEqual({ line: 7, element: 'column 1 "Date"' });
    });

    it('refuses a date the detected format cannot read, naming the format', () => {
      const err = refusal(['2024-03-15', 'CB', '-4,50']);
      expect(err.message).toBe('line 7, column 1 "Date": invalid date "2024-03-15", expected DD/MM/YYYY');
      expect(err.location).toEqual({ line: 7, element: 'column 1 "Date"' });
    });

    it('reads the value date in its own format, else in the booking date format', () => {
      const columns = { date: 0, label: [1], amount: 2, value_date: 3 };
      const header = [...HEADER, 'Date valeur'];
      expect(read(['15/03/2024', 'CB', '-4,50', '03/18/2024'], { columns, header, valueDateFormat: 'MM/DD/YYYY' }).transaction.value_date).toBe('2024-03-18');
      expect(read(['15/03/2024', 'CB', '-4,50', '18/03/2024'], { columns, header }).transaction.value_date).toBe('2024-03-18');
    });

    it('refuses a value date it cannot read, naming its column', () => {
      const err = refusal(['15/03/2024', 'CB', '-4,50', '32/03/2024'], { columns: { date: 0, label: [1], amount: 2, value_date: 3 }, header: [...HEADER, 'Date valeur'] });
      expect(err.message).toBe('line 7, column 4 "Date valeur": invalid date "32/03/2024"');
      expect(err.location).toEqual({ line: 7, element: 'column 4 "Date valeur"' });
    });

    it('names a column by its number alone when the header has no name for it', () => {
      expect(refusal(['', 'CB', '-4,50'], { header: null }).message).toBe('line 7, column 1: the date is empty');
      expect(refusal(['', 'CB', '-4,50'], { header: ['  ', 'Libellé', 'Montant'] }).location).toEqual({ line: 7, element: 'column 1' });
      expect(refusal(['15/03/2024', 'CB', 'x'], { header: ['Date', 'Libellé'] }).message).toBe('line 7, column 3: invalid amount "x"');
    });
  });

  describe('labels and memos', () => {
    it('joins several label columns with a space, skipping blank and missing cells', () => {
      const columns = { date: 0, label: [1, 3, 4, 6], amount: 2 };
      expect(read(['15/03/2024', ' VIR SEPA ', '-4,50', '', 'ACME'], { columns }).transaction.label).toBe('VIR SEPA ACME');
    });

    it('writes a quoted multi-line label on one line and decodes its HTML entities', () => {
      expect(read(['15/03/2024', 'PRELEVEMENT\n EDF  \n\nCr&eacute;dit', '-4,50']).transaction.label).toBe('PRELEVEMENT EDF Crédit');
    });

    it('keeps a row whose label is empty', () => {
      expect(read(['15/03/2024', '  ', '-4,50']).transaction.label).toBe('');
    });

    it('joins memo cells and drops the blank ones and those that repeat the label', () => {
      const header = ['Date', 'Libellé', 'Montant', 'Libellé opération', 'Info', 'Note'];
      const columns = { date: 0, label: [1], amount: 2, memo: [3, 4, 5, 6] };
      const tx = read(['15/03/2024', 'CB CAFE', '-4,50', ' CB CAFE ', 'CARTE\n1234', ' '], { header, columns }).transaction;
      expect(tx.memo).toBe('CARTE 1234');
      expect(read(['15/03/2024', 'CB CAFE', '-4,50', 'CB CAFE', '', ''], { header, columns }).transaction).not.toHaveProperty('memo');
    });
  });

  describe('currency and payee', () => {
    it('takes the row currency in capitals, and the file currency when the cell is blank', () => {
      const ctx = { header: [...HEADER, 'Devise'], columns: { date: 0, label: [1], amount: 2, currency: 3 } };
      expect(read(['15/03/2024', 'CB', '-4,50', 'chf'], ctx).transaction.currency).toBe('CHF');
      expect(read(['15/03/2024', 'CB', '-4,50', ' '], { ...ctx, currency: 'GBP' }).transaction.currency).toBe('GBP');
    });

    it.each(['EURO', 'EU', 'E1R', '€'])('refuses the currency %j, naming its column', (currency) => {
      const err = refusal(['15/03/2024', 'CB', '-4,50', currency], { header: [...HEADER, 'Devise'], columns: { date: 0, label: [1], amount: 2, currency: 3 } });
      expect(err.message).toBe(`line 7, column 4 "Devise": invalid currency "${currency}"`);
      expect(err.location).toEqual({ line: 7, element: 'column 4 "Devise"' });
    });

    it('takes the label as the payee when the file says its label is the counterparty', () => {
      expect(read(['15/03/2024', ' Amazon ', '-4,50'], { labelIsPayee: true }).transaction).toMatchObject({ label: 'Amazon', payee: 'Amazon' });
      expect(read(['15/03/2024', 'Amazon', '-4,50']).transaction).not.toHaveProperty('payee');
    });

    it('prefers a payee column, even blank, to the label', () => {
      const ctx = { header: [...HEADER, 'Tiers'], columns: { date: 0, label: [1], amount: 2, payee: 3 }, labelIsPayee: true };
      expect(read(['15/03/2024', 'CB 1234', '-4,50', 'ACME'], ctx).transaction.payee).toBe('ACME');
      expect(read(['15/03/2024', 'CB 1234', '-4,50', ''], ctx).transaction).not.toHaveProperty('payee');
    });
  });
});

describe(skipReason.name, () => {
  const withState = context({ header: [...HEADER, 'State'], columns: { date: 0, label: [1], amount: 2, state: 3 } });

  it('calls a row of blank cells empty', () => {
    expect(skipReason(record(['', ' ', '\t']), context())).toBe('empty');
    expect(skipReason(record(['', '', 'x']), context())).toBeNull();
  });

  it('names the state of a row that is not booked, in capitals', () => {
    expect(skipReason(record(['15/03/2024', 'CB', '-4,50', 'pending']), withState)).toBe('state PENDING');
    expect(skipReason(record(['15/03/2024', 'CB', '-4,50', ' REVERTED ']), withState)).toBe('state REVERTED');
  });

  it('keeps booked rows and rows whose state is blank', () => {
    expect(skipReason(record(['15/03/2024', 'CB', '-4,50', 'completed']), withState)).toBeNull();
    expect(skipReason(record(['15/03/2024', 'CB', '-4,50', ' ']), withState)).toBeNull();
    expect(skipReason(record(['15/03/2024', 'CB', '-4,50']), withState)).toBeNull();
  });

  it('keeps every row when the file has no state column', () => {
    expect(skipReason(record(['15/03/2024', 'PENDING', '-4,50']), context())).toBeNull();
  });
});
