import { datesWithYear, decideOrder, inferYear, readDate } from './pdf-dates.js';

describe(readDate.name, () => {
  it.each([
    ['02/07', { first: 2, second: 7, named: false, year: null }],
    ['07/14/2022', { first: 7, second: 14, named: false, year: 2022 }],
    ['02 May', { first: 2, second: 5, named: true, year: null }],
    ['12th Feb', { first: 12, second: 2, named: true, year: null }],
    ['1 1th Mar', { first: 11, second: 3, named: true, year: null }],
    ['01 Dec 23', { first: 1, second: 12, named: true, year: 2023 }],
    ['30 juin 2014', { first: 30, second: 6, named: true, year: 2014 }],
    ['3 février', { first: 3, second: 2, named: true, year: null }],
    ['July 1, 2022', { first: 1, second: 7, named: true, year: 2022 }],
  ])('reads %s', (text, expected) => {
    expect(readDate(text)).toMatchObject(expected);
  });

  it.each(['SINGAPORE', '31/31', '1234', 'Page 1 of 2'])('refuses %s', (text) => expect(readDate(text)).toBeNull());
});

describe('dating rows without a year', () => {
  it('dates December rows of a statement ending in January in the year before', () => {
    expect(inferYear(18, 12, '2020-01-15')).toBe(2019);
    expect(inferYear(3, 1, '2020-01-15')).toBe(2020);
  });

  it('keeps a misprinted 29 February in its statement year', () => {
    expect(inferYear(29, 2, '2022-04-30')).toBe(2022);
  });

  it('finds the frame in the statement text, in every notation', () => {
    expect(datesWithYear('from 1 May 2026 to 31 May 2026', 'DMY')).toEqual(['2026-05-01', '2026-05-31']);
    expect(datesWithYear('February 1 – April 30 , 2022', 'MDY')).toEqual(['2022-04-30']);
    expect(datesWithYear('NOUVEAU SOLDE CREDITEUR AU 15/01/20', 'DMY')).toEqual(['2020-01-15']);
  });

  it('decides the day/month order from the dates, else from the hint', () => {
    const date = (first: number, second: number) => ({ raw: '', first, second, named: false, year: null });
    expect(decideOrder([date(7, 2), date(7, 14)], 'DMY')).toBe('MDY');
    expect(decideOrder([date(2, 7), date(31, 7)], 'MDY')).toBe('DMY');
    expect(decideOrder([date(2, 7)], 'MDY')).toBe('MDY');
  });
});
