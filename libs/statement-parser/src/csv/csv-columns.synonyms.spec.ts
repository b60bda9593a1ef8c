import type { ParseOptions, StatementTransaction } from '../statement.types.js';
import { parseCsv } from './csv.parser.js';

/*
 * One header spelling per synonym, written as a bank prints it. The lists are deliberately typed out here rather
 * than read from the parser's tables: a test driven by the table itself would keep passing when an entry is lost.
 */

const parse = (lines: string[], options: ParseOptions = {}) =>
  parseCsv(Buffer.from(`${lines.join('\n')}\n`, 'utf8'), { defaultCurrency: 'EUR', ...options });

/** The single transaction of a one-row file, checked to have been read through its header (not by inference). */
function single(lines: string[], options: ParseOptions = {}): StatementTransaction {
  const doc = parse(lines, options);
  const txs = doc.statements.flatMap((s) => s.transactions);
  expect(txs).toHaveLength(1);
  // A header that is not recognised falls back to header-less inference, which names the raw cells column_N.
  expect(Object.keys(txs[0]!.raw as Record<string, string>)).toEqual(lines[0]!.split(';'));
  return txs[0]!;
}

describe(`${parseCsv.name} header synonyms`, () => {
  it.each([
    'Date de comptabilisation',
    'Date comptabilisation',
    'Date comptable',
    'Completed Date',
    'Booking date',
    'Booked Date',
    'Posting Date',
    'Date opération',
    "Date d'opération",
    'Date op.',
    'Date',
    'Transaction Date',
    'Date transaction',
    'Started Date',
  ])('reads "%s" as the booking date', (header) => {
    const tx = single([`Libellé;${header};Montant`, 'CAFE;15/03/2024;-4,50']);
    expect(tx).toMatchObject({ date: '2024-03-15', label: 'CAFE', amount: '-4.50' });
  });

  it.each(['Date de valeur', 'Date valeur', 'Date val.', 'Value date', 'Valeur'])('reads "%s" as the value date', (header) => {
    const tx = single([`Date;${header};Libellé;Montant`, '15/03/2024;18/03/2024;CAFE;-4,50']);
    expect(tx).toMatchObject({ date: '2024-03-15', value_date: '2024-03-18' });
  });

  it.each([
    'Libellé simplifié',
    'Libellé',
    'Libellés',
    'Label',
    'Description',
    'Libellé opération',
    'Intitulé',
    'Wording',
    'Details',
    'Narrative',
    'Transaction Description',
    'Nature',
    'Opération',
  ])('reads "%s" as the label', (header) => {
    const tx = single([`Date;${header};Montant`, '15/03/2024;CB BOULANGERIE;-4,50']);
    expect(tx.label).toBe('CB BOULANGERIE');
    expect(tx.memo).toBeUndefined();
  });

  // "Libellé opération" is a label on its own, but a memo once a plain "Libellé" holds the label.
  it.each(['Libellé opération', 'Informations complémentaires', 'Comment', 'Commentaire', 'Commentaires', 'Memo', 'Notes'])(
    'reads "%s" as the memo next to a label',
    (header) => {
      const tx = single([`Date;Libellé;${header};Montant`, '15/03/2024;CB BOULANGERIE;CARTE 1234;-4,50']);
      expect(tx).toMatchObject({ label: 'CB BOULANGERIE', memo: 'CARTE 1234' });
    },
  );

  it.each(['Montant', 'Amount', 'Montant EUR', 'Montant en EUR', 'Montant en euros', 'Montant opération', 'Somme', 'Transaction Amount'])(
    'reads "%s" as the signed amount',
    (header) => {
      expect(single([`Date;Libellé;${header}`, '15/03/2024;CAFE;-4,50']).amount).toBe('-4.50');
    },
  );

  // Unsigned debit cells are outflows: a debit column read as an amount would give +4.50.
  it.each(['Débit', 'Débit euros', 'Débit EUR', 'Montant débit', 'Debit Amount', 'Retrait', 'Withdrawal', 'Withdrawals', 'Paid out', 'Money out'])(
    'reads "%s" as the debit column',
    (header) => {
      expect(single([`Date;Libellé;${header}`, '15/03/2024;CAFE;4,50']).amount).toBe('-4.50');
    },
  );

  // A negative credit cell still counts as an inflow: an amount column would keep the minus sign.
  it.each(['Crédit', 'Crédit euros', 'Crédit EUR', 'Montant crédit', 'Credit Amount', 'Dépôt', 'Deposit', 'Deposits', 'Paid in', 'Money in'])(
    'reads "%s" as the credit column',
    (header) => {
      expect(single([`Date;Libellé;${header}`, '15/03/2024;VIREMENT;-4,50']).amount).toBe('4.50');
    },
  );

  it.each(['Devise', 'Currency', 'Monnaie', 'CCY'])('reads "%s" as the currency column', (header) => {
    expect(single([`Date;Libellé;Montant;${header}`, '15/03/2024;CAFE;-4,50;USD']).currency).toBe('USD');
  });

  it.each(['Solde', 'Balance', 'Account balance', 'Solde après opération', 'Running Balance'])('reads "%s" as the balance column', (header) => {
    const doc = parse([`Date;Libellé;Montant;${header}`, '15/03/2024;CAFE;-4,50;100,00']);
    expect(doc.statements[0]!.closing_balance?.amount).toBe('100.00');
  });

  it.each(['Payee', 'Bénéficiaire', 'Counterparty', 'Tiers', 'Merchant'])('reads "%s" as the payee', (header) => {
    expect(single([`Date;Libellé;Montant;${header}`, '15/03/2024;CB 1234;-4,50;ACME']).payee).toBe('ACME');
  });

  it.each(['Catégorie', 'Category'])('reads "%s" as the category', (header) => {
    expect(single([`Date;Libellé;Montant;${header}`, '15/03/2024;CAFE;-4,50;Alimentation']).category).toBe('Alimentation');
  });

  it.each(['Référence', 'Référence opération', 'Numéro opération', 'Transaction ID', 'Réf.'])('reads "%s" as the reference and id', (header) => {
    const tx = single([`Date;Libellé;Montant;${header}`, '15/03/2024;CAFE;-4,50;REF-0042']);
    expect(tx).toMatchObject({ reference: 'REF-0042', id: 'REF-0042' });
  });

  it.each(['Type opération', "Type d'opération", 'Transaction Type', 'Type'])('reads "%s" as the transaction type', (header) => {
    expect(single([`Date;Libellé;Montant;${header}`, '15/03/2024;CAFE;-4,50;CARTE']).type).toBe('CARTE');
  });

  it.each(['accountNum', 'Account Number', 'Numéro de compte', 'Numéro compte', 'Compte', 'Account', 'IBAN'])(
    'reads "%s" as the account, one statement per account',
    (header) => {
      const doc = parse([`Date;Libellé;Montant;${header}`, '15/03/2024;CAFE;-4,50;00012345678']);
      expect(doc.statements.map((s) => s.account)).toEqual([{ id: '00012345678' }]);
    },
  );

  it.each(['accountLabel', 'Account Name', 'Intitulé du compte', 'Libellé compte'])('reads "%s" as the account name', (header) => {
    const doc = parse([`Date;Libellé;Montant;Compte;${header}`, '15/03/2024;CAFE;-4,50;00012345678;Compte courant']);
    expect(doc.statements.map((s) => s.account)).toEqual([{ id: '00012345678', name: 'Compte courant' }]);
  });

  it.each(['Fee', 'Fees', 'Frais', 'Commission'])('reads "%s" as a fee taken from the amount', (header) => {
    expect(single([`Date;Libellé;Montant;${header}`, '15/03/2024;CAFE;-4,50;0,50']).amount).toBe('-5.00');
  });

  it.each(['State', 'Status', 'Statut', 'État'])('reads "%s" as the booking state and skips pending rows', (header) => {
    const doc = parse([`Date;Libellé;Montant;${header}`, '15/03/2024;CAFE;-4,50;PENDING', '16/03/2024;PAIN;-1,20;COMPLETED']);
    expect(doc.statements[0]!.transactions.map((t) => t.label)).toEqual(['PAIN']);
    expect(doc.warnings).toEqual([{ code: 'ROW_SKIPPED', message: 'line 2 skipped: state PENDING (not booked)', line: 2 }]);
  });
});

