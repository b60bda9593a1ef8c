import type { PhraseRule } from './builtin-rules.js';
import { PhraseMatcher } from './phrase-matcher.js';

const rule = (phrase: string, kind: PhraseRule['kind'] = 'merchant', category: PhraseRule['category'] = 'groceries'): PhraseRule => ({
  phrase,
  category,
  kind,
});

const phrasesFound = (rules: PhraseRule[], body: string) => new PhraseMatcher(rules).matchAll(body.split(' ')).map((m) => m.rule.phrase);

describe(PhraseMatcher.name, () => {
  it.each([
    ['PHARMA*', 'PHARMACIE DU CENTRE', true],
    ['PHARMA*', 'PARA PHARMA', true],
    ['PHARMA*', 'PARAPHARMA LYON', false],
    ['CARTE GRI*', 'ANTS CARTE GRISE', true],
    ['CARTE GRI*', 'CARTE BLEUE', false],
    ['CARTE GRI*', 'FNAC CARTE', false],
    ['SALLE DE SPORT*', 'SALLE DE SPORTS FITNESS', true],
    ['SALLE DE SPORT*', 'SALLE DES SPORTS', false],
    ['CARTE GRISE', 'CARTE GRISE', true],
    ['CARTE GRISE', 'CARTE GRISES', false],
    ['BOUYGUES TELECOM', 'BOUYGUES IMMOBILIER', false],
    ['BOUYGUES TELECOM', 'FACTURE BOUYGUES', false],
    ['M*S', 'MS', false],
  ])('%j found in the label body %j: %s', (phrase, body, found) => {
    expect(phrasesFound([rule(phrase)], body)).toEqual(found ? [phrase] : []);
  });

  it('reports how many label tokens a phrase covers, a starred word counting as one', () => {
    const matcher = new PhraseMatcher([rule('CARTE GRI*'), rule('DECATH*')]);
    expect(matcher.matchAll(['CARTE', 'GRISE', 'DECATHLON']).map((m) => [m.rule.phrase, m.length])).toEqual([
      ['CARTE GRI*', 2],
      ['DECATH*', 1],
    ]);
  });

  it('finds a starred word once when the label has it whole', () => {
    expect(phrasesFound([rule('DECATHLON*')], 'DECATHLON')).toEqual(['DECATHLON*']);
  });

  it('ignores stray spaces in a phrase', () => {
    expect(phrasesFound([rule(' CARTE  GRISE ')], 'ANTS CARTE GRISE')).toEqual([' CARTE  GRISE ']);
  });

  it.each([
    ['strong before merchant, whatever their length', [rule('SALAIRE', 'strong', 'salary'), rule('AMAZON PAYMENTS', 'merchant', 'shopping')], 'SALAIRE AMAZON PAYMENTS', ['SALAIRE', 'AMAZON PAYMENTS']],
    ['merchant before keyword', [rule('TOTAL', 'merchant', 'fuel'), rule('LOYER', 'keyword', 'housing')], 'LOYER TOTAL', ['TOTAL', 'LOYER']],
    ['more label tokens first within a kind', [rule('ORANGE'), rule('ORANGE BANK')], 'ORANGE BANK', ['ORANGE BANK', 'ORANGE']],
    ['longer phrase first for the same tokens', [rule('AMAZON PRI*', 'merchant', 'subscriptions'), rule('AMAZON PRIME', 'merchant', 'subscriptions')], 'AMAZON PRIME', ['AMAZON PRIME', 'AMAZON PRI*']],
  ])('ranks %s', (_, rules, body, expected) => {
    expect(phrasesFound(rules, body)).toEqual(expected);
    expect(phrasesFound([...rules].reverse(), body)).toEqual(expected);
  });
});
