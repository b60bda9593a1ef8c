import { BUILTIN_PHRASE_RULES } from './builtin-rules.js';
import { isLeafCategory } from './category-taxonomy.js';

describe('BUILTIN_PHRASE_RULES', () => {
  it('holds only normalised phrases, as labels become after normalisation', () => {
    const bad = BUILTIN_PHRASE_RULES.filter((r) => !/^[A-Z0-9]+( [A-Z0-9]+)*\*?$/.test(r.phrase));
    expect(bad).toEqual([]);
  });

  it('files no phrase under two categories of the same kind', () => {
    const seen = new Map<string, string>();
    const conflicts: string[] = [];
    for (const rule of BUILTIN_PHRASE_RULES) {
      const key = `${rule.kind}:${rule.phrase}`;
      const previous = seen.get(key);
      if (previous !== undefined && previous !== rule.category) conflicts.push(`${key} (${previous}, ${rule.category})`);
      seen.set(key, rule.category);
    }
    expect(conflicts).toEqual([]);
  });

  it('uses leaf categories only', () => {
    const categories = BUILTIN_PHRASE_RULES.flatMap((r) => [r.category, r.credit, r.debit, r.directDebit]).filter((c) => c !== undefined);
    expect(categories.filter((c) => !isLeafCategory(c))).toEqual([]);
  });
});
