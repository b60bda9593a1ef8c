import { readFileSync } from 'node:fs';
import path from 'node:path';

import iconv from 'iconv-lite';

import type { ParsedDocument, ParseOptions } from '../statement.types.js';
import { isValidUtf8 } from '../text-decoding.js';
import { parseCsv } from './csv.parser.js';

const shared = (name: string): Buffer => readFileSync(path.resolve(process.cwd(), '../shared/fixtures/statements/csv', name));
const local = (name: string): Buffer => readFileSync(path.resolve(process.cwd(), 'libs/statement-parser/src/csv/__fixtures__', name));
const rows = (doc: ParsedDocument) =>
  doc.statements.flatMap((s) => s.transactions.map((t) => [t.date, t.amount, t.label, t.value_date ?? null]));

describe(parseCsv.name, () => {
  it('reads a Revolut export: integer amounts, unpadded hours, UTF-8 payees, running balance', () => {
    const doc = parseCsv(shared('ofxstatement-revolut_2021-10_utf8_payees.csv'));
    expect(doc.statements).toHaveLength(1);
    const [stmt] = doc.statements;
    expect(stmt!.transactions).toHaveLength(7);
    expect(rows(doc).map((r) => r.slice(0, 3))).toEqual([
      ['2021-09-05', '-250.00', 'transfer'],
      ['2021-09-05', '-9.50', 'company äöå'],
      ['2021-09-06', '-4.85', 'food'],
      ['2021-09-06', '500.00', 'Auto Top-Up'],
      ['2021-09-06', '-51.13', 'shop a'],
      ['2021-09-07', '-5.07', 'shop b'],
      ['2021-09-08', '-14.14', 'food'],
    ]);
    expect(stmt!.transactions[0]).toMatchObject({ type: 'TRANSFER', currency: 'EUR', payee: 'transfer' });
    expect(stmt!.transactions[0]!.raw).toMatchObject({ 'Started Date': '2021-09-05 11:32:41', 'Completed Date': '2021-09-05 11:32:41' });
    expect(stmt!.transactions[1]).toMatchObject({ type: 'CARD_PAYMENT', payee: 'company äöå' });
    expect(stmt!.opening_balance).toEqual({ amount: '415.52', date: '2021-09-05' });
    expect(stmt!.closing_balance).toEqual({ amount: '580.83', date: '2021-09-08' });
    expect(doc.warnings).toEqual([]);
  });

  it('skips PENDING Revolut rows and reports each one', () => {
    const doc = parseCsv(shared('ofxstatement-revolut_2022-01_pending_rows.csv'));
    const txs = doc.statements[0]!.transactions;
    expect(txs).toHaveLength(7);
    expect(txs.map((t) => t.amount)).toEqual(['-250.00', '0.00', '-38.71', '500.00', '-21.58', '-33.89', '-69.26']);
    expect(txs[2]).toMatchObject({ date: '2022-01-07', amount: '-38.71', payee: 'Something and something', type: 'CARD_PAYMENT' });
    expect(txs[2]!.raw).toMatchObject({ 'Started Date': '2022-01-06 08:40:02', 'Completed Date': '2022-01-07 10:28:09' });
    expect(doc.warnings.filter((w) => w.code === 'ROW_SKIPPED')).toEqual([
      { code: 'ROW_SKIPPED', message: 'line 7 skipped: state PENDING (not booked)', line: 7 },
      { code: 'ROW_SKIPPED', message: 'line 10 skipped: state PENDING (not booked)', line: 10 },
    ]);
    // The sample's balances were anonymised and do not follow its amounts: reported, not fatal.
    expect(doc.warnings.map((w) => w.code)).toEqual(['ROW_SKIPPED', 'ROW_SKIPPED', 'BALANCE_MISMATCH']);
  });

  it('reads a BNP Paribas export: no header, account line with HTML entities, leading-space labels, space and NBSP thousands', () => {
    const doc = parseCsv(local('bnp-paribas.csv'));
    const [stmt] = doc.statements;
    expect(stmt!.account).toEqual({ id: '****1234', name: 'COMPTE CHEQUES M. DUPONT' });
    expect(stmt!.currency).toBe('EUR');
    expect(stmt!.period).toEqual({ start: '2024-01-02', end: '2024-01-15' });
    expect(rows(doc)).toEqual([
      ['2024-01-02', '-85.20', 'PRLV SEPA EDF CLIENTS PARTICULIERS', null],
      ['2024-01-05', '2750.00', 'VIR SEPA RECU /DE ACME SA /MOTIF SALAIRE JANVIER', null],
      ['2024-01-08', '-67.43', 'FACTURE CARTE DU 06/01/24 CARREFOUR PARIS 15 CARTE 4974XXXXXXXX1234', null],
      ['2024-01-15', '1045.00', 'REMISE CHEQUE 1234567', null],
    ]);
    expect(doc.warnings.map((w) => w.code)).toEqual(['CURRENCY_ASSUMED']);
  });

  it('reads a Boursorama export: one statement per account, decimal comma in amount and dot in accountbalance', () => {
    const doc = parseCsv(local('boursorama.csv'), { defaultCurrency: 'EUR' });
    expect(doc.statements.map((s) => [s.account, s.closing_balance, s.transactions.map((t) => t.amount)])).toEqual([
      [{ id: '00040123456', name: 'BoursoBank' }, { amount: '1532.10' }, ['-23.45', '2500.00', '-500.00']],
      [{ id: '00040987654', name: 'Livret A' }, { amount: '10500.00' }, ['500.00']],
    ]);
    expect(doc.statements[0]!.transactions[1]).toMatchObject({
      date: '2024-01-05',
      value_date: '2024-01-05',
      label: 'VIR SEPA SALAIRE ACME',
      memo: 'janvier',
      category: 'Salaires',
      currency: 'EUR',
    });
    expect(doc.statements[0]!.period).toEqual({ start: '2024-01-03', end: '2024-01-05' });
    expect(doc.warnings).toEqual([]);
  });

  it("reads a Caisse d'Épargne export: signed Debit and Credit columns, bank reference as id", () => {
    const doc = parseCsv(local('caisse-epargne.csv'), { defaultCurrency: 'EUR' });
    const txs = doc.statements[0]!.transactions;
    expect(txs.map((t) => [t.id, t.date, t.value_date, t.amount, t.label, t.memo, t.category, t.type])).toEqual([
      ['ABC123XYZ', '2024-01-02', '2024-01-02', '-85.20', 'PRELEVEMENT EDF', 'PRLV SEPA EDF CLIENTS PARTICULIERS REF CLIENT 0042', 'Logement', 'Prélèvement'],
      ['DEF456UVW', '2024-01-05', '2024-01-05', '3500.00', 'VIREMENT SALAIRE', 'VIR SEPA ACME SAS SALAIRE JANVIER', 'Revenus', 'Virement reçu'],
      ['GHI789RST', '2024-01-09', '2024-01-09', '-4.60', 'CB BOULANGERIE', 'CB BOULANGERIE DUPAIN FACT 080124', 'Alimentation', 'Paiement carte'],
    ]);
    expect(doc.warnings).toEqual([]);
  });

  it('reads a Fortuneo export: CRLF, trailing separator, U+FFFD in headers, short decimals, space before credits', () => {
    const bytes = local('fortuneo.csv');
    expect(bytes.includes(Buffer.from('\r\n'))).toBe(true);
    const doc = parseCsv(bytes, { defaultCurrency: 'EUR' });
    expect(rows(doc)).toEqual([
      ['2024-01-03', '-6.40', 'CARTE 02/01 BOULANGERIE', '2024-01-03'],
      ['2024-01-04', '2150.50', 'VIR SALAIRE ACME', '2024-01-05'],
      ['2024-01-10', '-19.99', 'PRLV FREE MOBILE', '2024-01-10'],
    ]);
    expect(doc.warnings).toEqual([]);
  });

  it('reads a Crédit Agricole export: Windows-1252, preamble before the header, multi-line quoted labels, unsigned debits', () => {
    const bytes = local('credit-agricole.cp1252.csv');
    expect(isValidUtf8(bytes)).toBe(false);
    const doc = parseCsv(bytes);
    const [stmt] = doc.statements;
    expect(stmt!.account).toEqual({ id: '12345678901' });
    expect(stmt!.currency).toBe('EUR');
    expect(rows(doc)).toEqual([
      ['2024-01-02', '-85.20', 'PRELEVEMENT EDF CLIENTS PARTICULIERS REF 12345', null],
      ['2024-01-05', '2750.00', 'VIREMENT EN VOTRE FAVEUR ACME SAS SALAIRE', null],
      ['2024-01-10', '-4.60', 'PAIEMENT PAR CARTE BOULANGERIE DU COIN 09/01', null],
    ]);
    expect(stmt!.transactions[0]!.raw).toEqual({ Date: '02/01/2024', 'Libellé': 'PRELEVEMENT\nEDF CLIENTS PARTICULIERS\nREF 12345', 'Débit euros': '85,20', 'Crédit euros': '', column_5: '' });
    expect(doc.warnings).toEqual([]);
  });

  it('reads a UTF-8 file with a BOM, ISO dates with times and an explicit column mapping', () => {
    const text = '\uFEFFwhen;what;how much;ccy\n2024-03-01T10:15:00;Coffee;-3.5;USD\n2024-03-02 08:00;Refund;12;USD\n';
    const options: ParseOptions = { csv: { columns: { date: 'when', label: 'what', amount: 'how much', currency: 3 } } };
    const doc = parseCsv(Buffer.from(text, 'utf8'), options);
    expect(doc.statements[0]!.transactions.map((t) => [t.date, t.amount, t.currency, t.label])).toEqual([
      ['2024-03-01', '-3.50', 'USD', 'Coffee'],
      ['2024-03-02', '12.00', 'USD', 'Refund'],
    ]);
  });

  it('reads DD.MM.YYYY dates and dot thousands with a decimal comma', () => {
    const text = 'Buchungstag;Verwendungszweck;Betrag;Währung\n01.02.2024;Miete;-1.250,00;EUR\n';
    const doc = parseCsv(Buffer.from(text), { csv: { columns: { date: 0, label: 1, amount: 2, currency: 3 } } });
    expect(doc.statements[0]!.transactions.map((t) => [t.date, t.amount, t.currency])).toEqual([['2024-02-01', '-1250.00', 'EUR']]);
  });

  it('decodes each line of a file mixing UTF-8 and Windows-1252 rows right, and names the re-decoded lines', () => {
    const bytes = Buffer.concat([
      Buffer.from('Date;Libellé;Montant\n02/01/2024;REÇU UTF-8;10,00\n', 'utf8'),
      iconv.encode('03/01/2024;REÇU CP1252;20,00\n04/01/2024;CAFÉ;-3,50\n', 'windows-1252'),
      Buffer.from('05/01/2024;DÉJÀ;-1,00\n', 'utf8'),
    ]);
    const doc = parseCsv(bytes);
    expect(doc.statements[0]!.transactions.map((t) => t.label)).toEqual(['REÇU UTF-8', 'REÇU CP1252', 'CAFÉ', 'DÉJÀ']);
    expect(doc.warnings).toContainEqual({
      code: 'MIXED_ENCODING',
      message: 'the file mixes encodings: lines 3, 4 are not UTF-8 like the rest and were decoded as windows-1252',
      line: 3,
    });
  });

  it('gives the same ids on every parse and keeps them unique within the file', () => {
    const first = parseCsv(local('bnp-paribas.csv')).statements[0]!.transactions.map((t) => t.id);
    expect(parseCsv(local('bnp-paribas.csv')).statements[0]!.transactions.map((t) => t.id)).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });
});
