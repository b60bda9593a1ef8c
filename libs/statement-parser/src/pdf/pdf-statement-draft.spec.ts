import { at, hasContent, newDraft } from './pdf-statement-draft.js';

describe(newDraft.name, () => {
  it('starts an empty statement for an account on a page', () => {
    expect(newDraft('55512345', 3)).toEqual({ account: '55512345', firstPage: 3, rows: [], opening: null, closing: null, summaryOpening: null, summaryClosing: null, totals: [] });
  });
});

describe(hasContent.name, () => {
  const figure = { amount: { value: '1.00', sign: null, malformed: false, raw: '1.00' }, role: null, negative: false, date: null, text: 'balance', where: { page: 1, line: 2 } };
  const row = { where: { page: 1, line: 4 }, date: { raw: '04 Mar', first: 4, second: 3, named: true, year: null }, dateCarried: false, label: [], amount: null, balance: null, section: null, bottom: 0, labelX: null };

  it('counts rows, an opening or a closing balance as content', () => {
    expect(hasContent({ ...newDraft(null, 1), rows: [row] })).toBe(true);
    expect(hasContent({ ...newDraft(null, 1), opening: figure })).toBe(true);
    expect(hasContent({ ...newDraft(null, 1), closing: figure })).toBe(true);
  });

  it('does not count a summary box or totals alone', () => {
    expect(hasContent(newDraft('1', 1))).toBe(false);
    expect(hasContent({ ...newDraft(null, 1), summaryOpening: figure, summaryClosing: figure, totals: [{ debit: null, credit: null, where: { page: 1, line: 9 } }] })).toBe(false);
  });
});

describe('at', () => {
  it('names a page and line for messages', () => {
    expect(at({ page: 2, line: 14 })).toBe('page 2, line 14');
  });
});