describe(`${parseCsv.name} booked states`, () => {
  // Every state a bank uses for a booked row must keep it; anything else is a pending row.
  it.each(['COMPLETED', 'COMPLETE', 'BOOKED', 'SETTLED', 'POSTED', 'EXECUTED', 'posted'])('keeps a row in state %s', (state) => {
    const doc = parse(['Date;Libellé;Montant;Statut', `15/03/2024;CAFE;-4,50;${state}`]);
    expect(doc.statements[0]!.transactions).toHaveLength(1);
    expect(doc.warnings).toEqual([]);
  });
});

describe(`${parseCsv.name} currency from the amount header`, () => {
  // Dot decimals, so EUR cannot come from the decimal-comma guess (which would also warn).
  it.each(['Montant EUR', 'Montant en EUR', 'Montant en euros', 'Débit euros', 'Débit EUR', 'Crédit euros', 'Crédit EUR'])(
    'takes EUR from "%s" without a warning',
    (header) => {
      const doc = parseCsv(Buffer.from(`Date,Label,${header}\n2024-03-15,CAFE,4.50\n`, 'utf8'));
      expect(doc.statements[0]!.currency).toBe('EUR');
      expect(doc.warnings).toEqual([]);
    },
  );

  // Only an amount header naming the euro decides; any other leaves the caller's default currency.
  it.each(['Amount', 'Montant', 'Débit', 'Credit Amount'])('keeps the default currency for "%s"', (header) => {
    const doc = parseCsv(Buffer.from(`Date,Label,${header}\n2024-03-15,CAFE,4.50\n`, 'utf8'), { defaultCurrency: 'gbp' });
    expect(doc.statements[0]!.currency).toBe('GBP');
  });
});

