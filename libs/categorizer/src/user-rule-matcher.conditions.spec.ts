import type { RuleMatch } from './rule-set.types.js';
import { TransactionCategorizer, type CategorizableTransaction } from './transaction-categorizer.js';

/** Whether a user rule with this match decides the transaction's category. */
function userRuleDecides(match: RuleMatch, transaction: CategorizableTransaction): boolean {
  const categorizer = new TransactionCategorizer([{ rules: [{ id: 'mine', category: 'leisure', match }] }]);
  return categorizer.categorize(transaction).rule === 'user:mine';
}

const carrefour = { label: 'CB CARREFOUR CITY 12/03', amount: '-25.00' };
const rent = { label: 'VIR SEPA EMIS /MOTIF LOYER /BEN SCI DES LILAS', amount: '-780.00' };

describe('user rules: conditions', () => {
  it('match any one of several words', () => {
    expect(userRuleDecides({ contains: ['BIOCOOP', 'CARREFOUR'] }, carrefour)).toBe(true);
  });

  it('match any one of several counterparties', () => {
    expect(userRuleDecides({ counterparty: ['MME DUBOIS', 'SCI DES LILAS'] }, rent)).toBe(true);
  });

  it('match a counterparty by its first words', () => {
    expect(userRuleDecides({ counterparty: 'SCI' }, rent)).toBe(true);
  });

  it('ignore case and punctuation around or between the words the user wrote', () => {
    expect(userRuleDecides({ counterparty: '"sci des lilas"' }, rent)).toBe(true);
    expect(userRuleDecides({ contains: 'Carrefour - City' }, carrefour)).toBe(true);
  });

  it('hold for both signs unless a sign is given', () => {
    const refund = { ...carrefour, amount: '25.00' };
    expect(userRuleDecides({ contains: 'CARREFOUR' }, refund)).toBe(true);
    expect(userRuleDecides({ contains: 'CARREFOUR', sign: 'credit' }, refund)).toBe(true);
    expect(userRuleDecides({ contains: 'CARREFOUR', sign: 'credit' }, carrefour)).toBe(false);
  });

  it('bound the amount from above', () => {
    expect(userRuleDecides({ contains: 'CARREFOUR', amount: { max: '20.00' } }, carrefour)).toBe(false);
    expect(userRuleDecides({ contains: 'CARREFOUR', amount: { max: '25.00' } }, carrefour)).toBe(true);
  });

  describe('on merchant category codes', () => {
    it('match a code written without its leading zero', () => {
      expect(userRuleDecides({ mcc: 742 }, { label: 'CB CLINIQUE DU PARC', amount: '-60.00', mcc: '0742' })).toBe(true);
    });

    it('need the transaction to have that code', () => {
      expect(userRuleDecides({ contains: 'CARREFOUR', mcc: '5411' }, { ...carrefour, mcc: '5812' })).toBe(false);
      expect(userRuleDecides({ contains: 'CARREFOUR', mcc: '5411' }, carrefour)).toBe(false);
      expect(userRuleDecides({ contains: 'CARREFOUR', mcc: '5411' }, { ...carrefour, mcc: 5411 })).toBe(true);
    });
  });
});
