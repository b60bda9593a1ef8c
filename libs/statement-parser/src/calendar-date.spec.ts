import { daysInMonth, expandTwoDigitYear, isoDate } from './calendar-date.js';

describe(isoDate.name, () => {
  it.each([
    [2024, 2, 29, '2024-02-29'],
    [2000, 2, 29, '2000-02-29'],
    [1, 1, 1, '0001-01-01'],
    [9999, 12, 31, '9999-12-31'],
    [987, 7, 4, '0987-07-04'],
    [2023, 12, 1, '2023-12-01'],
    [2023, 1, 31, '2023-01-31'],
  ])('writes %i-%i-%i as %s', (year, month, day, iso) => {
    expect(isoDate(year, month, day)).toBe(iso);
  });

  it.each([
    ['February 29th of a common year', 2023, 2, 29],
    ['February 29th of 1900 (a century that is not a leap year)', 1900, 2, 29],
    ['April 31st', 2024, 4, 31],
    ['month 0', 2024, 0, 10],
    ['month 13', 2024, 13, 10],
    ['day 0', 2024, 5, 0],
    ['day 32', 2024, 1, 32],
    ['year 0', 0, 1, 1],
    ['year 10000', 10000, 1, 1],
    ['a fractional day', 2024, 1, 1.5],
    ['a fractional month', 2024, 1.5, 1],
    ['a fractional year', 2024.5, 1, 1],
    ['NaN', Number.NaN, 1, 1],
  ])('refuses %s', (_what, year, month, day) => {
    expect(isoDate(year, month, day)).toBeNull();
  });
});

describe(daysInMonth.name, () => {
  it.each([
    [2024, 1, 31], [2024, 2, 29], [2023, 2, 28], [2100, 2, 28], [2000, 2, 29], [2024, 4, 30], [2024, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe(expandTwoDigitYear.name, () => {
  it.each([[0, 2000], [24, 2024], [49, 2049], [50, 1950], [99, 1999]])('reads %i as %i', (yy, year) => {
    expect(expandTwoDigitYear(yy)).toBe(year);
  });
});
