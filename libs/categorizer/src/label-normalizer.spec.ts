import { foldLabel, normalizeLabel } from './label-normalizer.js';

describe(normalizeLabel.name, () => {
  it('folds case, accents and ligatures', () => {
    expect(foldLabel('Prélèvement  Œuvre d’Art')).toBe('PRELEVEMENT OEUVRE D ART');
    expect(normalizeLabel('cb Épicerie Bio 12/03').body).toBe('EPICERIE BIO');
  });

  it.each([
    ['CB CARREFOUR 12/03', 'card', 'CARREFOUR'],
    ['CARTE X1234 12/03 LECLERC', 'card', 'LECLERC'],
    ['FACTURE CARTE DU 120324 AMAZON PAYMENTS CARTE 4974XXXXXXXX1234', 'card', 'AMAZON PAYMENTS'],
    ['PAIEMENT CB 1203 PARIS MONOPRIX CARTE 12345678', 'card', 'PARIS MONOPRIX'],
    ['ACHAT CB LIDL 12.03.24 CARTE NUMERO 123', 'card', 'LIDL'],
    ['CARTE 12/03/24 SUPER U CB*7766', 'card', 'SUPER U'],
    ['CARD PAYMENT TO TESCO STORES 3217 ON 12 MAR', 'card', 'TESCO STORES'],
    ['POS 1234 12MAR24 SAINSBURYS', 'card', 'SAINSBURYS'],
    ['CHECKCARD 0312 STARBUCKS STORE 12345 SEATTLE WA', 'card', 'STARBUCKS STORE SEATTLE WA'],
    ['PRLV SEPA EDF SA ECH/120324 ID EMETTEUR/FR12ZZZ123456 MDT/ABC123 REF/XYZ789', 'direct_debit', 'EDF SA'],
    ['PRELEVEMENT EUROPEEN 1234567890 DE: FREE MOBILE ID: FR45ZZZ123 MOTIF: FACTURE REF: 99887766', 'direct_debit', 'FREE MOBILE'],
    ['DIRECT DEBIT BRITISH GAS', 'direct_debit', 'BRITISH GAS'],
    ['VIR SEPA RECU /DE EMPLOYEUR SAS /MOTIF SALAIRE MARS /REF 2024-03', 'transfer_in', 'EMPLOYEUR SAS'],
    ['VIR INST RE 1234567 DE: M DUPONT MOTIF: CADEAU', 'transfer_in', 'M DUPONT'],
    ['FASTER PAYMENT RECEIVED FROM J SMITH', 'transfer_in', 'J SMITH'],
    ['VIR SEPA EMIS /MOTIF LOYER AVRIL /BEN SCI DES LILAS', 'transfer_out', 'SCI DES LILAS'],
    ['VIREMENT A MME MARTIN', 'transfer_out', 'MME MARTIN'],
    ['RETRAIT DAB 12/03/24 PARIS 15 CB*1234', 'atm', 'PARIS'],
    ['ATM WITHDRAWAL LINK 12MAR24', 'atm', 'LINK'],
    ['FRAIS TENUE DE COMPTE', 'fee', 'TENUE DE COMPTE'],
    ['COTISATION CARTE VISA PREMIER', 'fee', 'VISA PREMIER'],
    ['ECH PRET 12345678901', 'loan', ''],
    ['INTERETS CREDITEURS 2023', 'interest', ''],
    ['AVOIR CB ZARA 14/03', 'card_refund', 'ZARA'],
    ['REMISE CHEQUE 1234567', 'cheque_deposit', ''],
  ])('reads %j as %s paid to/from %j', (label, method, counterparty) => {
    const normalized = normalizeLabel(label);
    expect(normalized.method).toBe(method);
    expect(normalized.counterparty).toBe(counterparty);
  });

  it('strips payment-processor prefixes and turns + into PLUS', () => {
    expect(normalizeLabel('PAYPAL *NETFLIX.COM').body).toBe('NETFLIX COM');
    expect(normalizeLabel('SQ *BLUE BOTTLE COFFEE').body).toBe('BLUE BOTTLE COFFEE');
    expect(normalizeLabel('CB CANAL+ 01/03').body).toBe('CANAL PLUS');
  });

  it('keeps the memo in the body so keywords in it count', () => {
    expect(normalizeLabel('VIR SEPA RECU /DE ACME /MOTIF SALAIRE MARS').body).toBe('ACME SALAIRE MARS');
  });

  it('leaves an unprefixed label as it is, minus noise', () => {
    const normalized = normalizeLabel('Pret A Manger 0042 London');
    expect(normalized.method).toBe('unknown');
    expect(normalized.body).toBe('PRET A MANGER LONDON');
  });
});
