import { addMonths, detectRecurring, type RecurringCandidate } from './recurring-detector.js';

let next = 0;
const tx = (date: string, amount: string, party = 'NETFLIX', currency = 'EUR'): RecurringCandidate => ({
  id: `t${++next}`,
  date,
  amount,
  currency,
  party,
  category: 'subscriptions',
});

describe(detectRecurring.name, () => {
  it('finds monthly rent and predicts the next payment', () => {
    const rent = ['2024-01-05', '2024-02-05', '2024-03-05', '2024-04-05'].map((d) => tx(d, '-780.00', 'SCI DES LILAS'));
    const [series] = detectRecurring(rent);
    expect(series).toMatchObject({
      counterparty: 'SCI DES LILAS',
      interval: 'monthly',
      average_amount: '-780.00',
      currency: 'EUR',
      transaction_ids: rent.map((t) => t.id),
      first_date: '2024-01-05',
      last_date: '2024-04-05',
      next_expected_date: '2024-05-05',
    });
  });

  it('tolerates a few days of jitter and small amount changes', () => {
    const items = [
      tx('2024-01-01', '-13.49'),
      tx('2024-02-03', '-13.49'),
      tx('2024-02-29', '-13.49'),
      tx('2024-04-02', '-15.49'),
      tx('2024-05-01', '-15.49'),
    ];
    const [series] = detectRecurring(items);
    expect(series?.interval).toBe('monthly');
    expect(series?.average_amount).toBe('-14.29');
    expect(series?.next_expected_date).toBe('2024-06-01');
  });

  it('finds weekly and yearly series', () => {
    const weekly = ['2024-03-01', '2024-03-08', '2024-03-14', '2024-03-22'].map((d) => tx(d, '-20.00', 'NOUNOU'));
    const yearly = [tx('2023-06-10', '-89.00', 'AMAZON PRIME'), tx('2024-06-10', '-89.00', 'AMAZON PRIME')];
    const found = detectRecurring([...weekly, ...yearly]);
    expect(found.map((s) => [s.counterparty, s.interval, s.next_expected_date])).toEqual([
      ['AMAZON PRIME', 'yearly', '2025-06-10'],
      ['NOUNOU', 'weekly', '2024-03-29'],
    ]);
  });

  it('finds a quarterly series', () => {
    const items = ['2024-01-15', '2024-04-15', '2024-07-16'].map((d) => tx(d, '-120.00', 'EAU DE PARIS'));
    expect(detectRecurring(items)[0]?.interval).toBe('quarterly');
  });

  it('keeps a one-off payment to the same party out of the series', () => {
    const items = [tx('2024-01-10', '-39.99', 'FREE'), tx('2024-02-10', '-39.99', 'FREE'), tx('2024-02-20', '-299.00', 'FREE'), tx('2024-03-10', '-41.99', 'FREE')];
    const [series] = detectRecurring(items);
    expect(series?.transaction_ids).toEqual([items[0]!.id, items[1]!.id, items[3]!.id]);
  });

  it('keeps a monthly series through one missed payment', () => {
    const items = ['2024-01-05', '2024-02-05', '2024-04-05', '2024-05-06'].map((d) => tx(d, '-9.99', 'SPOTIFY'));
    const [series] = detectRecurring(items);
    expect(series).toMatchObject({ interval: 'monthly', transaction_ids: items.map((t) => t.id), next_expected_date: '2024-06-06' });
  });

  it('reads a fortnightly series as biweekly, not as weekly with every other week missed', () => {
    const items = ['2024-03-01', '2024-03-15', '2024-03-29', '2024-04-26'].map((d) => tx(d, '-50.00', 'PAYE NOUNOU'));
    expect(detectRecurring(items)[0]?.interval).toBe('biweekly');
  });

  describe('does not report', () => {
    it('two monthly payments only', () => {
      expect(detectRecurring([tx('2024-01-10', '-10.00'), tx('2024-02-10', '-10.00')])).toEqual([]);
    });

    it('irregular intervals', () => {
      const items = ['2024-01-02', '2024-01-20', '2024-03-15', '2024-03-19'].map((d) => tx(d, '-25.00', 'CARREFOUR'));
      expect(detectRecurring(items)).toEqual([]);
    });

    it('payments every other month as a monthly series (more missed than regular)', () => {
      const items = ['2024-01-10', '2024-03-10', '2024-05-10'].map((d) => tx(d, '-30.00', 'ASSURANCE'));
      expect(detectRecurring(items)).toEqual([]);
    });

    it('amounts that vary widely', () => {
      const items = [tx('2024-01-06', '-23.10', 'CARREFOUR'), tx('2024-01-13', '-87.45', 'CARREFOUR'), tx('2024-01-20', '-4.20', 'CARREFOUR')];
      expect(detectRecurring(items)).toEqual([]);
    });

    it('payments in different currencies, signs or without a counterparty', () => {
      const items = [tx('2024-01-10', '-10.00'), tx('2024-02-10', '-10.00', 'NETFLIX', 'GBP'), tx('2024-03-10', '10.00')];
      const anonymous = ['2024-01-10', '2024-02-10', '2024-03-10'].map((d) => tx(d, '-10.00', ''));
      expect(detectRecurring([...items, ...anonymous])).toEqual([]);
    });
  });
});

describe(addMonths.name, () => {
  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
  });
});
