import type { Balance, ParseWarning } from '../statement.types.js';
import { readAmount, readDateChoice, readSigned } from './camt-values.js';
import type { XmlElement } from './camt-xml.js';

export interface StatementBalances {
  opening?: Balance;
  closing?: Balance;
  available?: Balance;
  warnings: ParseWarning[];
}

interface TypedBalance {
  code: string;
  balance: Balance;
}

/**
 * Opening: OPBD, else PRCD (previous closing), else the first ITBD; closing: CLBD, else the last ITBD
 * (intraday camt.052). Balances in another currency than the statement's cannot be compared with its
 * entries: they are reported and left out.
 */
export function readBalances(statement: XmlElement, currency: string): StatementBalances {
  const warnings: ParseWarning[] = [];
  const typed: TypedBalance[] = [];
  for (const bal of statement.children('Bal')) {
    const code = bal.findText('Tp/CdOrPrtry/Cd') ?? bal.findText('Tp/CdOrPrtry/Prtry') ?? '';
    const amount = readAmount(bal.find('Amt'), bal.path);
    const signed = readSigned(bal, amount.value);
    const date = readDateChoice(bal.find('Dt'));
    if (amount.currency !== undefined && amount.currency !== currency) {
      warnings.push({
        code: 'BALANCE_IGNORED',
        message: `balance ${code} ${signed} ${amount.currency} is not in the statement currency ${currency}; it was left out`,
        element: bal.path,
      });
      continue;
    }
    typed.push({ code, balance: { amount: signed, ...(date ? { date: date.value } : {}) } });
  }
  const first = (code: string) => typed.find((b) => b.code === code)?.balance;
  const intermediate = typed.filter((b) => b.code === 'ITBD').map((b) => b.balance);
  const opening = first('OPBD') ?? first('PRCD') ?? (intermediate.length > 1 ? intermediate[0] : undefined);
  const closing = first('CLBD') ?? intermediate[intermediate.length - 1];
  const available = first('CLAV');
  return { ...(opening ? { opening } : {}), ...(closing ? { closing } : {}), ...(available ? { available } : {}), warnings };
}
