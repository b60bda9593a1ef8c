import { headerAt, roleMatchers } from './pdf-header.js';
import { GENERIC_LAYOUT } from './pdf-layout.js';
import type { PdfLine, PdfWord } from './pdf-types.js';

/* The generic reader's header words, English and French, each read as the column it names. */

const GENERIC = roleMatchers({ name: 'generic' }, GENERIC_LAYOUT);

/** The role read for `word` as the third cell of the header `Date | Details | word | Paid in`. */
function roleOf(word: string): string | null | undefined {
  const cells: Array<[number, string]> = [[40, 'Date'], [100, 'Details'], [250, word], [460, 'Paid in']];
  const words: PdfWord[] = cells.map(([x0, text]) => ({ text, x0, x1: x0 + 5 * text.length, top: 100, bottom: 110 }));
  const line: PdfLine = { page: 1, index: 1, top: 100, bottom: 110, cells: words, text: '' };
  return headerAt([line], 0, GENERIC)?.columns[2]?.role;
}

describe('generic header words', () => {
  it.each([
    ['Date', 'date'],
    ['Transaction date', 'date'],
    ['Posting Date', 'date'],
    ['Booking date', 'date'],
    ['Entry date', 'date'],
    ['Date opération', 'date'],
    ['Date op', 'date'],
    ['Date de comptabilisation', 'date'],
    ['Date comptabilisation', 'date'],
    ['Date de opération', 'date'],
    ['Trans date', 'date'],
    ['Date paid', 'date'],
    ['Valeur', 'value_date'],
    ['Date valeur', 'value_date'],
    ['Value date', 'value_date'],
    ['Date de valeur', 'value_date'],
    ['Value', 'value_date'],
    ['Description', 'description'],
    ['Transaction details', 'description'],
    ['Detail', 'description'],
    ['Particulars', 'description'],
    ['Narrative', 'description'],
    ['Transactions', 'description'],
    ['Libellé des opérations', 'description'],
    ['Opération', 'description'],
    ['Memo', 'description'],
    ['Debits', 'debit'],
    ['Débit euros', 'debit'],
    ['Debit EUR', 'debit'],
    ['Debit (£)', 'debit'],
    ['Debit/Withdrawal ($)', 'debit'],
    ['Withdrawals (-)', 'debit'],
    ['Paid out', 'debit'],
    ['Money out', 'debit'],
    ['Payments', 'debit'],
    ['Out', 'debit'],
    ['Sorties', 'debit'],
    ['Crédit', 'credit'],
    ['Credits EUR', 'credit'],
    ['Credit (£)', 'credit'],
    ['Deposits/Credits', 'credit'],
    ['Paid in', 'credit'],
    ['Money in', 'credit'],
    ['In', 'credit'],
    ['Receipts', 'credit'],
    ['Entrées', 'credit'],
    ['Amount', 'amount'],
    ['Amount (GBP)', 'amount'],
    ['Amount in NZD', 'amount'],
    ['Montant', 'amount'],
    ['Montant (EUR)', 'amount'],
    ['Amount $', 'amount'],
    ['Balance', 'balance'],
    ['Running balance', 'balance'],
    ['Balance ($)', 'balance'],
    ['£ Balance', 'balance'],
    ['Solde', 'balance'],
    ['Reference', null],
    ['Outgoings', null],
    ['Soldes', null],
  ])('reads %s as %s', (word, role) => {
    expect(roleOf(word)).toBe(role);
  });
});
