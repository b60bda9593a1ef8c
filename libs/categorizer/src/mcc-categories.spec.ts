import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { categoryForMcc } from './mcc-categories.js';

const csvPath = resolve(process.cwd(), '../shared/fixtures/categorization/greggles_mcc_codes.csv');

function readMccs(): Array<{ mcc: string; description: string }> {
  return readFileSync(csvPath, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => /^(\d{4}),("([^"]*)"|[^,]*)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ mcc: m[1]!, description: m[3] ?? m[2]! }));
}

describe(categoryForMcc.name, () => {
  it.each([
    ['5411', 'groceries'],
    [5812, 'restaurants'],
    ['5814', 'restaurants'],
    ['5541', 'fuel'],
    ['5542', 'fuel'],
    ['4111', 'transport'],
    ['3005', 'travel'],
    ['7011', 'travel'],
    ['6011', 'cash_withdrawal'],
    ['5912', 'health'],
    ['8220', 'education'],
    ['9311', 'taxes'],
    ['4814', 'telecom'],
    ['4900', 'utilities'],
    ['7832', 'leisure'],
    ['5311', 'shopping'],
    ['6300', 'insurance'],
    ['742', 'shopping'],
  ])('maps %s to %s', (mcc, category) => {
    expect(categoryForMcc(mcc)).toBe(category);
  });

  it('ignores codes that are not MCCs', () => {
    expect(categoryForMcc('abc')).toBeUndefined();
    expect(categoryForMcc(12345)).toBeUndefined();
  });

  (existsSync(csvPath) ? it : it.skip)('maps every code of the reference list, consistently with its description', () => {
    const rows = readMccs();
    expect(rows.length).toBeGreaterThan(900);
    const expectations: Array<[RegExp, string]> = [
      [/airline|air carrier/i, 'travel'],
      [/hotel|motel|lodging|resort/i, 'travel'],
      [/^grocery|supermarket/i, 'groceries'],
      [/eating places|restaurant|fast food/i, 'restaurants'],
      [/service station|fuel dispenser/i, 'fuel'],
      [/\b(doctors?|dentists?|hospitals?|opticians?)\b/i, 'health'],
      [/^(Elementary|Colleges|Correspondence Schools|Business and Secretarial|Vocational|Schools and Educational)/i, 'education'],
    ];
    for (const { mcc, description } of rows) {
      expect([mcc, categoryForMcc(mcc) !== undefined]).toEqual([mcc, true]);
      const expected = expectations.find(([pattern]) => pattern.test(description));
      if (expected) expect([mcc, description, categoryForMcc(mcc)]).toEqual([mcc, description, expected[1]]);
    }
  });
});
