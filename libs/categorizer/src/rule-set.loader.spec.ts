import { CategorizerError } from './categorizer.error.js';
import { loadRuleSet } from './rule-set.loader.js';

function errorOf(json: unknown): CategorizerError {
  try {
    loadRuleSet(json);
  } catch (error) {
    if (error instanceof CategorizerError) return error;
    throw error;
  }
  throw new Error('expected loadRuleSet to throw');
}

const rule = (extra: Record<string, unknown> = {}) => ({ id: 'r1', category: 'groceries', match: { contains: 'BIO' }, ...extra });

describe(loadRuleSet.name, () => {
  it('accepts a valid rule set, as a value or as JSON text', () => {
    const set = {
      version: 1,
      name: 'mine',
      categories: [{ id: 'pets', parent: 'expense', label: 'Pets' }],
      rules: [
        { id: 'vet', category: 'pets', match: { counterparty: ['CLINIQUE VETO', 'VETO'], sign: 'debit', amount: { min: '10', max: '500.00' } }, confidence: 0.9 },
        { id: 'gym', category: 'leisure', match: { regex: 'GYM\\b', mcc: [7997, '7941'] } },
      ],
    };
    expect(loadRuleSet(set)).toEqual(set);
    expect(loadRuleSet(JSON.stringify(set))).toEqual(set);
  });

  it.each([
    ['{ not json', '$', /not valid JSON/],
    [[], '$', /JSON object/],
    [{}, 'rules', /must be a list/],
    [{ rules: [], extra: 1 }, 'extra', /unknown field/],
    [{ version: 2, rules: [] }, 'version', /only version 1/],
    [{ rules: ['x'] }, 'rules[0]', /must be an object/],
    [{ rules: [rule({ id: '' })] }, 'rules[0].id', /non-empty string/],
    [{ rules: [rule(), rule()] }, 'rules[1].id', /duplicate rule id/],
    [{ rules: [rule({ category: 'food' })] }, 'rules[0].category', /unknown category "food"/],
    [{ rules: [rule({ category: 'expense' })] }, 'rules[0].category', /unknown category/],
    [{ rules: [rule({ match: 'BIO' })] }, 'rules[0].match', /must be an object/],
    [{ rules: [rule({ match: {} })] }, 'rules[0].match', /at least one of/],
    [{ rules: [rule({ match: { contain: 'BIO' } })] }, 'rules[0].match.contain', /unknown field/],
    [{ rules: [rule({ match: { contains: [] } })] }, 'rules[0].match.contains', /empty list/],
    [{ rules: [rule({ match: { contains: ['A', 3] } })] }, 'rules[0].match.contains[1]', /non-empty string/],
    [{ rules: [rule({ match: { regex: '(' } })] }, 'rules[0].match.regex', /invalid regular expression/],
    [{ rules: [rule({ match: { regex: 'AMAZON(?! PRIME)' } })] }, 'rules[0].match.regex', /without look-around or back-references/],
    [{ rules: [rule({ match: { regex: '(A)\\1' } })] }, 'rules[0].match.regex', /invalid regular expression/],
    [{ rules: [rule({ match: { contains: 'A', sign: '+' } })] }, 'rules[0].match.sign', /"debit" or "credit"/],
    [{ rules: [rule({ match: { contains: 'A', amount: { min: 10 } } })] }, 'rules[0].match.amount.min', /decimal string/],
    [{ rules: [rule({ match: { mcc: '58' } })] }, 'rules[0].match.mcc', /4-digit/],
    [{ rules: [rule({ confidence: 1.5 })] }, 'rules[0].confidence', /\[0, 1\]/],
    [{ categories: [{ id: 'groceries', parent: 'expense' }], rules: [] }, 'categories[0].id', /already a built-in/],
    [{ categories: [{ id: 'Pets', parent: 'expense' }], rules: [] }, 'categories[0].id', /lower case/],
    [{ categories: [{ id: 'pets', parent: 'animals' }], rules: [] }, 'categories[0].parent', /unknown category/],
  ])('refuses %j naming %s', (json, field, message) => {
    const error = errorOf(json);
    expect(error.code).toBe('INVALID_RULE_SET');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });
});

const withMatch = (match: unknown) => ({ rules: [{ id: 'r1', category: 'groceries', match }] });
const withRule = (extra: Record<string, unknown>) => ({ rules: [rule(extra)] });
const withCategories = (categories: unknown) => ({ categories, rules: [] });

