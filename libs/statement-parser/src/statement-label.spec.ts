import { joinLabel } from './statement-label.js';

describe(joinLabel.name, () => {
  it('joins payee and memo with a dash, collapsing whitespace', () => {
    expect(joinLabel('  ACME   Ltd ', 'Invoice\t42\n')).toBe('ACME Ltd - Invoice 42');
  });

  it('drops empty, blank and missing parts', () => {
    expect(joinLabel(null, '', '   ', undefined, 'Rent')).toBe('Rent');
    expect(joinLabel(undefined, null)).toBe('');
  });

  it('drops a part another part contains, whatever its case', () => {
    expect(joinLabel('Tesco', 'TESCO STORES 2041')).toBe('TESCO STORES 2041');
    expect(joinLabel('CARD PAYMENT TO TESCO', 'tesco')).toBe('CARD PAYMENT TO TESCO');
  });

  it('keeps the first of two equal parts', () => {
    expect(joinLabel('Rent', 'RENT')).toBe('Rent');
    expect(joinLabel('a', 'b', 'a')).toBe('a - b');
  });

  it('keeps parts that only overlap', () => {
    expect(joinLabel('Shop A', 'A Shop')).toBe('Shop A - A Shop');
  });
});
