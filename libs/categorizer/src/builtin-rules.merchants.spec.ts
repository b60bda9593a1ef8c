import { TransactionCategorizer } from './transaction-categorizer.js';

const categorizer = new TransactionCategorizer();
const categorize = (label: string, amount: string) => categorizer.categorize({ label, amount });

describe('built-in merchant and keyword rules', () => {
  // One merchant from every stretch of each category's list, on the kind of label a bank prints for it.
  it.each([
    ['CB PICARD 12/03', '-14.50', 'groceries', 'merchant:PICARD'],
    ['CARD PAYMENT TO KROGER 0042', '-61.20', 'groceries', 'merchant:KROGER'],
    ['CARD PAYMENT TO GREGGS ON 12 MAR', '-4.35', 'restaurants', 'merchant:GREGGS'],
    ['CB COURTEPAILLE 12/03', '-38.90', 'restaurants', 'merchant:COURTEPAILLE'],
    ['CB BAGELSTEIN 12/03', '-11.40', 'restaurants', 'merchant:BAGELSTEIN'],
    ['CB BLABLACAR 12/03', '-23.00', 'transport', 'merchant:BLABLACAR'],
    ['CB FLIXBUS 12/03', '-19.99', 'transport', 'merchant:FLIXBUS'],
    ['CB ONEPARK 12/03', '-12.00', 'transport', 'merchant:ONEPARK'],
    ['CARD PAYMENT TO APPLEGREEN', '-55.10', 'fuel', 'merchant:APPLEGREEN'],
    ['PRLV SEPA EKWATEUR', '-72.00', 'utilities', 'merchant:EKWATEUR'],
    ['DIRECT DEBIT SEVERN TRENT', '-31.50', 'utilities', 'merchant:SEVERN TRENT'],
    ['PRLV SEPA SOSH', '-15.99', 'telecom', 'merchant:SOSH'],
    ['DIRECT DEBIT VODAFONE', '-22.00', 'telecom', 'merchant:VODAFONE'],
    ['DIRECT DEBIT GIFFGAFF', '-10.00', 'telecom', 'merchant:GIFFGAFF'],
    ['CB ICLOUD 12/03', '-2.99', 'subscriptions', 'merchant:ICLOUD'],
    ['CB DROPBOX 12/03', '-11.99', 'subscriptions', 'merchant:DROPBOX'],
    ['CB MEDIAPART 12/03', '-11.00', 'subscriptions', 'merchant:MEDIAPART'],
    ['CB GITHUB 12/03', '-4.00', 'subscriptions', 'merchant:GITHUB'],
    ['PRLV SEPA MAIF', '-48.20', 'insurance', 'merchant:MAIF'],
    ['PRLV SEPA MGEN', '-61.70', 'insurance', 'merchant:MGEN'],
    ['DIRECT DEBIT ADMIRAL', '-39.80', 'insurance', 'merchant:ADMIRAL'],
    ['DIRECT DEBIT BUPA', '-88.00', 'insurance', 'merchant:BUPA'],
    ['CB DOCTOLIB 12/03', '-30.00', 'health', 'merchant:DOCTOLIB'],
    ['CB AFFLELOU 12/03', '-129.00', 'health', 'merchant:AFFLELOU'],
    ['CB AMPLIFON 12/03', '-450.00', 'health', 'merchant:AMPLIFON'],
    ['CB CASTORAMA 12/03', '-64.30', 'shopping', 'merchant:CASTORAMA'],
    ['CB CDISCOUNT 12/03', '-89.99', 'shopping', 'merchant:CDISCOUNT'],
    ['CARD PAYMENT TO ARGOS', '-24.99', 'shopping', 'merchant:ARGOS'],
    ['CARD PAYMENT TO WALMART', '-42.17', 'shopping', 'merchant:WALMART'],
    ['CB INTERSPORT 12/03', '-59.00', 'shopping', 'merchant:INTERSPORT'],
    ['CARD PAYMENT TO WATERSTONES', '-12.99', 'shopping', 'merchant:WATERSTONES'],
    ['CB BACK MARKET 12/03', '-249.00', 'shopping', 'merchant:BACK MARKET'],
    ['CB TRUFFAUT 12/03', '-35.60', 'shopping', 'merchant:TRUFFAUT'],
    ['CB KINEPOLIS 12/03', '-12.50', 'leisure', 'merchant:KINEPOLIS'],
    ['CB BASIC FIT 12/03', '-29.99', 'leisure', 'merchant:BASIC FIT'],
    ['CARD PAYMENT TO PUREGYM', '-24.99', 'leisure', 'merchant:PUREGYM'],
    ['CB NINTENDO 12/03', '-59.99', 'leisure', 'merchant:NINTENDO'],
    ['CB UNIBET 12/03', '-10.00', 'leisure', 'merchant:UNIBET'],
    ['CB BOWLING 12/03', '-18.00', 'leisure', 'merchant:BOWLING'],
    ['CB EASYJET 12/03', '-86.47', 'travel', 'merchant:EASYJET'],
    ['CB IBERIA 12/03', '-212.00', 'travel', 'merchant:IBERIA'],
    ['CB NOVOTEL 12/03', '-119.00', 'travel', 'merchant:NOVOTEL'],
    ['CB EUROPCAR 12/03', '-187.40', 'travel', 'merchant:EUROPCAR'],
    ['CB CENTER PARCS 12/03', '-640.00', 'travel', 'merchant:CENTER PARCS'],
    ['CB BRITTANY FERRIES 12/03', '-310.00', 'travel', 'merchant:BRITTANY FERRIES'],
    ['DIRECT DEBIT DVLA', '-16.50', 'taxes', 'merchant:DVLA'],
    ['PRLV SEPA FONCIA', '-812.00', 'housing', 'merchant:FONCIA'],
    ['PRLV SEPA GESTRIM', '-230.00', 'housing', 'merchant:GESTRIM'],
    ['STANDING ORDER FOXTONS', '-1450.00', 'housing', 'merchant:FOXTONS'],
    ['PRLV SEPA CRECHE LES PETITS LOUPS', '-320.00', 'education', 'merchant:CRECHE'],
    ['CB UDEMY 12/03', '-13.99', 'education', 'merchant:UDEMY'],
    ['PRLV SEPA COFIDIS', '-145.32', 'loan_repayment', 'merchant:COFIDIS'],
    ['DIRECT DEBIT STUDENT LOANS COMPANY', '-96.00', 'loan_repayment', 'merchant:STUDENT LOANS COMPANY'],
    ['PRLV SEPA DIAC', '-289.00', 'loan_repayment', 'merchant:DIAC'],
    ['VIR SEPA RECU /DE FRANCE TRAVAIL', '1043.20', 'benefits', 'merchant:FRANCE TRAVAIL'],
    ['BGC HMRC TAX CREDITS', '142.50', 'benefits', 'merchant:HMRC TAX CREDITS'],
    ['CB BRASSERIE DU PORT 12/03', '-42.00', 'restaurants', 'keyword:BRASSERIE'],
    ['CB ORTHODONTISTE 12/03', '-70.00', 'health', 'keyword:ORTHODONTISTE'],
  ])('%j (%s) is %s by %s', (label, amount, category, rule) => {
    expect(categorize(label, amount)).toMatchObject({ category, rule });
  });

  it.each([
    ['CB CARREFOUR STATION 15/03', 'fuel', 'merchant:CARREFOUR STATION'],
    ['PRLV SEPA SHELL ENERGY', 'utilities', 'merchant:SHELL ENERGY'],
    ['DIRECT DEBIT SKY', 'telecom', 'merchant:SKY'],
  ])('names the merchant that decided %j', (label, category, rule) => {
    const merchant = rule.slice('merchant:'.length);
    expect(categorize(label, '-40.00')).toMatchObject({ category, rule, party: merchant, confidence: 0.9 });
  });

  describe('credits from payment apps, marketplaces and tenants', () => {
    it.each([
      ['VIR SEPA RECU /DE LYDIA', 'transfer_in', 'merchant:LYDIA'],
      ['VIR SEPA RECU /DE PAYLIB', 'transfer_in', 'merchant:PAYLIB'],
      ['VIR SEPA RECU /DE WERO', 'transfer_in', 'merchant:WERO'],
      ['VIR SEPA RECU /DE REVOLUT', 'transfer_in', 'merchant:REVOLUT'],
      ['VIR SEPA RECU /DE WISE', 'transfer_in', 'merchant:WISE'],
      ['VIR SEPA RECU /DE TRANSFERWISE', 'transfer_in', 'merchant:TRANSFERWISE'],
      ['VIR SEPA RECU /DE N26', 'transfer_in', 'merchant:N26'],
      ['FASTER PAYMENT RECEIVED FROM MONZO', 'transfer_in', 'merchant:MONZO'],
      ['ACH CREDIT VENMO CASHOUT', 'transfer_in', 'merchant:VENMO'],
      ['ACH CREDIT ZELLE J SMITH', 'transfer_in', 'merchant:ZELLE'],
      ['ACH CREDIT CASH APP', 'transfer_in', 'merchant:CASH APP'],
      ['ACH CREDIT SQUARE CASH', 'transfer_in', 'merchant:SQUARE CASH'],
      ['VIR SEPA RECU /DE WESTERN UNION', 'transfer_in', 'merchant:WESTERN UNION'],
      ['VIR SEPA RECU /DE MONEYGRAM', 'transfer_in', 'merchant:MONEYGRAM'],
      ['FASTER PAYMENT RECEIVED FROM WORLDREMIT', 'transfer_in', 'merchant:WORLDREMIT'],
      ['FASTER PAYMENT RECEIVED FROM REMITLY', 'transfer_in', 'merchant:REMITLY'],
      ['VIR SEPA RECU /DE PAYPAL TRANSFER', 'transfer_in', 'merchant:PAYPAL TRANSFER'],
      ['VIR SEPA RECU /DE PAYPAL EUROPE', 'transfer_in', 'merchant:PAYPAL'],
      ['VIR SEPA RECU /DE M DUPONT /MOTIF LOYER MARS', 'other_income', 'keyword:LOYER'],
      ['VIR SEPA RECU /DE SCI DUPONT /MOTIF LOYERS', 'other_income', 'keyword:LOYERS'],
      ['FASTER PAYMENT RECEIVED FROM J SMITH RENT', 'other_income', 'keyword:RENT'],
      ['VIR SEPA RECU /DE M DUPONT /MOTIF EPARGNE', 'transfer_in', 'keyword:EPARGNE'],
      ['VIR SEPA RECU /DE LIVRET A', 'transfer_in', 'keyword:LIVRET'],
      ['TRANSFER FROM SAVINGS', 'transfer_in', 'keyword:SAVINGS'],
      ['VIR SEPA RECU /DE VINTED', 'other_income', 'merchant:VINTED'],
      ['VIR SEPA RECU /DE LEBONCOIN', 'other_income', 'merchant:LEBONCOIN'],
      ['VIR SEPA RECU /DE EBAY', 'other_income', 'merchant:EBAY'],
      ['VIR SEPA RECU /DE ETSY', 'other_income', 'merchant:ETSY'],
    ])('%j is %s by %s', (label, category, rule) => {
      expect(categorize(label, '85.00')).toMatchObject({ category, rule });
    });
  });

  describe('debits to the bodies that otherwise pay benefits', () => {
    it.each([
      ['PRLV SEPA AMELI PARTICIPATION FORFAITAIRE', 'health', 'merchant:AMELI'],
      ['PRLV SEPA ASSURANCE MALADIE FRANCHISES', 'health', 'merchant:ASSURANCE MALADIE'],
      ['PRLV SEPA CAF TROP PERCU', 'other_expense', 'merchant:CAF'],
      ['PRLV SEPA URSSAF COTISATIONS', 'taxes', 'merchant:URSSAF'],
      ['PRLV SEPA CESU', 'education', 'merchant:CESU'],
      ['PRLV SEPA PAJEMPLOI', 'education', 'merchant:PAJEMPLOI'],
    ])('%j is %s by %s', (label, category, rule) => {
      expect(categorize(label, '-35.00')).toMatchObject({ category, rule });
    });
  });

  describe('energy companies and Amazon paid by direct debit', () => {
    it.each([
      ['PRLV SEPA TOTAL', 'utilities', 'merchant:TOTAL'],
      ['PRLV SEPA TOTALENERGIES', 'utilities', 'merchant:TOTALENERGIES'],
      ['PRLV SEPA ENI', 'utilities', 'merchant:ENI'],
      ['PRLV SEPA ESSO', 'utilities', 'merchant:ESSO'],
      ['DIRECT DEBIT SHELL', 'utilities', 'merchant:SHELL'],
      ['PRLV SEPA AMAZON', 'subscriptions', 'merchant:AMAZON'],
    ])('%j is %s by %s', (label, category, rule) => {
      expect(categorize(label, '-45.00')).toMatchObject({ category, rule });
    });

    it.each(['CB TOTAL 12/03', 'CB ENI 12/03', 'CB ESSO 12/03', 'CARD PAYMENT TO SHELL'])('reads %j at the pump as fuel', (label) => {
      expect(categorize(label, '-45.00').category).toBe('fuel');
    });
  });
});
