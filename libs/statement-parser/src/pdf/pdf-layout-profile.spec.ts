import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatementParseError } from '../statement-parse.error.js';
import { builtInLayouts, chooseLayout, fold, loadLayoutsDir, validateLayout, type PdfLayoutProfile } from './pdf-layout.js';
import { parseFailure } from '../testing/parse-failure.js';

/* Layout profiles checked field by field, and chosen by producer or keywords. */

function refusal(value: unknown): StatementParseError {
  return parseFailure(() => validateLayout(value, 'my.json'));
}

describe(validateLayout.name, () => {
  it('accepts a profile with every field, returning it', () => {
    const profile = {
      name: 'full',
      source: 'a sample',
      match: { producer: ['bank'], keywords: ['releve'] },
      currency: 'EUR',
      dateOrder: 'DMY',
      card: false,
      columns: { date: ['jour'], value_date: ['valeur'], description: ['libelle'], debit: ['debit'], credit: ['credit'], amount: ['montant'], balance: ['solde'] },
      opening: ['a'], closing: ['b'], negativeBalance: ['c'], totals: ['d'], ignore: ['e'], creditSections: ['f'], debitSections: ['g'], account: ['(\\d+)'],
    };
    expect(validateLayout(profile, 'my.json')).toBe(profile);
    expect(validateLayout({ name: 'us', dateOrder: 'MDY', card: true }, 'my.json')).toEqual({ name: 'us', dateOrder: 'MDY', card: true });
  });

  it.each([null, [], 'profile', 3])('refuses %j, which is no JSON object', (value) => {
    const error = refusal(value);
    expect([error.code, error.message, error.location]).toEqual(['UNSUPPORTED_CONTENT', 'PDF layout my.json: must be a JSON object', { element: 'my.json' }]);
  });

  it.each([{}, { name: '' }, { name: 7 }])('refuses %j without a name', (value) => {
    expect(refusal(value).message).toBe('PDF layout my.json: "name" must be a non-empty string');
  });

  it.each(['opening', 'closing', 'negativeBalance', 'totals', 'ignore', 'creditSections', 'debitSections', 'account'])('refuses a %s that is not a list of strings', (field) => {
    expect(refusal({ name: 'x', [field]: 'balance' }).message).toBe(`PDF layout my.json: "${field}" must be a list of strings`);
    expect(refusal({ name: 'x', [field]: ['ok', 2] }).message).toBe(`PDF layout my.json: "${field}" must be a list of strings`);
  });

  it.each(['producer', 'keywords'])('refuses a match.%s that is not a list of strings', (field) => {
    expect(refusal({ name: 'x', match: { [field]: 'bank' } }).message).toBe(`PDF layout my.json: "match.${field}" must be a list of strings`);
  });

  it('refuses an invalid pattern, naming the field and the pattern', () => {
    expect(refusal({ name: 'x', match: { keywords: ['ok', '[a-'] } }).message).toMatch(/^PDF layout my\.json: "match\.keywords" holds an invalid pattern "\[a-": Invalid regular expression: /);
    expect(refusal({ name: 'x', columns: { debit: ['(out'] } }).message).toMatch(/^PDF layout my\.json: "columns\.debit" holds an invalid pattern "\(out": /);
  });

  it('refuses a column that is no role, listing the roles', () => {
    expect(refusal({ name: 'x', columns: { amounts: ['x'] } }).message).toBe('PDF layout my.json: columns.amounts is not a column role (date, value_date, description, debit, credit, amount, balance)');
  });

  it('refuses column words that are not a list of strings', () => {
    expect(refusal({ name: 'x', columns: { date: 'date' } }).message).toBe('PDF layout my.json: "columns.date" must be a list of strings');
  });

  it.each([
    [{ dateOrder: 'YMD' }, '"dateOrder" must be "DMY" or "MDY"'],
    [{ currency: 'euro' }, '"currency" must be an ISO 4217 code'],
    [{ currency: 'eur' }, '"currency" must be an ISO 4217 code'],
    [{ currency: 978 }, '"currency" must be an ISO 4217 code'],
    [{ card: 'yes' }, '"card" must be true or false'],
  ])('refuses %j', (fields, message) => {
    expect(refusal({ name: 'x', ...fields }).message).toBe(`PDF layout my.json: ${message}`);
  });
});

describe(fold.name, () => {
  it('removes accents, lowers the case and collapses spaces', () => {
    expect(fold('  Relevé  De\nCOMPTE  Crédit ')).toBe('releve de compte credit');
  });
});

describe(chooseLayout.name, () => {
  const a: PdfLayoutProfile = { name: 'a', match: { keywords: ['releve de compte', 'caisse'] } };
  const b: PdfLayoutProfile = { name: 'b', match: { producer: ['bankprint'] } };
  const c: PdfLayoutProfile = { name: 'c', match: { producer: ['acrobat'], keywords: ['everyday', 'kowhai'] } };

  it('chooses the profile whose every keyword is in the text, accents and case aside', () => {
    expect(chooseLayout([b, a], 'Other', 'RELEVÉ DE COMPTE\nCaisse X')?.name).toBe('a');
    expect(chooseLayout([a], 'Other', 'RELEVÉ DE COMPTE')).toBeNull();
  });

  it('chooses by producer alone when the profile names no keyword', () => {
    expect(chooseLayout([a, b], 'BankPrint 2.1', '')?.name).toBe('b');
  });

  it('chooses by producer only with one of its keywords in the text', () => {
    expect(chooseLayout([c], 'Adobe Acrobat', 'Kowhai statement')?.name).toBe('c');
    expect(chooseLayout([c], 'Adobe Acrobat', 'statement')).toBeNull();
    expect(chooseLayout([c], 'Other', 'Kowhai statement')).toBeNull();
  });

  it('takes the first profile that matches, and none without a match', () => {
    expect(chooseLayout([b, { name: 'b2', match: { producer: ['bank'] } }], 'bankprint', '')?.name).toBe('b');
    expect(chooseLayout([{ name: 'bare' }, { name: 'empty', match: { keywords: [] } }], 'anything', 'anything')).toBeNull();
  });
});

describe(loadLayoutsDir.name, () => {
  it('reads every .json of the directory in name order, nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pdf-layouts-'));
    writeFileSync(join(dir, 'b.json'), '{ "name": "second" }');
    writeFileSync(join(dir, 'a.json'), '{ "name": "first" }');
    writeFileSync(join(dir, 'notes.txt'), 'not a profile');
    expect(loadLayoutsDir(dir)).toEqual([{ name: 'first' }, { name: 'second' }]);
  });

  it('names the file of a profile that is no JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pdf-layouts-'));
    writeFileSync(join(dir, 'bad.json'), '{ "name": ');
    const error = (() => {
      try {
        loadLayoutsDir(dir);
      } catch (e) {
        return e as StatementParseError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(StatementParseError);
    expect([error!.code, error!.location]).toEqual(['UNSUPPORTED_CONTENT', { element: join(dir, 'bad.json') }]);
    expect(error!.message).toMatch(new RegExp(`^PDF layout ${join(dir, 'bad.json').replace(/[.]/g, '\\.')}: not valid JSON \\(.+\\)$`));
  });
});

describe(builtInLayouts.name, () => {
  it('reads the shipped profiles once', () => {
    expect(builtInLayouts()).toBe(builtInLayouts());
  });
});