describe(`${parseCsv.name} delimiters`, () => {
  // The ';' file has decimal commas, so losing ';' would make ',' win; the others need sniffing to split at all.
  it.each([
    [';', 'Date;Libellé;Montant\n15/03/2024;CAFE;-4,50\n16/03/2024;PAIN;-1,20\n'],
    [',', 'Date,Label,Amount\n2024-03-15,CAFE,-4.50\n2024-03-16,PAIN,-1.20\n'],
    ['\t', 'Date\tLabel\tAmount\n2024-03-15\tCAFE\t-4.50\n2024-03-16\tPAIN\t-1.20\n'],
    ['|', 'Date|Label|Amount\n2024-03-15|CAFE|-4.50\n2024-03-16|PAIN|-1.20\n'],
  ])('splits on %j', (_delimiter, text) => {
    const doc = parseCsv(Buffer.from(text, 'utf8'), { defaultCurrency: 'EUR' });
    expect(doc.statements[0]!.transactions.map((t) => [t.date, t.label, t.amount])).toEqual([
      ['2024-03-15', 'CAFE', '-4.50'],
      ['2024-03-16', 'PAIN', '-1.20'],
    ]);
  });
});

describe(`${parseCsv.name} date formats`, () => {
  it.each([
    ['2024-03-15', '2024-03-15'],
    ['2024-3-5', '2024-03-05'],
    ['2024-03-15 09:41:07', '2024-03-15'],
    ['2024-03-15T09:41', '2024-03-15'],
    ['2024-03-15T09:41:07.123Z', '2024-03-15'],
    ['2024-03-15T09:41:07+01:00', '2024-03-15'],
    ['2024-03-15 9:41:07-0500', '2024-03-15'],
    ['15/03/2024', '2024-03-15'],
    ['15/03/2024 23:59', '2024-03-15'],
    ['03/15/2024', '2024-03-15'],
    ['15.03.2024', '2024-03-15'],
    ['15.03.2024 08:00:00', '2024-03-15'],
    ['15-03-2024', '2024-03-15'],
    ['15-03-2024 08:00', '2024-03-15'],
    ['15/03/24', '2024-03-15'],
    ['15/03/24 08:00', '2024-03-15'],
  ])('reads %s as %s', (written, iso) => {
    expect(single([`Date;Libellé;Montant`, `${written};CAFE;-4,50`]).date).toBe(iso);
  });

  it.each(['15/03/2024 24:00', '15/03/2024 10:60', '2024-03-15 10:00:60', '31/02/2024'])('refuses %s', (written) => {
    expect(() => parse([`Date;Libellé;Montant`, `${written};CAFE;-4,50`])).toThrow(/invalid date/);
  });
});

