import type { CategoryId } from './category-taxonomy.js';

/**
 * Merchant category codes (ISO 18245) to categories, as inclusive ranges, first match wins. Written by reading
 * the MCC descriptions of greggles/mcc-codes (Unlicense); the CSV itself is not part of the project.
 */
const MCC_RANGES: ReadonlyArray<readonly [number, number, CategoryId]> = [
  [742, 763, 'shopping'],
  [780, 780, 'housing'],
  [1500, 2999, 'housing'],
  [3000, 3350, 'travel'],
  [3351, 3500, 'travel'],
  [3501, 3999, 'travel'],
  [4011, 4011, 'transport'],
  [4111, 4112, 'transport'],
  [4119, 4119, 'health'],
  [4121, 4131, 'transport'],
  [4214, 4225, 'shopping'],
  [4411, 4411, 'travel'],
  [4457, 4468, 'leisure'],
  [4511, 4511, 'travel'],
  [4582, 4582, 'travel'],
  [4722, 4723, 'travel'],
  [4784, 4789, 'transport'],
  [4812, 4821, 'telecom'],
  [4829, 4829, 'transfer_out'],
  [4899, 4899, 'subscriptions'],
  [4900, 4900, 'utilities'],
  [5013, 5013, 'transport'],
  [5047, 5047, 'health'],
  [5122, 5122, 'health'],
  [5172, 5172, 'fuel'],
  [5200, 5271, 'housing'],
  [5411, 5499, 'groceries'],
  [5541, 5542, 'fuel'],
  [5511, 5599, 'transport'],
  [5811, 5814, 'restaurants'],
  [5815, 5818, 'subscriptions'],
  [5912, 5912, 'health'],
  [5921, 5921, 'groceries'],
  [5960, 5960, 'insurance'],
  [5962, 5962, 'travel'],
  [5968, 5968, 'subscriptions'],
  [5975, 5976, 'health'],
  [5983, 5983, 'fuel'],
  [6010, 6011, 'cash_withdrawal'],
  [6012, 6012, 'bank_fees'],
  [6051, 6051, 'transfer_out'],
  [6211, 6211, 'other_expense'],
  [6300, 6399, 'insurance'],
  [6513, 6513, 'housing'],
  [7011, 7012, 'travel'],
  [7032, 7033, 'leisure'],
  [7276, 7276, 'taxes'],
  [7210, 7299, 'shopping'],
  [7512, 7512, 'travel'],
  [7519, 7519, 'travel'],
  [7511, 7549, 'transport'],
  [7800, 7802, 'leisure'],
  [7829, 7999, 'leisure'],
  [8011, 8099, 'health'],
  [8211, 8299, 'education'],
  [8351, 8351, 'education'],
  [8398, 8398, 'other_expense'],
  [9211, 9223, 'taxes'],
  [9311, 9311, 'taxes'],
  [9399, 9399, 'taxes'],
  [5000, 5999, 'shopping'],
  [7000, 7999, 'shopping'],
  [0, 9999, 'other_expense'],
];

/** The category of a merchant category code (other_expense for an unlisted one), or undefined for a value that is no MCC. */
export function categoryForMcc(mcc: string | number): CategoryId | undefined {
  const code = typeof mcc === 'number' ? mcc : Number.parseInt(mcc, 10);
  if (!Number.isInteger(code) || code < 0 || code > 9999) return undefined;
  return MCC_RANGES.find(([from, to]) => code >= from && code <= to)?.[2];
}
