import { detectRecurring, type RecurringCandidate } from './recurring-detector.js';

let next = 0;
const tx = (date: string, amount: string, extra: Partial<RecurringCandidate> = {}): RecurringCandidate => ({
  id: `t${++next}`,
  date,
  amount,
  currency: 'EUR',
  party: 'NETFLIX',
  category: 'subscriptions',
  ...extra,
});
const MONTHS = ['2024-01-12', '2024-02-12', '2024-03-12', '2024-04-12', '2024-05-12'];

describe(`${detectRecurring.name}: the series it reports`, () => {
  it('lists the payments in date order whatever the input order', () => {
    // ids run against the dates, so neither the input order nor the ids give the date order
    const [a, b, c] = [tx('2024-03-12', '-13.49', { id: 'a' }), tx('2024-01-12', '-13.49', { id: 'b' }), tx('2024-02-12', '-13.49', { id: 'c' })];
    const [series] = detectRecurring([a!, b!, c!]);
    expect(series).toMatchObject({ transaction_ids: ['b', 'c', 'a'], first_date: '2024-01-12', last_date: '2024-03-12', next_expected_date: '2024-04-12' });
  });

  it('takes the middle of an even number of amounts as their mean, so a price rise keeps the series', () => {
    // median -11.00: both -10.00 and -12.00 are within 15%
    const items = [tx(MONTHS[0]!, '-10.00'), tx(MONTHS[1]!, '-10.00'), tx(MONTHS[2]!, '-12.00'), tx(MONTHS[3]!, '-12.00')];
    const [series] = detectRecurring(items);
    expect(series).toMatchObject({ interval: 'monthly', average_amount: '-11.00', transaction_ids: items.map((t) => t.id) });
  });

  it('takes the middle amount of an odd number, so larger one-off purchases stay out', () => {
    const subscription = MONTHS.slice(0, 3).map((d) => tx(d, '-10.00'));
    const oneOffs = [tx('2024-01-20', '-40.00'), tx('2024-02-25', '-40.00')];
    const [series] = detectRecurring([...subscription, ...oneOffs]);
    expect(series).toMatchObject({ average_amount: '-10.00', transaction_ids: subscription.map((t) => t.id) });
  });

  it('keeps the precision of a three-decimal currency in the average', () => {
    const items = MONTHS.slice(0, 3).map((d) => tx(d, '-12.505', { currency: 'KWD' }));
    expect(detectRecurring(items)[0]?.average_amount).toBe('-12.505');
  });

  it('keeps payments to and from the same party apart', () => {
    const canteen = MONTHS.slice(0, 3).map((d) => tx(d, '-15.00', { party: 'ACME SAS', category: 'restaurants' }));
    const salary = ['2024-01-28', '2024-02-28', '2024-03-28'].map((d) => tx(d, '2450.00', { party: 'ACME SAS', category: 'salary' }));
    const found = detectRecurring([...canteen, ...salary]);
    expect(found.map((s) => [s.category, s.average_amount, s.transaction_ids])).toEqual([
      ['restaurants', '-15.00', canteen.map((t) => t.id)],
      ['salary', '2450.00', salary.map((t) => t.id)],
    ]);
  });

  // Callers store the series id with each transaction (recurring_series_id), so its form must not drift.
  it('gives each series a stable, readable id: interval, party slug, currency and sign', () => {
    const rent = MONTHS.slice(0, 3).map((d) => tx(d, '-780.00', { party: '(SCI) DES LILAS.', category: 'housing' }));
    const pocketMoney = ['2024-03-01', '2024-03-08', '2024-03-15'].map((d) => tx(d, '20.00', { party: 'M. & MME  DUPONT', currency: 'GBP', category: 'transfer_in' }));
    expect(detectRecurring([...rent, ...pocketMoney]).map((s) => s.id)).toEqual(['monthly-sci-des-lilas-eur-debit', 'weekly-m-mme-dupont-gbp-credit']);
  });

  describe('category', () => {
    it('is the one most of its payments have', () => {
      const items = MONTHS.slice(0, 3).map((d, i) => tx(d, '-9.99', { category: i === 0 ? 'leisure' : 'subscriptions' }));
      expect(detectRecurring(items)[0]?.category).toBe('subscriptions');
    });

    it('is, on a tie, the first in alphabetical order', () => {
      const items = MONTHS.slice(0, 4).map((d, i) => tx(d, '-9.99', { category: i % 2 === 0 ? 'subscriptions' : 'leisure' }));
      expect(detectRecurring(items)[0]?.category).toBe('leisure');
    });
  });
});
