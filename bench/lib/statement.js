// The statements the stand-in downstreams answer with: a deterministic bank statement of `size` transactions
// shaped as the Document Processor's DocumentResult (a French current account exported as CSV: salary, rent,
// groceries, transport, subscriptions, fees, refunds, about two bookings a day), and its analysis computed by
// the real Transaction Analyzer library (libs/categorizer, built), so the analysis follows the real contract to
// the letter: categories per id, expenses negative, net = income + expenses, exact decimal strings.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './child.js';

const CATEGORIZER = resolve(REPO_ROOT, 'libs/categorizer/dist/index.js');

// [label, min cents, max cents] per kind of booking; negative = debit.
const DEBITS = [
  ['CB CARREFOUR MARKET {d}', -1250, -14890],
  ['CB LIDL {d} PARIS 11', -630, -8920],
  ['CB MONOPRIX {d}', -410, -6350],
  ['CB SNCF VOYAGES {d}', -1900, -12900],
  ['CB RATP NAVIGO {d}', -8640, -8640],
  ['CB UBER *TRIP {d}', -780, -3450],
  ['PRLV SEPA EDF CLIENTS PARTICULIERS', -4800, -11200],
  ['PRLV SEPA ORANGE SA FACTURE', -2999, -3999],
  ['CB NETFLIX.COM {d}', -1349, -1349],
  ['CB SPOTIFY {d}', -1099, -1099],
  ['CB AMAZON PAYMENTS {d}', -990, -15900],
  ['CB LE PETIT BISTROT {d}', -1450, -6800],
  ['CB PHARMACIE DU MARCHE {d}', -380, -4200],
  ['RETRAIT DAB {d} BNP PARIBAS', -2000, -10000],
  ['FRAIS TENUE DE COMPTE', -250, -250],
  ['VIR SEPA EMIS /A M DUPONT /MOTIF REMBOURSEMENT', -1500, -20000],
];
const CREDITS = [
  ['VIR SEPA RECU /DE CPAM PARIS /MOTIF REMBT SOINS', 1230, 6900],
  ['AVOIR CB AMAZON PAYMENTS {d}', 990, 4900],
  ['VIR SEPA RECU /DE M DUPONT /MOTIF PARTAGE', 1000, 8000],
];

/** mulberry32: a small deterministic PRNG, so every run answers the same statement for a size. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer cents -> decimal string ("-54.37"); money never goes through a float here. */
function money(cents) {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

/** The Document Processor's answer for a statement of `size` transactions. */
export function extraction(size) {
  const rand = prng(size * 7919 + 17);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const start = Date.UTC(2024, 0, 1);
  const days = Math.max(1, Math.ceil(size / 2));
  const transactions = [];
  let rentMonth = -1;
  let balance = 184_223;
  const opening = balance;
  for (let i = 0; i < size; i++) {
    const at = start + Math.floor((i * days) / size) * 86_400_000;
    const date = isoDay(at);
    const month = date.slice(0, 7);
    const dd = `${date.slice(8, 10)}/${date.slice(5, 7)}`;
    let label;
    let cents;
    if (date.endsWith('-01') && rentMonth !== month) {
      // First booking of a month: the salary; the second: the rent.
      rentMonth = month;
      label = 'VIR SEPA RECU /DE ACME SAS /MOTIF SALAIRE ' + month.replace('-', '');
      cents = 345_000 + Math.floor(rand() * 20_000);
    } else if (transactions.length && transactions.at(-1).label.includes('SALAIRE')) {
      label = `PRLV SEPA FONCIA LOYER ${month.replace('-', '')}`;
      cents = -98_000;
    } else {
      const [text, lo, hi] = rand() < 0.1 ? pick(CREDITS) : pick(DEBITS);
      label = text.replace('{d}', dd);
      cents = lo + Math.round(rand() * (hi - lo));
    }
    balance += cents;
    const amount = money(cents);
    transactions.push({
      id: `fitid-${size}-${String(i + 1).padStart(5, '0')}`,
      date,
      value_date: date,
      amount,
      currency: 'EUR',
      label,
      raw: { line: i + 2, fields: [date.split('-').reverse().join('/'), label, amount.replace('.', ',')] },
    });
  }
  const first = transactions[0]?.date ?? isoDay(start);
  const last = transactions.at(-1)?.date ?? first;
  return {
    format: 'csv',
    account: { id: 'FR7630004000031234567890143', iban: 'FR7630004000031234567890143', bank_id: '30004', name: 'COMPTE CHEQUES' },
    period: { start: first, end: last },
    currency: 'EUR',
    opening_balance: { amount: money(opening), date: first },
    closing_balance: { amount: money(balance), date: last },
    transactions,
    warnings: [],
  };
}

let analyze = null;

/**
 * The Transaction Analyzer's answer for that extraction, from the real library: its build (`npm run build`), or
 * `analyzeFn` when given (the test passes the library's source).
 */
export async function analysis(doc, userId = 'bench-user', analyzeFn = undefined) {
  if (analyzeFn) analyze = analyzeFn;
  if (!analyze) {
    if (!existsSync(CATEGORIZER)) throw new Error(`${CATEGORIZER} is missing: run npm run build first`);
    ({ analyzeTransactions: analyze } = await import(pathToFileURL(CATEGORIZER).href));
  }
  return analyze({ user_id: userId, transactions: doc.transactions.map(({ id, date, amount, currency, label }) => ({ id, date, amount, currency, label })) });
}
