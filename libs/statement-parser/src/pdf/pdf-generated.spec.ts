import { readFileSync } from 'node:fs';
import { parseDocument } from '../statement-parser.js';
import { StatementParseError } from '../statement-parse.error.js';
import type { ParsedDocument } from '../statement.types.js';
import { row, writePdf, type Ink } from './statement-pdf.spec-writer.js';

/** One booked line of a generated statement: where its date, label lines and amounts go is the layout's business. */
interface Entry {
  date: string;
  value?: string;
  label: string[];
  debit?: string;
  credit?: string;
  balance?: string;
  heading?: string;
}

const movements = (doc: ParsedDocument, i = 0): string[][] => doc.statements[i]!.transactions.map((t) => [t.date, t.amount, t.label]);
const codes = (doc: ParsedDocument): string[] => doc.warnings.map((w) => w.code);

/** Lays entries out down a page from `y`, label continuation lines 10 pt apart, rows 14 pt apart; headings 16 pt. */
function lay(entries: Entry[], y: number, columns: (e: Entry, y: number) => Ink[], labelX: number): { inks: Ink[]; y: number } {
  const inks: Ink[] = [];
  for (const entry of entries) {
    if (entry.heading) {
      y += 4;
      inks.push({ x: labelX, y, text: entry.heading, size: 8 });
      y += 12;
    }
    inks.push(...columns(entry, y));
    for (const more of entry.label.slice(1)) {
      y += 10;
      inks.push({ x: labelX, y, text: more, size: 8 });
    }
    y += 14;
  }
  return { inks, y };
}

