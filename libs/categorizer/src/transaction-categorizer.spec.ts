import { TransactionCategorizer } from './transaction-categorizer.js';

const categorizer = new TransactionCategorizer();
const categorize = (label: string, amount: string, mcc?: string) => categorizer.categorize({ label, amount, ...(mcc && { mcc }) });

describe(TransactionCategorizer.name, () => {
  describe('label families', () => {
    it.each([
      ['CB CARREFOUR 12/03', '-23.10', 'groceries'],
      ['CARTE X1234 12/03 LECLERC', '-80.00', 'groceries'],
      ['PRLV SEPA FREE MOBILE ECH/050324', '-19.99', 'telecom'],
      ['PRLV SEPA EDF CLIENTS PARTICULIERS', '-89.30', 'utilities'],
      ['VIR SEPA RECU /DE EMPLOYEUR', '2310.55', 'salary'],
      ['VIR INST RE 12345 DE: PAUL DURAND', '20.00', 'transfer_in'],
      ['VIR INST EMIS VERS PAUL DURAND', '-20.00', 'transfer_out'],
      ['RETRAIT DAB 12/03 PARIS', '-60.00', 'cash_withdrawal'],
      ['FRAIS TENUE DE COMPTE', '-2.00', 'bank_fees'],
      ['COMMISSION INTERVENTION', '-8.00', 'bank_fees'],
      ['COTISATION CARTE VISA', '-45.00', 'bank_fees'],
      ['ECH PRET 123456', '-850.00', 'loan_repayment'],
      ['CARD PAYMENT TO TESCO STORES 3217 ON 12 MAR', '-48.12', 'groceries'],
      ['DIRECT DEBIT BRITISH GAS', '-54.00', 'utilities'],
      ['FASTER PAYMENT RECEIVED FROM J SMITH', '45.00', 'transfer_in'],
      ['BGC ACME LTD SALARY', '2200.00', 'salary'],
      ['ATM WITHDRAWAL LINK 12MAR24', '-50.00', 'cash_withdrawal'],
      ['POS 1234 12MAR WAITROSE', '-29.99', 'groceries'],
      ['INTERETS CREDITEURS 2023', '3.21', 'investment_income'],
      ['PRLV SEPA DGFIP IMPOT', '-123.00', 'taxes'],
    ])('%j (%s) -> %s', (label, amount, category) => {
      expect(categorize(label, amount).category).toBe(category);
    });
  });

  describe('merchant precedence', () => {
    it('prefers the longest merchant name', () => {
      expect(categorize('CB AMAZON PRIME FR 14/03', '-6.99').category).toBe('subscriptions');
      expect(categorize('CB AMAZON PAYMENTS 14/03', '-34.99').category).toBe('shopping');
      expect(categorize('CB UBER EATS 15/03', '-26.40').category).toBe('restaurants');
      expect(categorize('CB UBER TRIP 15/03', '-15.30').category).toBe('transport');
    });

    it('reads a supermarket petrol station as fuel', () => {
      expect(categorize('CB CARREFOUR STATION 15/03', '-48.00').category).toBe('fuel');
      expect(categorize('CB INTERMARCHE CARBURANT 16/03', '-51.30').category).toBe('fuel');
    });

    it('reads an energy company paid by direct debit as a utility but at the pump as fuel', () => {
      expect(categorize('PRLV SEPA TOTALENERGIES', '-67.00').category).toBe('utilities');
      expect(categorize('CB TOTALENERGIES 03/04', '-65.30').category).toBe('fuel');
    });
  });

  describe('sign rules', () => {
    it('never files a credit under an expense category: a merchant credit is a refund', () => {
      expect(categorize('CB CARREFOUR 12/03', '12.00').category).toBe('refund');
      expect(categorize('AVOIR CB ZARA 14/03', '45.50').category).toBe('refund');
      expect(categorize('VIR SEPA RECU /DE DGFIP /MOTIF REMBOURSEMENT', '310.00').category).toBe('refund');
    });

    it('never files a debit under an income category', () => {
      expect(categorize('VIR SEPA EMIS /MOTIF SALAIRE NOUNOU', '-400.00').category).not.toBe('salary');
      expect(categorize('CB SALARY SACRIFICE SHOP', '-10.00').category).not.toBe('salary');
    });

    it('prefers an income word to a merchant read as a refund on a credit', () => {
      expect(categorize('VIR SEPA RECU /DE SNCF VOYAGEURS /MOTIF SALAIRE', '3120.40').category).toBe('salary');
    });

    it('gives a transfer its direction from the sign', () => {
      expect(categorize('VIR SEPA M DUPONT', '50.00').category).toBe('transfer_in');
      expect(categorize('VIR SEPA M DUPONT', '-50.00').category).toBe('transfer_out');
    });

    it('reads fee reversals and benefit debits sensibly', () => {
      expect(categorize('FRAIS TENUE DE COMPTE', '2.00').category).toBe('refund');
      expect(categorize('PRLV SEPA CPAM PARTICIPATION FORFAITAIRE', '-2.00').category).toBe('health');
    });
  });

  describe('confidence', () => {
    it('is high for a known merchant, medium for a keyword and low for a fallback', () => {
      const merchant = categorize('CB MONOPRIX 12/03', '-9.85');
      const keyword = categorize('CB BOULANGERIE DU COIN 12/03', '-4.20');
      const fallback = categorize('CB XJQ TRADING 12/03', '-18.00');
      expect(merchant).toMatchObject({ category: 'groceries', rule: 'merchant:MONOPRIX' });
      expect(keyword).toMatchObject({ category: 'groceries', rule: 'keyword:BOULANGERIE*' });
      expect(fallback).toMatchObject({ category: 'other_expense' });
      expect(merchant.confidence).toBeGreaterThanOrEqual(0.85);
      expect(keyword.confidence).toBeGreaterThan(fallback.confidence);
      expect(keyword.confidence).toBeLessThan(merchant.confidence);
      expect(fallback.confidence).toBeLessThanOrEqual(0.3);
    });

    it('falls back to other_income or other_expense by sign', () => {
      expect(categorize('ZZZ 123', '10.00')).toMatchObject({ category: 'other_income', rule: 'fallback', confidence: 0.2 });
      expect(categorize('ZZZ 123', '-10.00')).toMatchObject({ category: 'other_expense', rule: 'fallback', confidence: 0.2 });
    });
  });

  describe('merchant category codes', () => {
    it('uses the MCC when the label says nothing', () => {
      expect(categorize('XJQ 4412', '-12.00', '5812')).toMatchObject({ category: 'restaurants', rule: 'mcc:5812' });
      expect(categorize('XJQ 4412', '12.00', '5812').category).toBe('refund');
    });

    it('lets a method that settles the category win over the MCC', () => {
      expect(categorize('RETRAIT DAB 12/03', '-40.00', '5812').category).toBe('cash_withdrawal');
    });
  });

  describe('user rules', () => {
    const ruleSet = {
      categories: [{ id: 'pets', parent: 'expense' }],
      rules: [
        { id: 'vet', category: 'pets', match: { contains: 'clinique vétérinaire' } },
        { id: 'carrefour-is-pets', category: 'pets', match: { counterparty: 'CARREFOUR', sign: 'debit' as const }, confidence: 0.99 },
        { id: 'big-amazon', category: 'education', match: { regex: '^CB AMAZON', amount: { min: '100.00' } } },
      ],
    };
    const custom = new TransactionCategorizer([ruleSet]);

    it('take precedence over built-in rules', () => {
      expect(custom.categorize({ label: 'CB CARREFOUR 12/03', amount: '-23.10' })).toMatchObject({
        category: 'pets',
        rule: 'user:carrefour-is-pets',
        confidence: 0.99,
      });
      expect(custom.categorize({ label: 'CB CLINIQUE VETERINAIRE 12/03', amount: '-60.00' })).toMatchObject({ category: 'pets', confidence: 0.95 });
    });

    it('match a regex in linear time: a pattern that backtracks catastrophically elsewhere answers at once', () => {
      const evil = new TransactionCategorizer([{ rules: [{ id: 'evil', category: 'leisure', match: { regex: '^(A+)+$' } }] }]);
      // 40 letters and a mismatch: a backtracking engine tries 2^40 ways before it fails.
      expect(evil.categorize({ label: `CB ${'A'.repeat(40)}1`, amount: '-5.00' }).rule).not.toBe('user:evil');
      expect(evil.categorize({ label: 'AAAA', amount: '-5.00' }).rule).toBe('user:evil');
    });

    it('respect their sign and amount conditions', () => {
      expect(custom.categorize({ label: 'CB CARREFOUR 12/03', amount: '23.10' }).category).toBe('refund');
      expect(custom.categorize({ label: 'CB AMAZON PAYMENTS 12/03', amount: '-99.99' }).category).toBe('shopping');
      expect(custom.categorize({ label: 'CB AMAZON PAYMENTS 12/03', amount: '-100.00' }).category).toBe('education');
    });

    it('apply in the order of the rule sets', () => {
      const first = { rules: [{ id: 'a', category: 'leisure', match: { contains: 'CARREFOUR' } }] };
      const second = { rules: [{ id: 'b', category: 'travel', match: { contains: 'CARREFOUR' } }] };
      expect(new TransactionCategorizer([first, second]).categorize({ label: 'CB CARREFOUR', amount: '-1.00' }).rule).toBe('user:a');
    });
  });
});
