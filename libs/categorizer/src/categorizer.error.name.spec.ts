import { CategorizerError } from './categorizer.error.js';
import { loadRuleSet } from './rule-set.loader.js';

describe(CategorizerError.name, () => {
  it('names itself in stack traces and logs', () => {
    let thrown: unknown;
    try {
      loadRuleSet('{ not json');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CategorizerError);
    expect((thrown as CategorizerError).name).toBe('CategorizerError');
    expect(String(thrown)).toMatch(/^CategorizerError: /);
  });
});
