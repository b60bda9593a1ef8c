import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parseStatement } from '../statement-parser.js';
import type { ParsedDocument } from '../statement.types.js';
import { parseMt940 } from './mt940.parser.js';
import { parseFailure } from '../testing/parse-failure.js';

const fixture = (name: string): Buffer => readFileSync(path.resolve(process.cwd(), '../shared/fixtures/statements/mt940', name));

const amounts = (doc: ParsedDocument): string[] => doc.statements.flatMap((s) => s.transactions.map((t) => t.amount));
const balances = (doc: ParsedDocument): Array<[string | undefined, string | undefined, string | null]> =>
  doc.statements.map((s) => [s.opening_balance?.amount, s.closing_balance?.amount, s.currency]);
const warningCodes = (doc: ParsedDocument): Array<[string, number | undefined]> => doc.warnings.map((w) => [w.code, w.line]);

const FIXTURES = [
  'wolph-mt940_jejik_ing.sta',
  'wolph-mt940_jejik_abnamro.sta',
  'wolph-mt940_jejik_rabobank.sta',
  'wolph-mt940_cmxl_mt940.sta',
  'wolph-mt940_betterplace_sepa_snippet.sta',
  'wolph-mt940_betterplace_with_binary_character.sta',
  'wolph-mt940_mBank_mt940.sta',
  'wolph-mt940_sberbank_171011_01234945.sta',
  'wolph-mt940_self-provided_february_30.sta',
  'wolph-mt940_self-provided_malformed_details.sta',
];

