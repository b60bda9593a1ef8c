import { canonicalHeader, cleanLabel, decodeHtmlEntities, headerMatches } from './csv-text.js';

/*
 * Label and header text on its own: the parser's specs read one entity or one lost letter per file, where a numeric
 * entity read in the wrong base or a '?' that stands for two letters still gives the expected row.
 */

describe(decodeHtmlEntities.name, () => {
  it('decodes named entities and leaves text without one as it is', () => {
    expect(decodeHtmlEntities('Cr&eacute;dit &amp; D&eacute;bit')).toBe('Crédit & Débit');
    expect(decodeHtmlEntities('AT&T; 5 & 6')).toBe('AT&T; 5 & 6');
    expect(decodeHtmlEntities('CB CAFE')).toBe('CB CAFE');
  });

  it('decodes decimal and hexadecimal character references, with either x', () => {
    expect(decodeHtmlEntities('&#233;t&#xE9; &#X20AC; &#x1F4B6;')).toBe('été € 💶');
    expect(decodeHtmlEntities('&#65;&#x41;')).toBe('AA');
    expect(decodeHtmlEntities('&#1;')).toBe('\u0001');
    expect(decodeHtmlEntities('&#x10FFFF;')).toBe('\u{10FFFF}');
  });

  it('leaves unknown names and references outside Unicode as written', () => {
    expect(decodeHtmlEntities('&bogus; &#0; &#x0; &#x110000; &#1114112; &EACUTE;')).toBe('&bogus; &#0; &#x0; &#x110000; &#1114112; &EACUTE;');
  });

  it('leaves an entity without its semicolon as written', () => {
    expect(decodeHtmlEntities('Cr&eacute dit &#233 x')).toBe('Cr&eacute dit &#233 x');
  });
});

describe(cleanLabel.name, () => {
  it('trims a one-line label and keeps its inner spaces', () => {
    expect(cleanLabel('  CB  CAFE DU COIN \t')).toBe('CB  CAFE DU COIN');
  });

  it('writes a multi-line label as one line, one space between the non-blank lines', () => {
    expect(cleanLabel(' PRELEVEMENT \n EDF CLIENTS  \n\n  \nREF 12345\n')).toBe('PRELEVEMENT EDF CLIENTS REF 12345');
    expect(cleanLabel('A\nB')).toBe('A B');
  });

  it('decodes entities first, so an encoded line break also becomes a space', () => {
    expect(cleanLabel(' Cr&eacute;dit&#10;Agricole ')).toBe('Crédit Agricole');
  });
});

describe(canonicalHeader.name, () => {
  it.each([
    ['Date de valeur', 'datedevaleur'],
    ["Date d'opération", 'datedoperation'],
    ['DÉBIT EUROS', 'debiteuros'],
    ['Libell&eacute;', 'libelle'],
    ['éèçôï', 'eecoi'],
    ['Montant (€)', 'montant'],
    ['Solde 2024', 'solde2024'],
    ['N° compte', 'ncompte'],
    ['Réf?', 'ref?'],
  ])('reduces %j to %j', (text, canonical) => {
    expect(canonicalHeader(text)).toBe(canonical);
  });

  it('keeps each letter lost to a bad byte as a "?"', () => {
    expect(canonicalHeader('D\uFFFDbit')).toBe('d?bit');
    expect(canonicalHeader('Cat\uFFFDgorie r\uFFFDf')).toBe('cat?gorier?f');
  });
});

describe(headerMatches.name, () => {
  it('compares a header without "?" exactly', () => {
    expect(headerMatches('debit', 'debit')).toBe(true);
    expect(headerMatches('debits', 'debit')).toBe(false);
    expect(headerMatches('debi', 'debit')).toBe(false);
    expect(headerMatches('a'.repeat(70), 'a'.repeat(70))).toBe(true);
  });

  it('reads each "?" as one lost letter or none', () => {
    expect(headerMatches('d?bit', 'debit')).toBe(true);
    expect(headerMatches('libell?', 'libelle')).toBe(true);
    expect(headerMatches('d?bit', 'dbit')).toBe(true);
    expect(headerMatches('d??bit', 'debit')).toBe(true);
    expect(headerMatches('cr?dit', 'credit')).toBe(true);
  });

  it('never lets a "?" stand for two letters, a digit or a different letter around it', () => {
    expect(headerMatches('d?bit', 'deebit')).toBe(false);
    expect(headerMatches('montant?', 'montant1')).toBe(false);
    expect(headerMatches('d?bat', 'debit')).toBe(false);
    expect(headerMatches('d?bit', 'credit')).toBe(false);
    expect(headerMatches('debit?x', 'debit')).toBe(false);
  });

  it('matches a header of up to 64 characters with a "?" and refuses a longer one', () => {
    expect(headerMatches(`${'a'.repeat(63)}?`, 'a'.repeat(64))).toBe(true);
    expect(headerMatches(`${'a'.repeat(64)}?`, 'a'.repeat(65))).toBe(false);
  });
});
