import { checkBalances } from '../balance-check.js';
import { StatementParseError } from '../statement-parse.error.js';
import type { AccountInfo, ParsedStatementPart, ParseOptions, ParseWarning } from '../statement.types.js';
import { readBalances } from './camt-balance.js';
import { parseEntry } from './camt-entry.js';
import { readDateTimeText } from './camt-values.js';
import { malformed, type XmlElement } from './camt-xml.js';

const BIC = /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

function readAccount(statement: XmlElement): AccountInfo {
  const acct = statement.find('Acct');
  if (!acct) throw malformed('the account (Acct) is missing', statement.path);
  const iban = acct.findText('Id/IBAN');
  const id = iban ?? acct.findText('Id/Othr/Id');
  if (!id) throw malformed('the account has neither Id/IBAN nor Id/Othr/Id', acct.path);
  const institution = acct.find('Svcr/FinInstnId');
  const bic = [institution?.findText('BIC'), institution?.findText('BICFI')].find((b) => b !== undefined && BIC.test(b));
  const bankId = bic ?? institution?.findText('Nm');
  const type = acct.findText('Tp/Cd') ?? acct.findText('Tp/Prtry');
  const name = acct.findText('Ownr/Nm') ?? acct.findText('Nm');
  return { id, ...(iban ? { iban } : {}), ...(bankId ? { bank_id: bankId } : {}), ...(type ? { type } : {}), ...(name ? { name } : {}) };
}

/** Acct/Ccy, else the currency the amounts carry; "XXX" means none, then the caller's default. */
function resolveCurrency(statement: XmlElement, options: ParseOptions): string {
  const candidates = [
    statement.findText('Acct/Ccy'),
    ...statement.findAll('Bal/Amt').map((a) => a.attr('Ccy')),
    ...statement.findAll('Ntry/Amt').map((a) => a.attr('Ccy')),
  ].map((c) => c?.toUpperCase());
  const found = candidates.find((c) => c !== undefined && c !== 'XXX') ?? options.defaultCurrency?.toUpperCase();
  if (!found) {
    throw new StatementParseError(
      'UNSUPPORTED_CONTENT',
      `statement ${statement.findText('Id') ?? statement.path} states no currency (no Acct/Ccy, amounts in "XXX" or without Ccy); ` +
        `set the default currency to parse it (at ${statement.path}/Acct)`,
      { element: `${statement.path}/Acct` },
    );
  }
  if (!/^[A-Z]{3}$/.test(found)) throw malformed(`invalid currency "${found}"`, `${statement.path}/Acct/Ccy`);
  return found;
}

export function parseStatementElement(statement: XmlElement, options: ParseOptions, warnings: ParseWarning[]): ParsedStatementPart {
  const statementId = statement.findText('Id') ?? statement.path;
  const account = readAccount(statement);
  const currency = resolveCurrency(statement, options);
  const balances = readBalances(statement, currency);
  warnings.push(...balances.warnings);

  const transactions = statement.children('Ntry').flatMap((entry, index) => {
    const outcome = parseEntry(entry, index, { statementId, currency });
    if ('transactions' in outcome) return outcome.transactions;
    warnings.push({
      code: 'ENTRY_SKIPPED',
      message: `statement ${statementId}: entry ${index + 1} has status ${outcome.skipped} (not booked); it was skipped`,
      element: entry.path,
    });
    return [];
  });

  const dates = transactions.map((t) => t.date).sort();
  const part: ParsedStatementPart = {
    account,
    currency,
    period: {
      start: readDateTimeText(statement.find('FrToDt/FrDtTm')) ?? dates[0] ?? balances.opening?.date?.slice(0, 10) ?? null,
      end: readDateTimeText(statement.find('FrToDt/ToDtTm')) ?? dates[dates.length - 1] ?? balances.closing?.date?.slice(0, 10) ?? null,
    },
    ...(balances.opening ? { opening_balance: balances.opening } : {}),
    ...(balances.closing ? { closing_balance: balances.closing } : {}),
    ...(balances.available ? { available_balance: balances.available } : {}),
    transactions,
  };
  const mismatch = checkBalances(part, statementId, { element: statement.path });
  if (mismatch) warnings.push(mismatch);
  return part;
}