describe(`${loadRuleSet.name}: what it accepts`, () => {
  it('returns a minimal rule set as written, adding no field', () => {
    const set = { rules: [{ id: 'big', category: 'shopping', match: { contains: 'AMAZON', amount: { max: '50.00' } } }] };
    expect(loadRuleSet(set)).toStrictEqual(set);
    const onlyMin = { rules: [{ id: 'big', category: 'shopping', match: { contains: 'AMAZON', amount: { min: '100.00' } } }] };
    expect(loadRuleSet(onlyMin)).toStrictEqual(onlyMin);
  });

  it('accepts a rule matching on merchant category codes alone', () => {
    const set = { rules: [{ id: 'gym-mcc', category: 'leisure', match: { mcc: ['7997', 7941] } }] };
    expect(loadRuleSet(set)).toEqual(set);
  });

  it.each([0, 9999, '0000', '9999'])('accepts the merchant category code %j', (mcc) => {
    expect(loadRuleSet(withMatch({ mcc })).rules[0]?.match.mcc).toBe(mcc);
  });

  it('accepts a credit-only rule', () => {
    expect(loadRuleSet(withMatch({ contains: 'CAF', sign: 'credit' })).rules[0]?.match.sign).toBe('credit');
  });

  it.each([0, 1])('accepts the confidence %j', (confidence) => {
    expect(loadRuleSet(withRule({ confidence })).rules[0]?.confidence).toBe(confidence);
  });
});

describe(`${loadRuleSet.name}: errors name the field to fix`, () => {
  it.each([
    [null, '$', /JSON object/],
    [{ rules: [null] }, 'rules[0]', /must be an object/],
    [{ name: '   ', rules: [] }, 'name', /non-empty string/],
    [{ rules: [{ id: 'r1', match: { contains: 'BIO' } }] }, 'rules[0].category', /non-empty string/],
    [withRule({ confidence: '0.9' }), 'rules[0].confidence', /number in \[0, 1\]/],
    [withRule({ confidence: -0.1 }), 'rules[0].confidence', /number in \[0, 1\]/],
    [withMatch({ counterparty: [] }), 'rules[0].match.counterparty', /empty list/],
    [withMatch({ regex: '' }), 'rules[0].match.regex', /non-empty string/],
    [withMatch({ mcc: ['5812', '58'] }), 'rules[0].match.mcc[1]', /4-digit/],
    [withMatch({ mcc: [['5812']] }), 'rules[0].match.mcc[0]', /4-digit/],
    [withMatch({ mcc: '58121' }), 'rules[0].match.mcc', /4-digit/],
    [withMatch({ mcc: 5812.5 }), 'rules[0].match.mcc', /4-digit/],
    [withMatch({ mcc: -1 }), 'rules[0].match.mcc', /4-digit/],
    [withMatch({ mcc: 10000 }), 'rules[0].match.mcc', /4-digit/],
    [withMatch({ contains: 'AMAZON', amount: '100.00' }), 'rules[0].match.amount', /object with min and\/or max/],
    [withMatch({ contains: 'AMAZON', amount: { min: '1.00', maximum: '2.00' } }), 'rules[0].match.amount.maximum', /unknown field \(allowed: min, max\)/],
    [withMatch({ contains: 'AMAZON', amount: {} }), 'rules[0].match.amount', /needs min or max/],
    [withCategories({ pets: 'expense' }), 'categories', /must be a list/],
    [withCategories(['pets']), 'categories[0]', /must be an object/],
    [withCategories([{ parent: 'expense' }]), 'categories[0].id', /non-empty string/],
    [withCategories([{ id: 'pet food', parent: 'expense' }]), 'categories[0].id', /lower case/],
    [withCategories([{ id: 'pets', parent: 'expense' }, { id: 'pets', parent: 'leisure' }]), 'categories[1].id', /duplicate category "pets"/],
    [withCategories([{ id: 'pets' }]), 'categories[0].parent', /non-empty string/],
    [withCategories([{ id: 'pets', parent: 'expense', label: '' }]), 'categories[0].label', /non-empty string/],
  ])('refuses %j naming %s', (json, field, message) => {
    const error = errorOf(json);
    expect(error.code).toBe('INVALID_RULE_SET');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('lists the fields allowed where an unknown one is found', () => {
    expect(errorOf({ rule: [] }).message).toBe('rule: unknown field (allowed: version, name, categories, rules)');
  });
});
