import { deriveTransactionId } from '../transaction-id.js';
import { joinLabel } from '../statement-label.js';
import type { AccountInfo, Balance, ParsedStatementPart, ParseOptions, ParseWarning, StatementTransaction } from '../statement.types.js';
import { childElement, childValue, elementToRecord, type OfxElement } from './ofx-markup.js';
import { parseOfxAmount, parseOfxDate } from './ofx-values.js';

/** A record the parser refused: reported together so the user sees every bad transaction at once. */
export interface OfxProblem {
  message: string;
  line: number;
  element: string;
}

export interface OfxStatementContext {
  options: ParseOptions;
  warnings: ParseWarning[];
  problems: OfxProblem[];
}

function readAccount(rs: OfxElement): AccountInfo {
  const bank = childElement(rs, 'BANKACCTFROM');
  const card = childElement(rs, 'CCACCTFROM');
  const from = bank ?? card;
  const account: AccountInfo = { id: from ? (childValue(from, 'ACCTID') ?? '') : '' };
  if (bank) {
    const bankId = childValue(bank, 'BANKID');
    const branchId = childValue(bank, 'BRANCHID');
    const type = childValue(bank, 'ACCTTYPE');
    if (bankId !== undefined) account.bank_id = bankId;
    if (branchId !== undefined) account.branch_id = branchId;
    if (type !== undefined) account.type = type;
  } else if (card) {
    account.type = 'CREDITCARD';
  }
  return account;
}

function readBalance(rs: OfxElement, name: 'LEDGERBAL' | 'AVAILBAL', ctx: OfxStatementContext): Balance | undefined {
  const bal = childElement(rs, name);
  if (!bal) return undefined;
  const amountText = childValue(bal, 'BALAMT') ?? '';
  if (amountText === '') {
    ctx.warnings.push({ code: 'BALANCE_MISSING', message: `<${name}> at line ${bal.line} has an empty BALAMT; balance ignored`, line: bal.line, element: bal.path });
    return undefined;
  }
  const amount = parseOfxAmount(amountText);
  if (amount === null) {
    ctx.problems.push({ message: `BALAMT "${amountText}" is not an amount`, line: bal.line, element: `${bal.path}/BALAMT` });
    return undefined;
  }
  const asOf = childValue(bal, 'DTASOF') ?? '';
  const date = asOf === '' ? null : parseOfxDate(asOf);
  if (asOf !== '' && !date) {
    ctx.problems.push({ message: `DTASOF "${asOf}" is not an OFX date`, line: bal.line, element: `${bal.path}/DTASOF` });
  }
  return date ? { amount, date: date.dateTime } : { amount };
}

function readPeriodDate(list: OfxElement | undefined, name: 'DTSTART' | 'DTEND', ctx: OfxStatementContext): string | null {
  const text = list ? childValue(list, name) : undefined;
  if (!list || !text) return null;
  const date = parseOfxDate(text);
  if (!date) ctx.problems.push({ message: `${name} "${text}" is not an OFX date`, line: list.line, element: `${list.path}/${name}` });
  return date?.date ?? null;
}

function readTransaction(trn: OfxElement, index: number, account: AccountInfo, currency: string | null, ctx: OfxStatementContext): StatementTransaction | null {
  const fitid = childValue(trn, 'FITID') ?? '';
  const where = `STMTTRN at line ${trn.line}${fitid ? ` (FITID ${fitid})` : ''}`;
  const issues: string[] = [];
  const posted = childValue(trn, 'DTPOSTED');
  const date = posted ? parseOfxDate(posted) : null;
  if (posted === undefined) issues.push('DTPOSTED is missing');
  else if (posted === '') issues.push('DTPOSTED is empty');
  else if (!date) issues.push(`DTPOSTED "${posted}" is not a valid date`);
  const amountText = childValue(trn, 'TRNAMT');
  const amount = amountText ? parseOfxAmount(amountText) : null;
  if (!amountText) issues.push('TRNAMT is missing');
  else if (amount === null) issues.push(`TRNAMT "${amountText}" is not an amount`);
  const ownCurrency = childElement(trn, 'CURRENCY');
  const txCurrency = (ownCurrency && childValue(ownCurrency, 'CURSYM')) || currency;
  if (!txCurrency) issues.push('no currency: CURDEF is empty and no defaultCurrency was given');
  const available = childValue(trn, 'DTAVAIL');
  const valueDate = available ? parseOfxDate(available) : null;
  if (available && !valueDate) issues.push(`DTAVAIL "${available}" is not a valid date`);
  if (issues.length > 0 || !date || amount === null || !txCurrency) {
    ctx.problems.push({ message: `${where}: ${issues.join(', ')}`, line: trn.line, element: trn.path });
    return null;
  }

  const payee = childValue(trn, 'NAME') || childValue(childElement(trn, 'PAYEE') ?? trn, 'NAME') || undefined;
  const memo = childValue(trn, 'MEMO') || undefined;
  const reference = childValue(trn, 'CHECKNUM') || childValue(trn, 'REFNUM') || undefined;
  const type = childValue(trn, 'TRNTYPE')?.toLowerCase() || undefined;
  return {
    id: fitid || deriveTransactionId('ofx', [account.id, index, date.date, amount, payee, memo]),
    date: date.date,
    ...(valueDate ? { value_date: valueDate.date } : {}),
    amount,
    currency: txCurrency,
    label: joinLabel(payee, memo) || type || '',
    ...(payee ? { payee } : {}),
    ...(memo ? { memo } : {}),
    ...(reference ? { reference } : {}),
    ...(type ? { type } : {}),
    raw: { ...elementToRecord(trn), line: trn.line },
  };
}

/** One STMTRS (bank) or CCSTMTRS (credit card) aggregate. */
export function readOfxStatement(rs: OfxElement, ctx: OfxStatementContext): ParsedStatementPart {
  const account = readAccount(rs);
  const curdef = childValue(rs, 'CURDEF');
  let currency = curdef && curdef !== '' ? curdef.toUpperCase() : null;
  if (!currency) {
    currency = ctx.options.defaultCurrency ?? null;
    ctx.warnings.push({
      code: 'CURRENCY_MISSING',
      message: `<${rs.name}> at line ${rs.line} has ${curdef === undefined ? 'no' : 'an empty'} CURDEF; ${currency ? `assumed ${currency}` : 'statement currency unknown'}`,
      line: rs.line,
      element: `${rs.path}/CURDEF`,
    });
  }
  const list = childElement(rs, 'BANKTRANLIST');
  const transactions = (list?.children ?? [])
    .filter((c) => c.name === 'STMTTRN')
    .map((trn, i) => readTransaction(trn, i, account, currency, ctx))
    .filter((t): t is StatementTransaction => t !== null);
  const closing = readBalance(rs, 'LEDGERBAL', ctx);
  const available = readBalance(rs, 'AVAILBAL', ctx);
  return {
    account,
    currency,
    period: { start: readPeriodDate(list, 'DTSTART', ctx), end: readPeriodDate(list, 'DTEND', ctx) },
    ...(closing ? { closing_balance: closing } : {}),
    ...(available ? { available_balance: available } : {}),
    transactions,
  };
}
