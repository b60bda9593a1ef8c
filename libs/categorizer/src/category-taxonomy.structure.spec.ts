import { CATEGORY_TAXONOMY, findCategory, isLeafCategory, type CategoryDefinition } from './category-taxonomy.js';

const leaves = CATEGORY_TAXONOMY.filter((c) => c.parent !== null);

describe('CATEGORY_TAXONOMY', () => {
  it.each(CATEGORY_TAXONOMY.map((c) => [c.id, c] as const))('gives %s an English and a French label', (_id, category: CategoryDefinition) => {
    expect(category.label.trim()).not.toBe('');
    expect(category.label_fr.trim()).not.toBe('');
  });

  it('names no two categories alike in either language', () => {
    const english = CATEGORY_TAXONOMY.map((c) => c.label);
    const french = CATEGORY_TAXONOMY.map((c) => c.label_fr);
    expect(new Set(english).size).toBe(english.length);
    expect(new Set(french).size).toBe(french.length);
  });

  it.each(leaves.map((c) => [c.id, c] as const))('puts %s under the root of its own kind', (_id, category: CategoryDefinition) => {
    const root = findCategory(category.parent!);
    expect(root).toMatchObject({ id: category.parent, parent: null, kind: category.kind });
    expect(isLeafCategory(category.id)).toBe(true);
  });

  it.each(['income', 'expense'] as const)('has a %s root, which is no leaf', (id) => {
    expect(findCategory(id)).toMatchObject({ id, parent: null, kind: id });
    expect(isLeafCategory(id)).toBe(false);
  });

  it('has both kinds of leaf', () => {
    expect(leaves.filter((c) => c.kind === 'income').map((c) => c.id)).toContain('salary');
    expect(leaves.filter((c) => c.kind === 'expense').map((c) => c.id)).toContain('groceries');
  });
});