describe('parsePdf on generated statements', () => {
  describe('Crédit Mutuel / CIC layout (profile)', () => {
    const footer = (page: number): Ink[] => [
      { x: 40, y: 800, text: 'Caisse Fédérale de Crédit Mutuel - Société anonyme au capital de 5 458 334 000 EUR - RCS Strasbourg B 588 505 354 - ORIAS 07 003 758', size: 6 },
      { x: 40, y: 810, text: `HT.20140701.063716.000123   0001 00020324201 03 88 14 88 14   Page ${page} / 2`, size: 6 },
    ];
    const header = (y: number): Ink[] => [
      ...row(y, [[40, 'Date'], [95, 'Date valeur'], [150, 'Opération'], [460, 'Débit euros', true], [540, 'Crédit euros', true]]),
    ];
    const account = (y: number, title: string): Ink[] => [
      { x: 40, y, text: title, size: 9 },
      { x: 40, y: y + 12, text: 'TITULAIRE(S) : M JEAN DUPONT', size: 8 },
      { x: 40, y: y + 24, text: 'IBAN : FR76 1027 8060 4100 0203 2420 146   BIC : CMCIFR2A', size: 8 },
    ];
    const cells = (e: Entry, y: number): Ink[] =>
      row(y, [[40, e.date], [95, e.value ?? e.date], [150, e.label[0]!], [460, e.debit ?? '', true], [540, e.credit ?? '', true]]);
    const balance = (y: number, date: string, amount: string): Ink[] => row(y, [[150, `SOLDE CREDITEUR AU ${date}`], [540, amount, true]]);

    async function statement(): Promise<Uint8Array> {
      const first = lay([
        { date: '03/06/2014', label: ['CARTE 02892630 02/06', 'CARREFOUR MARKET PARIS'], debit: '52,30' },
        { date: '05/06/2014', label: ['VIR SALAIRE JUIN 2014', 'SOCIETE EXEMPLE SA'], credit: '2.100,00' },
        { date: '10/06/2014', value: '09/06/2014', label: ['PRLV SEPA EDF', 'REF 1234567890 ECH 10/06/2014'], debit: '1.000,00' },
        { date: '12/06/2014', label: ['CHEQUE 1234567'], debit: '45,00' },
      ], 168, cells, 150);
      const second = lay([
        { date: '16/06/2014', label: ['CARTE 02892630 15/06', 'SNCF INTERNET'], debit: '89,90' },
        { date: '25/06/2014', label: ['RETRAIT DAB 24/06 12H31', 'CM PARIS OPERA'], debit: '60,00' },
        { date: '28/06/2014', label: ['VIR M DUPONT LIVRET BLEU'], debit: '200,00' },
      ], 92, cells, 150);
      const savings = lay([{ date: '28/06/2014', label: ['VIR M DUPONT DEPUIS C/C'], credit: '200,00' }], second.y + 106, cells, 150);
      return writePdf({
        producer: 'UTM2_ps2pdf',
        pages: [
          [
            { x: 40, y: 40, text: 'CREDIT MUTUEL PARIS OPERA', size: 12 },
            { x: 40, y: 56, text: 'RELEVE ET INFORMATIONS BANCAIRES', size: 10 },
            { x: 420, y: 56, text: '30 juin 2014', size: 10 },
            ...account(90, '€ C/C EUROCOMPTE DUO CONFORT N° 00020324201 en euros'),
            ...header(140),
            ...balance(154, '02/06/2014', '1.250,00'),
            ...first.inks,
            ...footer(1),
          ],
          [
            ...header(70),
            ...second.inks,
            ...row(second.y, [[150, 'Total des mouvements'], [460, '1.447,20', true], [540, '2.100,00', true]]),
            ...balance(second.y + 14, '30/06/2014', '1.902,80'),
            ...account(second.y + 40, 'LIVRET BLEU N° 00020324202 en euros'),
            ...header(second.y + 78),
            ...balance(second.y + 92, '02/06/2014', '5.000,00'),
            ...savings.inks,
            ...row(savings.y, [[150, 'Total des mouvements'], [540, '200,00', true]]),
            ...balance(savings.y + 14, '30/06/2014', '5.200,00'),
            ...footer(2),
          ],
        ],
      });
    }

    it('gives one statement per account, labels over two lines joined, across the page break, footers left out', async () => {
      const doc = await parseDocument(await statement());
      expect(doc.statements.map((s) => [s.account.id, s.currency, s.opening_balance, s.closing_balance])).toEqual([
        ['00020324201', 'EUR', { amount: '1250.00', date: '2014-06-02' }, { amount: '1902.80', date: '2014-06-30' }],
        ['00020324202', 'EUR', { amount: '5000.00', date: '2014-06-02' }, { amount: '5200.00', date: '2014-06-30' }],
      ]);
      expect(movements(doc, 0)).toEqual([
        ['2014-06-03', '-52.30', 'CARTE 02892630 02/06 CARREFOUR MARKET PARIS'],
        ['2014-06-05', '2100.00', 'VIR SALAIRE JUIN 2014 SOCIETE EXEMPLE SA'],
        ['2014-06-10', '-1000.00', 'PRLV SEPA EDF REF 1234567890 ECH 10/06/2014'],
        ['2014-06-12', '-45.00', 'CHEQUE 1234567'],
        ['2014-06-16', '-89.90', 'CARTE 02892630 15/06 SNCF INTERNET'],
        ['2014-06-25', '-60.00', 'RETRAIT DAB 24/06 12H31 CM PARIS OPERA'],
        ['2014-06-28', '-200.00', 'VIR M DUPONT LIVRET BLEU'],
      ]);
      expect(movements(doc, 1)).toEqual([['2014-06-28', '200.00', 'VIR M DUPONT DEPUIS C/C']]);
      expect(codes(doc)).toEqual(['PDF_LAYOUT']);
    });
  });

  describe("Caisse d'Épargne layout (profile), December to January", () => {
    const header = (y: number): Ink[] => row(y, [[40, 'Date'], [80, 'Détail des opérations en euros'], [470, 'Débit', true], [540, 'Crédit', true]]);
    const cells = (e: Entry, y: number): Ink[] => row(y, [[40, e.date], [80, e.label[0]!], [470, e.debit ?? '', true], [540, e.credit ?? '', true]]);
    const top = (page: number): Ink[] => [
      { x: 40, y: 40, text: "CAISSE D'EPARGNE ILE-DE-FRANCE", size: 11 },
      { x: 380, y: 40, text: 'Solde au 15/01/20  +3 128,43', size: 9 },
      { x: 40, y: 56, text: `COMPTE DE DEPOT N° 04123456789   M MARIE MARTIN   Page ${page}/2`, size: 8 },
    ];
    const footer: Ink[] = [
      { x: 40, y: 805, text: "Caisse d'Epargne et de Prévoyance Ile-de-France - 383 493 024 RCS Paris - ORIAS 07 005 200 - 26/28 rue Neuve Tolbiac 75633 Paris", size: 6 },
      { x: 40, y: 815, text: 'Réf. 0042 7710 0091 2019 12 15   Tél. 09 69 36 27 38   BIC CEPAFRPP751', size: 6 },
    ];

    async function statement(): Promise<Uint8Array> {
      const first = lay([
        { heading: 'Virements reçus', date: '18/12', label: ['VIR SEPA EMPLOYEUR SARL', "-Réf. donneur d'ordre : SAL122019", '-Motif : SALAIRE DECEMBRE'], credit: '2 345,67' },
        { heading: 'Prélèvements', date: '20/12', label: ['PRLV SEPA FREE MOBILE', "-Réf. donneur d'ordre : FM-889911"], debit: '15,99' },
        { date: '27/12', label: ['PRLV SEPA LOYER AGENCE DU PARC'], debit: '750,00' },
      ], 134, cells, 80);
      const second = lay([
        { heading: 'Paiements carte', date: '31/12', label: ['CB BOULANGERIE DU PONT', 'FACT 301219'], debit: '4,20' },
        { date: '03/01', label: ['CB SUPERMARCHE CASINO', 'FACT 020120'], debit: '87,45' },
        { heading: 'Virements reçus', date: '10/01', label: ['VIR SEPA CAF DE PARIS'], credit: '120,00' },
      ], 96, cells, 80);
      return writePdf({
        producer: 'Ricoh Afp2Pdf',
        pages: [
          [...top(1), ...header(100), ...row(114, [[80, 'SOLDE PRECEDENT AU 15/12/19'], [540, '1 520,40', true]]), ...first.inks, ...footer],
          [...top(2), ...header(80), ...second.inks, ...row(second.y + 4, [[80, 'NOUVEAU SOLDE CREDITEUR AU 15/01/20'], [540, '3 128,43', true]]), ...footer],
        ],
      });
    }

    it('dates every line from the period, joins labels of up to three lines, and never books a section heading', async () => {
      const doc = await parseDocument(await statement());
      expect(doc.statements).toHaveLength(1);
      const [part] = doc.statements;
      expect(part!.opening_balance).toEqual({ amount: '1520.40', date: '2019-12-15' });
      expect(part!.closing_balance).toEqual({ amount: '3128.43', date: '2020-01-15' });
      expect(movements(doc)).toEqual([
        ['2019-12-18', '2345.67', "VIR SEPA EMPLOYEUR SARL -Réf. donneur d'ordre : SAL122019 -Motif : SALAIRE DECEMBRE"],
        ['2019-12-20', '-15.99', "PRLV SEPA FREE MOBILE -Réf. donneur d'ordre : FM-889911"],
        ['2019-12-27', '-750.00', 'PRLV SEPA LOYER AGENCE DU PARC'],
        ['2019-12-31', '-4.20', 'CB BOULANGERIE DU PONT FACT 301219'],
        ['2020-01-03', '-87.45', 'CB SUPERMARCHE CASINO FACT 020120'],
        ['2020-01-10', '120.00', 'VIR SEPA CAF DE PARIS'],
      ]);
      expect(part!.account.id).toBe('04123456789');
      expect(codes(doc)).toEqual(['PDF_LAYOUT']);
    });
  });

  describe('generic reader, UK layout with no profile (date once per day, balance brought forward over the page break)', () => {
    const header = (y: number): Ink[] => row(y, [[40, 'Date'], [95, 'Payment type and details'], [400, 'Paid out', true], [470, 'Paid in', true], [540, 'Balance', true]]);
    const cells = (e: Entry, y: number): Ink[] =>
      row(y, [[40, e.date], [95, e.label[0]!], [400, e.debit ?? '', true], [470, e.credit ?? '', true], [540, e.balance ?? '', true]]);
    const footer = (page: number, y = 800): Ink[] => [
      { x: 40, y, text: 'Acorn Bank plc. Registered in England and Wales number 09928412. Registered Office: 1 Centenary Square, Birmingham B1 1HQ.', size: 6 },
      { x: 40, y: y + 10, text: `Financial Services Register number 765112.   Sheet 0421   40-11-22 71234567   Page ${page} of 2`, size: 6 },
    ];
    const top: Ink[] = [
      { x: 40, y: 40, text: 'Acorn Bank', size: 14 },
      { x: 40, y: 70, text: 'Your Statement', size: 11 },
      { x: 350, y: 70, text: '01 December to 31 December 2023', size: 9 },
      { x: 350, y: 84, text: 'Sort Code 40-11-22   Account Number 71234567', size: 8 },
      { x: 40, y: 110, text: 'Opening Balance', size: 9 }, { x: 200, y: 110, text: '£2,310.45', size: 9, right: true },
      { x: 40, y: 122, text: 'Payments In', size: 9 }, { x: 200, y: 122, text: '£2,450.00', size: 9, right: true },
      { x: 40, y: 134, text: 'Payments Out', size: 9 }, { x: 200, y: 134, text: '£1,193.35', size: 9, right: true },
      { x: 40, y: 146, text: 'Closing Balance', size: 9 }, { x: 200, y: 146, text: '£3,567.10', size: 9, right: true },
    ];

    async function statement(): Promise<Uint8Array> {
      const first = lay([
        { date: '01 Dec 23', label: ['DD BRITISH GAS'], debit: '45.10' },
        { date: '', label: ['VIS TESCO STORES 2231', 'LONDON'], debit: '23.75', balance: '2,241.60' },
        { date: '04 Dec 23', label: ['CR ACME LTD SALARY'], credit: '2,450.00', balance: '4,691.60' },
        { date: '11 Dec 23', label: ['SO LANDLORD RENT DEC'], debit: '950.00', balance: '3,741.60' },
      ], 198, cells, 95);
      const second = lay([
        { date: '18 Dec 23', label: ['VIS AMAZON.CO.UK', 'AMZN.CO.UK/PM'], debit: '62.99', balance: '3,678.61' },
        { date: '29 Dec 23', label: ['))) PRET A MANGER 0412'], debit: '8.50' },
        { date: '', label: ['BP THAMES WATER'], debit: '103.01', balance: '3,567.10' },
      ], 94, cells, 95);
      return writePdf({
        pages: [
          [...top, ...header(170), ...row(184, [[95, 'BALANCE BROUGHT FORWARD'], [540, '2,310.45', true]]), ...first.inks,
            // The page ends on its last row's balance, the footer close under it; page 2 brings that balance forward.
            ...footer(1, first.y + 6)],
          [...header(66), ...row(80, [[95, 'BALANCE BROUGHT FORWARD'], [540, '3,741.60', true]]), ...second.inks,
            ...row(second.y, [[95, 'BALANCE CARRIED FORWARD'], [540, '3,567.10', true]]), ...footer(2)],
        ],
      });
    }

    it('reads every row exactly, the day of a row without a date from the row above', async () => {
      const doc = await parseDocument(await statement());
      expect(doc.statements).toHaveLength(1);
      const [part] = doc.statements;
      expect([part!.account.id, part!.currency, part!.opening_balance?.amount, part!.closing_balance?.amount]).toEqual(['71234567', 'GBP', '2310.45', '3567.10']);
      expect(movements(doc)).toEqual([
        ['2023-12-01', '-45.10', 'DD BRITISH GAS'],
        ['2023-12-01', '-23.75', 'VIS TESCO STORES 2231 LONDON'],
        ['2023-12-04', '2450.00', 'CR ACME LTD SALARY'],
        ['2023-12-11', '-950.00', 'SO LANDLORD RENT DEC'],
        ['2023-12-18', '-62.99', 'VIS AMAZON.CO.UK AMZN.CO.UK/PM'],
        ['2023-12-29', '-8.50', '))) PRET A MANGER 0412'],
        ['2023-12-29', '-103.01', 'BP THAMES WATER'],
      ]);
      expect(codes(doc)).toEqual([]);
    });
  });

  describe('generic reader, US credit union layout with no profile (signed amounts, no date word in the header)', () => {
    const header = (y: number): Ink[] => row(y, [[40, 'Post Date'], [100, 'Description'], [460, 'Amount', true], [540, 'Balance', true]]);
    const cells = (e: Entry, y: number): Ink[] => row(y, [[40, e.date], [100, e.label[0]!], [460, e.debit ?? e.credit ?? '', true], [540, e.balance ?? '', true]]);
    const footer = (page: number): Ink[] => [
      { x: 40, y: 800, text: 'Federally insured by NCUA. Routing 256074974. NMLS 412345. Questions? Call 1-800-555-0199 or write PO Box 1200, Austin TX 78701-1200.', size: 6 },
      { x: 40, y: 810, text: `Statement 2023-12 00417   Member 0098 7766   Page ${page} of 2`, size: 6 },
    ];

    async function statement(): Promise<Uint8Array> {
      const first = lay([
        { date: '11/16', label: ['POS PURCHASE WALMART #1234', 'BENTONVILLE AR 11/15'], debit: '-45.10', balance: '1,154.90' },
        { date: '11/17', label: ['ACH DEPOSIT EMPLOYER PAYROLL'], credit: '1,875.00', balance: '3,029.90' },
        { date: '11/20', label: ['SHARE DRAFT 1042'], debit: '-600.00', balance: '2,429.90' },
      ], 150, cells, 100);
      const second = lay([
        { date: '12/01', label: ['ATM WITHDRAWAL 5TH ST', 'AUSTIN TX'], debit: '-200.00', balance: '2,229.90' },
        { date: '12/14', label: ['DIVIDEND'], credit: '0.42', balance: '2,230.32' },
      ], 84, cells, 100);
      return writePdf({
        pages: [
          [
            { x: 40, y: 40, text: 'Pecan Valley Federal Credit Union', size: 13 },
            { x: 360, y: 40, text: 'Statement Period: 11/15/2023 - 12/14/2023', size: 8 },
            { x: 40, y: 70, text: 'SHARE DRAFT   Account Number: 0098776655', size: 9 },
            { x: 40, y: 84, text: 'Dividends earned year to date $4.18   Annual percentage yield 0.25%', size: 8 },
            ...header(120),
            ...row(134, [[100, 'Beginning Balance'], [540, '1,200.00', true]]),
            ...first.inks,
            // A footer line right under the last row, at the page margin: not part of that row's label.
            { x: 40, y: first.y + 2, text: 'Federally insured by NCUA. Routing 256074974. NMLS 412345. Call 1-800-555-0199. Page 1 of 2', size: 8 },
          ],
          [...header(60), ...row(70, [[100, 'SHARE DRAFT 0098776655 (continued)']]), ...second.inks, ...row(second.y, [[100, 'Ending Balance'], [540, '2,230.32', true]]), ...footer(2)],
        ],
      });
    }

    it('finds the date column by recurrence and reads the signed amounts exactly', async () => {
      const doc = await parseDocument(await statement());
      expect(doc.statements).toHaveLength(1);
      const [part] = doc.statements;
      expect([part!.account.id, part!.currency, part!.opening_balance?.amount, part!.closing_balance?.amount]).toEqual(['0098776655', 'USD', '1200.00', '2230.32']);
      expect(movements(doc)).toEqual([
        ['2023-11-16', '-45.10', 'POS PURCHASE WALMART #1234 BENTONVILLE AR 11/15'],
        ['2023-11-17', '1875.00', 'ACH DEPOSIT EMPLOYER PAYROLL'],
        ['2023-11-20', '-600.00', 'SHARE DRAFT 1042'],
        ['2023-12-01', '-200.00', 'ATM WITHDRAWAL 5TH ST AUSTIN TX'],
        ['2023-12-14', '0.42', 'DIVIDEND'],
      ]);
      expect(codes(doc)).toEqual([]);
    });
  });

  describe('refusals', () => {
    const refusal = async (bytes: Uint8Array): Promise<StatementParseError> => {
      const error = await parseDocument(bytes).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(StatementParseError);
      return error as StatementParseError;
    };

    it('refuses an encrypted PDF, saying so', async () => {
      const error = await refusal(await writePdf({ pages: [[{ x: 40, y: 40, text: 'secret' }]], encrypted: true }));
      expect(error.message).toMatch(/encrypted/);
    });

    it('refuses a truncated PDF with a reason', async () => {
      const whole = readFileSync('../shared/fixtures/statements/pdf/mfry_kowhai_everyday.pdf');
      const error = await refusal(whole.subarray(0, Math.floor(whole.length * 0.4)));
      expect(error.message).toMatch(/truncated|damaged|no transaction table/);
    });

    it('refuses an invoice: no statement table, named by page', async () => {
      const error = await refusal(await writePdf({
        pages: [[
          { x: 40, y: 40, text: 'INVOICE No 2024-0117', size: 14 }, { x: 400, y: 40, text: 'Date: 12/03/2024' },
          ...row(120, [[40, 'Item'], [90, 'Description'], [330, 'Qty', true], [420, 'Unit price', true], [540, 'Amount', true]]),
          ...row(134, [[40, '1'], [90, 'Consulting, March'], [330, '10', true], [420, '95.00', true], [540, '950.00', true]]),
          ...row(148, [[40, '2'], [90, 'Travel expenses'], [330, '1', true], [420, '120.00', true], [540, '120.00', true]]),
          ...row(176, [[420, 'Total due'], [540, '1,070.00', true]]),
        ]],
      }));
      expect(error.message).toMatch(/no transaction table found/);
      expect(error.location.element).toBe('page 1');
    });

    it('refuses a blank page without running OCR', async () => {
      const error = await refusal(await writePdf({ pages: [[]] }));
      expect(error.message).toMatch(/blank/);
    });
  });
});