describe(parseMt940.name, () => {
  describe('fixtures that must parse', () => {
    it('skips ING header lines, joins multi-line :86: and reports that the balances do not reconcile', () => {
      const doc = parseMt940(fixture('wolph-mt940_jejik_ing.sta'));
      expect(amounts(doc)).toEqual(['-25.03', '-3.03', '-1.11', '-20.00', '-1.10', '3.68', '1.00']);
      expect(balances(doc)).toEqual([['0.00', '3.47', 'EUR']]);
      expect(doc.statements[0]!.account).toEqual({ id: '0001234567' });
      expect(doc.statements[0]!.transactions[0]).toMatchObject({
        date: '2010-07-22',
        currency: 'EUR',
        type: 'NTRF',
        label: 'RC AFREKENING BETALINGSVERKEER BETREFT REKENING 4715589 PERIODE: 01-10-2010 / 31-12-2010 ING Bank N.V. tarifering ING',
      });
      expect(doc.statements[0]!.transactions[1]!.label).toBe('0111111111 GPSEOUL SPOEDBETALING MPBZS1016000047 GPSEOUL');
      // The :86: after :62F: belongs to the statement, not to the last entry.
      expect(doc.statements[0]!.transactions[6]!.label).toBe('0111111111 Hr S Marechal ROSMALEN Hr S Marechal ROSMALEN Betaling transactiedatum: 22-07-2010');
      expect(warningCodes(doc)).toEqual([['BALANCE_MISMATCH', 26]]);
    });

    it('reads two ABN AMRO statements, the second with intermediate balances :60M:/:62M:', () => {
      const doc = parseMt940(fixture('wolph-mt940_jejik_abnamro.sta'));
      expect(doc.statements).toHaveLength(2);
      expect(amounts(doc)).toHaveLength(10);
      expect(amounts(doc)).toEqual(['-9.00', '-11.59', '-11.63', '-11.80', '-13.45', '-15.49', '-107.00', '-141.48', '-9.49', '-15.00']);
      expect(balances(doc)).toEqual([['3236.28', '876.84', 'EUR'], ['2876.84', '1849.75', 'EUR']]);
      expect(doc.statements[0]!.transactions[1]).toMatchObject({ date: '2011-05-23', value_date: '2011-05-21' });
      expect(warningCodes(doc)).toEqual([['BALANCE_MISMATCH', 27], ['BALANCE_MISMATCH', 40]]);
    });

    it('reads zero-padded Rabobank amounts over four statements, with the payee from the :61: line', () => {
      const doc = parseMt940(fixture('wolph-mt940_jejik_rabobank.sta'));
      expect(doc.statements).toHaveLength(4);
      expect(amounts(doc)).toEqual(['-1213.28', '-44.95', '-236.56', '-88.10', '-6.20']);
      expect(doc.statements[3]!.closing_balance).toEqual({ amount: '4101.82', date: '2012-08-29' });
      expect(doc.statements[0]!.transactions[0]!.label).toBe('W.P. Jansen - Terugboeking NIET AKKOORD MET AFSCHRIJVING KOSTEN KINDEROPVANG JUNI 20095731');
      expect(warningCodes(doc)).toEqual([['BALANCE_MISMATCH', 11], ['BALANCE_MISMATCH', 28]]);
    });

    it('reads amounts without decimals ("6800,") in three statements and currencies', () => {
      const doc = parseMt940(fixture('wolph-mt940_cmxl_mt940.sta'));
      expect(amounts(doc)).toHaveLength(16);
      expect(amounts(doc).slice(0, 3)).toEqual(['-6800.00', '-620.30', '18500.00']);
      expect(balances(doc)).toEqual([['84349.74', '84437.04', 'DEM'], ['2187.95', '4387.95', 'EUR'], ['40000.00', '50040.00', 'PLN']]);
      expect(doc.statements[1]!.transactions.map((t) => [t.id, t.label])).toEqual([
        ['55555', 'MUELLER - Miete November'],
        ['55555#2', 'MUELLER - Gehalt OktoberFirmaMustermannGmbH'],
      ]);
      expect(doc.statements[2]!.transactions[2]).toMatchObject({ amount: '40.00', label: 'Interest credit - Odsetki od lokaty nr 101000022086' });
      expect(doc.warnings).toEqual([]);
    });

    it('reads German SEPA ?20..?32 sub-fields and debit balances', () => {
      const doc = parseMt940(fixture('wolph-mt940_betterplace_sepa_snippet.sta'));
      expect(amounts(doc)).toHaveLength(11);
      expect(balances(doc)).toEqual([['766656.49', '1125250.40', 'EUR'], ['-1970431.87', '-4472049.09', 'EUR']]);
      expect(doc.statements[1]!.available_balance).toEqual({ amount: '-4472049.09', date: '2007-09-04' });
      expect(doc.statements[0]!.transactions[0]).toMatchObject({
        id: '0724710333343453',
        date: '2007-09-04',
        value_date: '2007-09-07',
        amount: '50990.05',
        payee: 'KARL KAUFMANN',
        memo: 'Verw CTSc-01 BC-PPP TFNr 22 004',
        label: 'KARL KAUFMANN - Verw CTSc-01 BC-PPP TFNr 22 004',
      });
      expect(doc.statements[0]!.transactions[0]!.raw).toMatchObject({ posting_text: 'GUTSCHRIFT', mark: 'C', funds_code: 'R' });
      // The snippet's second statement lists entries summing 300.08 short of its closing balance.
      expect(doc.warnings).toEqual([expect.objectContaining({ code: 'BALANCE_MISMATCH', line: 55, element: ':62F:' })]);
      expect(doc.warnings[0]!.message).toContain('difference 300.08');
    });

    it('keeps the non-ASCII bytes of :20: and :86: readable', () => {
      const doc = parseMt940(fixture('wolph-mt940_betterplace_with_binary_character.sta'));
      expect(amounts(doc)).toEqual(['27.00', '13068.30', '-193282.05', '1120.00']);
      expect(doc.statements[1]!.transactions[0]!.label).toContain('Überweisung:19.03.2010');
      expect(doc.warnings).toEqual([]);
    });

    it('ignores the SOH byte before mBank :20: and reads the IBAN and the line after :61:', () => {
      const doc = parseMt940(fixture('wolph-mt940_mBank_mt940.sta'));
      expect(amounts(doc)).toEqual(['0.01', '0.01', '0.01']);
      expect(balances(doc)).toEqual([['0.40', '0.43', 'PLN']]);
      expect(doc.statements[0]!.account).toEqual({ id: 'PL29114010810000267002001002', iban: 'PL29114010810000267002001002' });
      expect(doc.statements[0]!.transactions.map((t) => t.id)).toEqual(['MB170119012058', 'MB170119012085', 'MB170119012121']);
      expect(doc.statements[0]!.transactions[0]!.label).toMatch(/^911-TRANSAKCJA IPH - 911 TRANSAKCJA COLLECT; ID IPH: XX000000000001;/);
      expect(doc.warnings).toEqual([]);
    });

    it('reads Sberbank CRLF files with non-SWIFT :NS: fields', () => {
      const doc = parseMt940(fixture('wolph-mt940_sberbank_171011_01234945.sta'));
      expect(amounts(doc)).toEqual(['-2402.00', '-3460.00', '-3575.00']);
      expect(balances(doc)).toEqual([['627311.30', '617874.30', 'HUF']]);
      expect(doc.statements[0]!.transactions[1]).toMatchObject({ payee: 'ERGO Eletbiztosito Zrt.', label: 'ERGO Eletbiztosito Zrt. - Tranz. Illet\uFFFDk: 10.38HUF' });
      expect(doc.warnings).toEqual([]);
    });

    it('reads the value date February 30 as February 29 like wolph/mt940, and says so in a warning', () => {
      const doc = parseMt940(fixture('wolph-mt940_self-provided_february_30.sta'));
      expect(doc.statements[0]!.transactions).toEqual([expect.objectContaining({ date: '2016-03-01', value_date: '2016-02-29', amount: '-6.00', label: 'Pauschalen' })]);
      expect(balances(doc)).toEqual([['1200.00', '1194.00', 'EUR']]);
      expect(doc.warnings).toEqual([expect.objectContaining({ code: 'DATE_ADJUSTED', line: 6, element: ':61:' })]);
      expect(doc.warnings[0]!.message).toContain('160230');
    });

    it('reads a malformed :86: as text and reports the unreconciled balances', () => {
      const doc = parseMt940(fixture('wolph-mt940_self-provided_malformed_details.sta'));
      expect(amounts(doc)).toEqual(['-233.15']);
      expect(balances(doc)).toEqual([['12345.12', '12345.98', 'EUR']]);
      expect(doc.statements[0]!.transactions[0]!.payee).toBe('Finanzamt Muenchen Abteilung Erhebung');
      expect(warningCodes(doc)).toEqual([['BALANCE_MISMATCH', 15]]);
    });

    it('derives the same ids on every parse when the bank gives no reference', () => {
      const ids = (): string[] => parseMt940(fixture('wolph-mt940_jejik_abnamro.sta')).statements.flatMap((s) => s.transactions.map((t) => t.id));
      expect(ids()).toEqual(ids());
      expect(new Set(ids()).size).toBe(10);
    });
  });

  describe('malformed and truncated variants', () => {
    const text = (name: string): string => fixture(name).toString('latin1');
    const run = (content: string) => parseMt940(Buffer.from(content, 'latin1'));

    /** Offsets inside each statement, before its closing balance ends: a cut there leaves it incomplete. */
    function cutsInside(content: string): number[] {
      const lines = content.split('\n');
      const starts = lines.map((_, i) => lines.slice(0, i).join('\n').length + (i > 0 ? 1 : 0));
      const cuts: number[] = [];
      lines.forEach((line, i) => {
        const next = lines.slice(i + 1).find((l) => /^:(20|62[FM]):/.test(l));
        if (/^:62[FM]:/.test(line)) cuts.push(starts[i]! + 13);
        else if (/^:(25|60[FM]|61|86):/.test(line) && next && next.startsWith(':62')) cuts.push(starts[i]! + Math.floor(line.length / 2));
      });
      return cuts;
    }

    it.each(FIXTURES)('refuses %s cut inside any statement, naming the line', (name) => {
      const content = text(name);
      const cuts = cutsInside(content);
      expect(cuts.length).toBeGreaterThan(3);
      for (const cut of cuts) {
        const error = parseFailure(() => run(content.slice(0, cut)));
        expect(error.code).toBe('MALFORMED_DOCUMENT');
        expect(error.message).toMatch(/line \d+/);
        expect(error.location.line).toBeGreaterThan(0);
      }
    });

    it('refuses a file cut after a complete statement when the others end with "-"', () => {
      const content = text('wolph-mt940_jejik_abnamro.sta');
      const error = parseFailure(() => run(content.slice(0, content.lastIndexOf('-'))));
      expect(error.message).toContain('the last statement (:20: at line 32) has no closing "-" line');
    });

    it('refuses an amount with a decimal point instead of the SWIFT comma, naming the :61: line', () => {
      const error = parseFailure(() => run(text('wolph-mt940_jejik_ing.sta').replace(':61:100722D25,03NTRF', ':61:100722D25.03NTRF')));
      expect(error.message).toContain(':61: at line 8 does not follow the SWIFT layout');
      expect(error.location).toEqual({ line: 8, element: ':61:' });
    });

    it('refuses an impossible value date that is not a February 30', () => {
      const error = parseFailure(() => run(text('wolph-mt940_jejik_ing.sta').replace(':61:100722D3,03', ':61:100431D3,03')));
      expect(error.message).toBe('MT940: :61: at line 12 has an invalid value date 100431');
    });

    it('refuses a corrupted balance, naming the field and line', () => {
      const error = parseFailure(() => run(text('wolph-mt940_mBank_mt940.sta').replace(':60F:C170119PLN0,40', ':60F:C170119PLN0,4O')));
      expect(error.message).toContain(':60F: at line 5 is not a balance');
      expect(error.location).toEqual({ line: 5, element: ':60F:' });
    });

    it('refuses a statement whose closing balance line was dropped', () => {
      const error = parseFailure(() => run(text('wolph-mt940_jejik_rabobank.sta').replace(':62F:C110617EUR0000000001250,87\n', '')));
      expect(error.message).toContain('statement :20:940A110617 (line 19) has no closing balance');
    });

    it('refuses entries before any :20: and a file without statements', () => {
      expect(parseFailure(() => run(':61:100722D25,03NTRFNONREF\n')).message).toContain('field :61: at line 1 comes before any :20:');
      expect(parseFailure(() => run('0000 01INGBNL2AXXXX00001\n940 00\n')).message).toContain('no statement found');
    });
  });

  describe('format detection', () => {
    it.each(FIXTURES)('parseStatement detects %s as MT940 from its content', (name) => {
      expect(parseStatement(fixture(name), { fileName: 'statement.txt' }).format).toBe('mt940');
    });
  });
});
