import { TransactionCategorizer, type CategorizableTransaction } from './transaction-categorizer.js';

const categorizer = new TransactionCategorizer();
const categorize = (transaction: CategorizableTransaction) => categorizer.categorize(transaction);

describe(`${TransactionCategorizer.name} precedence`, () => {
  describe('payment methods, when no merchant or keyword says more', () => {
    it.each([
      ['RETRAIT DAB 12/03 PARIS', '-60.00', 'cash_withdrawal', 'method:atm'],
      ['INTERETS CREDITEURS 2023', '3.21', 'investment_income', 'method:interest'],
      ['INTEREST', '-4.12', 'bank_fees', 'method:interest'],
      ['CARD REFUND XJQ TRADING', '18.00', 'refund', 'method:card_refund'],
      ['VERSEMENT ESPECES 12/03', '200.00', 'other_income', 'method:cash_deposit'],
      ['VIR SEPA RECU /DE M DUPONT', '50.00', 'transfer_in', 'method:transfer_in'],
      ['FASTER PAYMENT RECEIVED FROM J SMITH', '-45.00', 'transfer_out', 'method:transfer_in'],
      ['VIR SEPA EMIS VERS M DUPONT', '50.00', 'transfer_in', 'method:transfer_out'],
      ['CB XJQ TRADING 12/03', '18.00', 'refund', 'method:card'],
      ['CB XJQ TRADING 12/03', '-18.00', 'other_expense', 'method:card'],
      ['REMISE CHEQUE 1234567', '150.00', 'other_income', 'method:cheque_deposit'],
      ['CHEQUE 1234567', '75.00', 'other_income', 'method:cheque'],
      ['CHEQUE 1234567', '-75.00', 'other_expense', 'method:cheque'],
      ['PRLV SEPA XJQ SAS', '-30.00', 'other_expense', 'method:direct_debit'],
    ])('%j (%s) is %s by %s', (label, amount, category, rule) => {
      expect(categorize({ label, amount })).toMatchObject({ category, rule });
    });

    it.each([
      ['RETRAIT DAB 12/03 PARIS', '60.00', 'other_income'],
      ['PRLV SEPA XJQ SAS', '30.00', 'other_income'],
      ['REMISE CHEQUE 1234567', '-150.00', 'other_expense'],
    ])('falls back by sign when the method has no reading for that direction: %j (%s)', (label, amount, category) => {
      expect(categorize({ label, amount })).toMatchObject({ category, rule: 'fallback' });
    });
  });

  describe('merchants and keywords on a credit', () => {
    it('reads a merchant credit outside a card payment as a refund', () => {
      expect(categorize({ label: 'VIR SEPA RECU /DE AMAZON PAYMENTS', amount: '34.99' })).toMatchObject({
        category: 'refund',
        rule: 'merchant:AMAZON PAYMENTS',
      });
    });

    it('does not read an expense keyword on a credit as a refund', () => {
      // A friend paying back their share of a dinner.
      expect(categorize({ label: 'VIR SEPA RECU /DE M DUPONT /MOTIF RESTAURANT', amount: '25.00' })).toMatchObject({
        category: 'transfer_in',
        rule: 'method:transfer_in',
      });
    });

    it("keeps a payment app's own reading of a credit against a weaker income word", () => {
      expect(categorize({ label: 'VIR SEPA RECU /DE LYDIA /MOTIF BOURSE AUX VETEMENTS', amount: '12.00' })).toMatchObject({
        category: 'transfer_in',
        rule: 'merchant:LYDIA',
      });
    });
  });

  describe('merchants and keywords on a debit', () => {
    it("keeps an energy company's direct debit a utility even when the memo reads like a loan", () => {
      expect(categorize({ label: 'PRLV SEPA TOTALENERGIES /MOTIF MENSUALITE', amount: '-96.00' })).toMatchObject({
        category: 'utilities',
        rule: 'merchant:TOTALENERGIES',
      });
    });

    it('lets the longer merchant name win over a shorter one read by direct debit', () => {
      expect(categorize({ label: 'PRLV SEPA AMAZON PAYMENTS EUROPE', amount: '-54.90' })).toMatchObject({
        category: 'shopping',
        rule: 'merchant:AMAZON PAYMENTS',
      });
    });

    it('keeps a health insurer debit as health against a keyword in its memo', () => {
      expect(categorize({ label: 'PRLV SEPA CPAM /MOTIF FRANCHISE TRANSPORT SANITAIRE', amount: '-4.00' })).toMatchObject({
        category: 'health',
        rule: 'merchant:CPAM',
      });
    });
  });

  describe('strong words', () => {
    it('settle the category against the merchant category code', () => {
      // Supermarket petrol stations often carry the store's grocery MCC.
      expect(categorize({ label: 'CB STATION U 12/03', amount: '-52.00', mcc: '5411' })).toMatchObject({
        category: 'fuel',
        rule: 'keyword:STATION U',
      });
    });
  });

  describe('merchant category codes', () => {
    it('names the code on a credit read as a refund', () => {
      expect(categorize({ label: 'XJQ 4412', amount: '12.00', mcc: '5812' })).toMatchObject({ category: 'refund', rule: 'mcc:5812' });
    });

    it('reads a code given as a number with its leading zero', () => {
      expect(categorize({ label: 'XJQ 4412', amount: '-45.00', mcc: 742 })).toMatchObject({ category: 'shopping', rule: 'mcc:0742' });
    });

    it('lets a user rule on a code match a code given without its leading zero', () => {
      const custom = new TransactionCategorizer([
        { categories: [{ id: 'pets', parent: 'expense' }], rules: [{ id: 'vet', category: 'pets', match: { mcc: '0742' } }] },
      ]);
      expect(custom.categorize({ label: 'CB CLINIQUE DU PARC 12/03', amount: '-45.00', mcc: 742 })).toMatchObject({ category: 'pets', rule: 'user:vet' });
      expect(custom.categorize({ label: 'CB CLINIQUE DU PARC 12/03', amount: '-45.00' }).rule).not.toBe('user:vet');
    });
  });

  describe('party', () => {
    it('is the known merchant when one matched', () => {
      const result = categorize({ label: 'CB CARREFOUR MARKET PARIS 15 12/03', amount: '-23.10' });
      expect(result).toMatchObject({ category: 'groceries', party: 'CARREFOUR MARKET' });
      expect(result.counterparty).not.toBe('CARREFOUR MARKET');
    });

    it('is the counterparty when no merchant matched', () => {
      const result = categorize({ label: 'VIR SEPA EMIS VERS M DUPONT', amount: '-50.00' });
      expect(result.party).toBe('M DUPONT');
      expect(result.party).toBe(result.counterparty);
    });
  });
});
