import { foldLabel, normalizeLabel } from './label-normalizer.js';

describe(normalizeLabel.name, () => {
  it.each([
    ['  Prélèvement Free  ', 'PRELEVEMENT FREE'],
    ['CB Cœur de Bœuf', 'CB COEUR DE BOEUF'],
    ['CB Ætna Straße', 'CB AETNA STRASSE'],
  ])('folds %j to %j', (label, folded) => {
    expect(foldLabel(label)).toBe(folded);
  });

  it('gives rules the label as words, punctuation and separators turned to single spaces', () => {
    expect(normalizeLabel(' CB  L\'Atelier -- Café (Paris). ').text).toBe('CB L ATELIER CAFE PARIS');
  });

  it.each([
    // noise: references, timestamps, dates, card numbers
    ['PRLV SEPA EDF REF/AB12', 'EDF', 'EDF'],
    ['CARD PAYMENT TO UBER 2024-03-12T10:15:00Z', 'UBER', 'UBER'],
    ['CB SNCF 12 MARS VOYAGE 14 AVRIL', 'SNCF VOYAGE', 'SNCF VOYAGE'],
    ['CB FNAC CARTE 4974XXXXXXXX1234', 'FNAC', 'FNAC'],
    ['CB FNAC CARTE XXXX1234', 'FNAC', 'FNAC'],
    ['CB FNAC CB*1234', 'FNAC', 'FNAC'],
    ['CB FNAC 4974XXXX1234', 'FNAC', 'FNAC'],
    ['CB FNAC FACTURE DU 12032024', 'FNAC FACTURE', 'FNAC FACTURE'],
    ['CB FNAC 12H30', 'FNAC', 'FNAC'],
    ['CB FNAC CARTE N 12345', 'FNAC', 'FNAC'],
    ['CB LIDL CARTE N.12', 'LIDL', 'LIDL'],
    ['RETRAIT DAB 12/03 9H30 PARIS', 'PARIS', 'PARIS'],
    ['CB DARTY DU 120324 MONTPARNASSE', 'DARTY MONTPARNASSE', 'DARTY MONTPARNASSE'],
    ['CB SUMUP*BAR DU PORT', 'BAR DU PORT', 'BAR DU PORT'],
    // a shop whose name starts like a card number field keeps its name
    ['CB CARTE NOIRE CAFE', 'CARTE NOIRE CAFE', 'CARTE NOIRE CAFE'],
    // short words with digits are names, long ones are references
    ['CB M6 BOUTIQUE', 'M6 BOUTIQUE', 'M6 BOUTIQUE'],
    ['CB 3D PRINT SHOP', '3D PRINT SHOP', '3D PRINT SHOP'],
    ['DIRECT DEBIT O2UK', 'O2UK', 'O2UK'],
    ['PRLV SEPA EDF 12AB34CD', 'EDF', 'EDF'],
    // currencies and SEPA are not part of a name
    ['VIR SEPA RECU /DE ACME EUR SEPA EURO EUROS GBP USD CHF', 'ACME', 'ACME'],
    // linking words around a name
    ['CB DE NEUVILLE 12/03', 'NEUVILLE', 'NEUVILLE'],
    ['CB DU PAREIL AU MEME', 'PAREIL AU MEME', 'PAREIL AU MEME'],
    ['CB DES MARCHES 12/03', 'MARCHES', 'MARCHES'],
    ['SEPA VERS M DUPONT', 'M DUPONT', 'M DUPONT'],
    ['CB POUR LA MAISON', 'LA MAISON', 'LA MAISON'],
    ['CB PAR AVION', 'AVION', 'AVION'],
    ['CB A LA BONNE HEURE', 'LA BONNE HEURE', 'LA BONNE HEURE'],
    ['CB AU BUREAU', 'BUREAU', 'BUREAU'],
    ['CB ON AIR', 'AIR', 'AIR'],
    ['CB AT HOME', 'HOME', 'HOME'],
    ['CB FROM TO HAIR', 'HAIR', 'HAIR'],
    ['CB SHELL RELAIS ON', 'SHELL RELAIS', 'SHELL RELAIS'],
    ['CB PIZZA LE', 'PIZZA', 'PIZZA'],
    ['CB BOULANGERIE DU', 'BOULANGERIE', 'BOULANGERIE'],
    ['CB ZARA AT', 'ZARA', 'ZARA'],
    ['CB TABAC A', 'TABAC', 'TABAC'],
    ['CB ORANGE FACT', 'ORANGE', 'ORANGE'],
    ['CB HOTEL DE', 'HOTEL', 'HOTEL'],
    ['CB HERTZ LOC', 'HERTZ', 'HERTZ'],
    ['CB SUPER U LOCAL', 'SUPER U', 'SUPER U'],
    // fields: party, memo, references
    ['VIR SEPA EMIS /ECH 0403 /MDT RUM1 /BEN SCI LILAS', 'SCI LILAS', 'SCI LILAS'],
    ['VIR SEPA RECU /DE A B C D E F G', 'B C D E F G', 'B C D E F'],
    ['PRLV SEPA FREE MOBILE LIB/ABONNEMENT', 'FREE MOBILE ABONNEMENT', 'FREE MOBILE'],
    ['VIR SEPA RECU BEN/MME MARTIN', 'MME MARTIN', 'MME MARTIN'],
    ['CB AMAZON MOTIF/ CADEAU', 'AMAZON CADEAU', 'AMAZON'],
    ['VIR SEPA RECU DE:M DUPONT', 'M DUPONT', 'M DUPONT'],
    ['VIR SEPA RECU REF: 123456 /MOTIF CADEAU NOEL', 'CADEAU NOEL', 'CADEAU NOEL'],
    ['PRLV SEPA ID EMETTEUR/FR12ZZZ ORANGE', 'ORANGE', 'ORANGE'],
    ['PRLV SEPA FREE MOBILE LIBELLE: FACTURE MARS', 'FREE MOBILE FACTURE MARS', 'FREE MOBILE'],
    // an empty party field does not hide the name printed before it; an empty memo does not hide the next one
    ['VIR SEPA RECU ACME SAS /BEN /MOTIF SALAIRE', 'ACME SAS SALAIRE', 'ACME SAS'],
    ['PRLV SEPA LIB/ABONNEMENT FREE', 'ABONNEMENT FREE', 'ABONNEMENT FREE'],
    ['VIR SEPA RECU MOTIF: LIB: LOYER MARS', 'LOYER MARS', 'LOYER MARS'],
    // a field right after the method prefix is still a field
    ['VIR SEPA RECU /MOTIF LOYER /DE M DUPONT', 'LOYER M DUPONT', 'M DUPONT'],
    ['VIR SEPA RECU /REF 123456 /DE ACME', 'ACME', 'ACME'],
    // a numeric reference takes only its own value with it
    ['VIR SEPA RECU /DE ACME /REF 123456 LOYER', 'ACME LOYER', 'ACME'],
  ])('reads %j as body %j, counterparty %j', (label, body, counterparty) => {
    const normalized = normalizeLabel(label);
    expect(normalized.body).toBe(body);
    expect(normalized.tokens).toEqual(body === '' ? [] : body.split(' '));
    expect(normalized.counterparty).toBe(counterparty);
  });
});
