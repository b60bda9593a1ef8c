import { detectRecurring, type RecurringCandidate } from './recurring-detector.js';

let next = 0;
const payments = (dates: string[], amount = '-9.99', party = 'SPOTIFY'): RecurringCandidate[] =>
  dates.map((date) => ({ id: `p${++next}`, date, amount, currency: 'EUR', party, category: 'subscriptions' }));

const intervalOf = (dates: string[]) => detectRecurring(payments(dates)).map((s) => s.interval);

describe(`${detectRecurring.name}: gaps between payments`, () => {
  it('keeps a monthly series with one missed payment among three', () => {
    // gaps 31 and 60 days: one regular, one missed
    expect(intervalOf(['2024-01-05', '2024-02-05', '2024-04-05'])).toEqual(['monthly']);
  });

  it('counts a gap of exactly two shortest or two longest months as one missed payment', () => {
    // gaps 31, 52 (2 x 26), 30
    expect(intervalOf(['2024-01-01', '2024-02-01', '2024-03-24', '2024-04-23'])).toEqual(['monthly']);
    // gaps 30, 70 (2 x 35), 30
    expect(intervalOf(['2024-01-01', '2024-01-31', '2024-04-10', '2024-05-10'])).toEqual(['monthly']);
  });

  describe('does not report', () => {
    it('a gap of a month and a half, neither one interval nor two', () => {
      // gaps 31, 29, 45
      expect(intervalOf(['2024-01-10', '2024-02-10', '2024-03-10', '2024-04-24'])).toEqual([]);
    });

    it('a gap of more than two months', () => {
      // gaps 31, 29, 100
      expect(intervalOf(['2024-01-10', '2024-02-10', '2024-03-10', '2024-06-18'])).toEqual([]);
    });

    it('more missed payments than regular ones', () => {
      // gaps 30, 60, 60
      expect(intervalOf(['2024-01-10', '2024-02-09', '2024-04-09', '2024-06-08'])).toEqual([]);
    });

    it('a yearly payment that skipped a year', () => {
      // gaps 365 and 731: a missed payment only counts for shorter intervals
      expect(intervalOf(['2021-06-10', '2022-06-10', '2024-06-10'])).toEqual([]);
    });
  });
});