describe(`${parseCsv.name} HTML entities in labels and headers`, () => {
  it.each([
    ['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"], ['nbsp', '\u00a0'],
    ['eacute', 'é'], ['egrave', 'è'], ['ecirc', 'ê'], ['euml', 'ë'], ['agrave', 'à'], ['acirc', 'â'],
    ['auml', 'ä'], ['ccedil', 'ç'], ['icirc', 'î'], ['iuml', 'ï'], ['ocirc', 'ô'], ['ouml', 'ö'],
    ['ugrave', 'ù'], ['ucirc', 'û'], ['uuml', 'ü'], ['Eacute', 'É'], ['Egrave', 'È'], ['Ecirc', 'Ê'],
    ['Agrave', 'À'], ['Ccedil', 'Ç'], ['Ocirc', 'Ô'], ['Icirc', 'Î'], ['Ucirc', 'Û'], ['euro', '€'],
    ['deg', '°'], ['laquo', '«'], ['raquo', '»'],
    ['#233', 'é'], ['#x20AC', '€'], ['#X20ac', '€'],
  ])('decodes &%s; in a label', (entity, char) => {
    // Tab-separated, so the entity's ';' is not a delimiter.
    const doc = parse([`Date\tLibellé\tMontant`, `15/03/2024\tA&${entity};B\t-4,50`]);
    expect(doc.statements[0]!.transactions[0]!.label).toBe(`A${char}B`);
  });

  it.each(['&bogus;', '&#0;', '&#x110000;'])('leaves the unknown entity %s as written', (entity) => {
    const doc = parse([`Date\tLibellé\tMontant`, `15/03/2024\tA${entity}B\t-4,50`]);
    expect(doc.statements[0]!.transactions[0]!.label).toBe(`A${entity}B`);
  });

  it('recognises an entity-encoded header (BNP Paribas writes Cr&eacute;dit)', () => {
    const doc = parse([`Date\tLibell&eacute;\tCr&eacute;dit`, `15/03/2024\tVIREMENT\t-4,50`]);
    expect(doc.statements[0]!.transactions[0]).toMatchObject({ label: 'VIREMENT', amount: '4.50' });
  });
});

describe(`${parseCsv.name} header cells with a lost accent`, () => {
  // A byte invalid in the file's encoding decodes to U+FFFD; it stands for the one accented letter it replaced.
  it.each([
    ['D\uFFFDbit', 'debit', '-4.50'],
    ['Cr\uFFFDdit', 'credit', '4.50'],
    ['Montant', 'amount', '-4.50'],
  ])('reads "%s" as the %s column', (header, _role, amount) => {
    const tx = single([`Date;Libell\uFFFD;${header}`, '15/03/2024;CAFE;-4,50']);
    expect(tx).toMatchObject({ label: 'CAFE', amount });
  });
});

describe(`${parseCsv.name} error names the date format the other rows use`, () => {
  it.each([
    ['YYYY-MM-DD', '2024-03-15', '2024-03-16', '2024-13-01'],
    ['DD/MM/YYYY', '15/03/2024', '16/03/2024', '32/03/2024'],
    ['MM/DD/YYYY', '03/15/2024', '03/16/2024', '13/32/2024'],
    ['DD.MM.YYYY', '15.03.2024', '16.03.2024', '32.03.2024'],
    ['DD-MM-YYYY', '15-03-2024', '16-03-2024', '32-03-2024'],
    ['DD/MM/YY', '15/03/24', '16/03/24', '32/03/24'],
  ])('expects %s', (format, a, b, bad) => {
    expect(() => parse(['Date;Libellé;Montant', `${a};A;-1,00`, `${b};B;-2,00`, `${bad};C;-3,00`])).toThrow(
      `line 4, column 1 "Date": invalid date "${bad}" (expected ${format} like the other rows)`,
    );
  });
});

describe(`${parseCsv.name} account from the lines above the header`, () => {
  it.each([
    ['Compte courant;****1234', { id: '****1234', name: 'Compte courant' }],
    ['Numéro de compte;12345678901', { id: '12345678901', name: 'Numéro de compte' }],
    ['IBAN;FR76 3000 1007 9412 3456 7890 185', { id: 'FR76 3000 1007 9412 3456 7890 185', name: 'IBAN' }],
    ['Compte 12345678901;', { id: '12345678901' }],
    ['Export du 15/03/2024;', { id: 'unknown' }],
  ])('reads "%s"', (preamble, account) => {
    const doc = parse([preamble, '', 'Date;Libellé;Montant', '15/03/2024;CAFE;-4,50']);
    expect(doc.statements[0]!.account).toEqual(account);
  });
});
