import { decimalsEqual, sumDecimals } from '../decimal.js';
import type { DecimalString, StatementTransaction } from '../statement.types.js';
import { deriveTransactionId } from '../transaction-id.js';
import { meaningfulRef, readAmount, readDateChoice, readSigned } from './camt-values.js';
import { malformed, type XmlElement } from './camt-xml.js';

export interface EntryContext {
  statementId: string;
  currency: string;
}

export type EntryOutcome = { skipped: string } | { transactions: StatementTransaction[] };

const NOT_BOOKED = new Set(['PDNG', 'INFO', 'FUTR']);

function entryStatus(entry: XmlElement): string | undefined {
  return entry.findText('Sts/Cd') ?? entry.findText('Sts');
}

function partyName(details: XmlElement | undefined, role: 'Cdtr' | 'Dbtr'): string | undefined {
  if (!details) return undefined;
  const parties = details.find('RltdPties');
  return (
    parties?.findText(`${role}/Nm`) ??
    parties?.findText(`${role}/Pty/Nm`) ??
    parties?.findText(`Ultmt${role}/Nm`) ??
    parties?.findText(`Ultmt${role}/Pty/Nm`)
  );
}

function bankTransactionCode(element: XmlElement | undefined): string | undefined {
  const code = element?.find('BkTxCd');
  if (!code) return undefined;
  const domain = [code.findText('Domn/Cd'), code.findText('Domn/Fmly/Cd'), code.findText('Domn/Fmly/SubFmlyCd')].filter(Boolean);
  return domain.length > 0 ? domain.join('/') : code.findText('Prtry/Cd');
}

function remittance(details: XmlElement | undefined): string | undefined {
  if (!details) return undefined;
  const lines = details.findAll('RmtInf/Ustrd').map((u) => u.text()).filter((t): t is string => !!t);
  if (lines.length > 0) return lines.join(' ');
  return details.findText('RmtInf/Strd/CdtrRefInf/Ref') ?? details.findText('AddtlTxInf');
}

/** The signed amount of one TxDtls, or undefined when it states none in the entry's currency. */
function detailAmount(details: XmlElement, entry: XmlElement, entryCurrency: string | undefined): DecimalString | undefined {
  const amt = details.find('Amt') ?? details.find('AmtDtls/TxAmt/Amt');
  if (!amt) return undefined;
  const { value, currency } = readAmount(amt, details.path);
  if (currency !== undefined && entryCurrency !== undefined && currency !== entryCurrency) return undefined;
  return readSigned(details.find('CdtDbtInd') ? details : entry, value);
}

/**
 * A batch entry whose TxDtls each carry an amount adding up to the entry's yields one transaction per
 * TxDtls (what the account holder recognises); any other entry yields one transaction, so that the
 * transactions always sum to the booked entries and the balances reconcile.
 */
function splitAmounts(entry: XmlElement, details: XmlElement[], signed: DecimalString, currency: string | undefined): DecimalString[] | null {
  if (details.length < 2) return null;
  const amounts = details.map((d) => detailAmount(d, entry, currency));
  if (amounts.some((a) => a === undefined)) return null;
  return decimalsEqual(sumDecimals(amounts as DecimalString[]), signed) ? (amounts as DecimalString[]) : null;
}

export function parseEntry(entry: XmlElement, index: number, context: EntryContext): EntryOutcome {
  const status = entryStatus(entry);
  if (status && NOT_BOOKED.has(status.toUpperCase())) return { skipped: status };

  const amount = readAmount(entry.find('Amt'), entry.path);
  const signed = readSigned(entry, amount.value);
  const currency = amount.currency ?? context.currency;
  const booking = readDateChoice(entry.find('BookgDt'));
  const value = readDateChoice(entry.find('ValDt'));
  const date = booking ?? value;
  if (!date) throw malformed('the entry has neither BookgDt nor ValDt', entry.path);
  const details = entry.findAll('NtryDtls/TxDtls');
  const entryRef = meaningfulRef(entry.findText('AcctSvcrRef')) ?? meaningfulRef(entry.findText('NtryRef'));
  const batch = entry.find('NtryDtls/Btch');
  const entryInfo = entry.findText('AddtlNtryInf');

  const build = (detail: XmlElement | undefined, txAmount: DecimalString, position: number | undefined): StatementTransaction => {
    const payee = partyName(detail, txAmount.startsWith('-') ? 'Cdtr' : 'Dbtr');
    const memo = remittance(detail) ?? entryInfo;
    const bankRef = meaningfulRef(detail?.findText('Refs/AcctSvcrRef'));
    const reference =
      detail?.findText('Refs/AcctSvcrRef') ?? entry.findText('AcctSvcrRef') ?? meaningfulRef(detail?.findText('Refs/EndToEndId'));
    const batchLabel = batch && !detail ? `Batch of ${batch.findText('NbOfTxs') ?? '?'} transactions ${batch.findText('PmtInfId') ?? ''}`.trim() : undefined;
    const label =
      ([payee, memo].filter(Boolean).join(' - ') || batchLabel || bankTransactionCode(entry) || 'ISO 20022 entry').replace(/\s*[\r\n]+\s*/g, ' ');
    const id =
      (position === undefined ? bankRef ?? entryRef : bankRef ?? (entryRef ? `${entryRef}/${position + 1}` : undefined)) ??
      deriveTransactionId('camt', [context.statementId, index, position, date.value, txAmount, label]);
    const element = detail?.path ?? entry.path;
    const type = bankTransactionCode(detail) ?? bankTransactionCode(entry);
    return {
      id,
      date: date.date,
      ...(value ? { value_date: value.date } : {}),
      amount: txAmount,
      currency,
      label,
      ...(payee ? { payee } : {}),
      ...(memo ? { memo } : {}),
      ...(reference ? { reference } : {}),
      ...(type ? { type } : {}),
      raw: {
        element,
        statement_id: context.statementId,
        ...(booking ? { booking_date: booking.value } : {}),
        ...(position === undefined
          ? { Ntry: entry.toJSON() }
          : { Ntry: { AcctSvcrRef: entry.findText('AcctSvcrRef'), Amt: signed, Btch: batch?.toJSON() }, TxDtls: detail!.toJSON() }),
      },
    };
  };

  const split = splitAmounts(entry, details, signed, amount.currency);
  if (split) return { transactions: details.map((d, k) => build(d, split[k]!, k)) };
  return { transactions: [build(details.length === 1 ? details[0] : undefined, signed, undefined)] };
}
