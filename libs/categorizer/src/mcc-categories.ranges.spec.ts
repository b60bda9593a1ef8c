import { categoryForMcc } from './mcc-categories.js';

// Codes with their ISO 18245 description (as in greggles/mcc-codes): one from every range of the table.
describe(`${categoryForMcc.name} ranges`, () => {
  it.each([
    ['0780', 'Horticultural Services, Landscaping Services', 'housing'],
    ['1520', 'General Contractors-Residential and Commercial', 'housing'],
    ['3351', 'Affiliated Auto Rental', 'travel'],
    ['4011', 'Railroads', 'transport'],
    ['4119', 'Ambulance Services', 'health'],
    ['4121', 'Taxicabs and Limousines', 'transport'],
    ['4214', 'Motor Freight Carriers, Moving and Storage Companies', 'shopping'],
    ['4411', 'Cruise and Steamship Lines', 'travel'],
    ['4457', 'Boat Rentals and Leases', 'leisure'],
    ['4582', 'Airports, Airport Terminals, Flying Fields', 'travel'],
    ['4722', 'Travel Agencies and Tour Operations', 'travel'],
    ['4784', 'Toll and Bridge Fees', 'transport'],
    ['4829', 'Money Orders – Wire Transfer', 'transfer_out'],
    ['4899', 'Cable and other pay television', 'subscriptions'],
    ['5013', 'Motor vehicle supplies and new parts', 'transport'],
    ['5122', 'Drugs, Drug Proprietors, and Druggist’s Sundries', 'health'],
    ['5172', 'Petroleum and Petroleum Products', 'fuel'],
    ['5200', 'Home Supply Warehouse Stores', 'housing'],
    ['5511', 'Car and Truck Dealers (New and Used)', 'transport'],
    ['5532', 'Automotive Tire Stores', 'transport'],
    ['5815', 'Digital Goods: Media, Books, Movies, Music', 'subscriptions'],
    ['5921', 'Package Stores – Beer, Wine, and Liquor', 'groceries'],
    ['5960', 'Direct Marketing – Insurance Service', 'insurance'],
    ['5962', 'Direct Marketing – Travel Related Arrangements Services', 'travel'],
    ['5968', 'Direct Marketing – Continuity/Subscription Merchant', 'subscriptions'],
    ['5975', 'Hearing Aids – Sales, Service, and Supply Stores', 'health'],
    ['5983', 'Fuel – Fuel Oil, Wood, Coal, Liquefied Petroleum', 'fuel'],
    ['6012', 'Financial Institutions – Merchandise and Services', 'bank_fees'],
    ['6051', 'Non-Financial Institutions – Foreign Currency, Money Orders', 'transfer_out'],
    ['6211', 'Security Brokers/Dealers', 'other_expense'],
    ['6513', 'Real Estate Agents and Managers - Rentals', 'housing'],
    ['7032', 'Sporting and Recreational Camps', 'leisure'],
    ['7210', 'Laundry, Cleaning, and Garment Services', 'shopping'],
    ['7276', 'Tax Preparation Service', 'taxes'],
    ['7512', 'Car Rental Companies', 'travel'],
    ['7519', 'Motor Home and Recreational Vehicle Rentals', 'travel'],
    ['7538', 'Automotive Service Shops', 'transport'],
    ['7800', 'Government-Owned Lotteries', 'leisure'],
    ['7333', 'Commercial Photography, Art and Graphics', 'shopping'],
    ['8351', 'Child Care Services', 'education'],
    ['8398', 'Charitable and Social Service Organizations', 'other_expense'],
    ['9211', 'Court Costs, including Alimony and Child Support', 'taxes'],
    ['9399', 'Government Services (Not Elsewhere Classified)', 'taxes'],
    ['8111', 'Legal Services and Attorneys', 'other_expense'],
  ])('maps %s (%s) to %s', (mcc, _description, category) => {
    expect(categoryForMcc(mcc)).toBe(category);
  });

  it('files the codes at both ends of the MCC range as unlisted expenses', () => {
    expect(categoryForMcc('0000')).toBe('other_expense');
    expect(categoryForMcc(0)).toBe('other_expense');
    expect(categoryForMcc(9999)).toBe('other_expense');
  });

  it('refuses a number with a fractional part, whatever code it starts with', () => {
    expect(categoryForMcc(5411.5)).toBeUndefined();
    expect(categoryForMcc(-0.5)).toBeUndefined();
  });
});
