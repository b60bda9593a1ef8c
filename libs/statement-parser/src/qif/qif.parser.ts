import { DEFAULT_MAX_STATEMENT_ROWS } from '../statement-limits.js';
import { StatementParseError } from '../statement-parse.error.js';
import { decodeUnknownText, mixedEncodingWarnings } from '../text-decoding.js';
import type { AccountInfo, ParsedDocument, ParsedStatementPart, ParseOptions, ParseWarning } from '../statement.types.js';
import { readQifItems, type QifItem } from './qif-records.js';
import { readQifTransaction } from './qif-transaction.js';
import { detectDateOrder, detectDecimalSeparator } from './qif-values.js';

const TRANSACTION_TYPES = new Set(['bank', 'cash', 'ccard', 'invst', 'oth a', 'oth l', 'invoice']);
const LIST_TYPES = new Set(['cat', 'class', 'memorized', 'prices', 'security', 'budget', 'invitem', 'template', 'payee']);

function accountFrom(fields: Extract<QifItem, { kind: 'record' }>['fields']): AccountInfo {
  const get = (code: string): string | undefined => fields.find((f) => f.code === code)?.value.trim();
  const name = get('N') ?? '';
  const type = get('T');
  return { id: name, name, ...(type ? { type } : {}) };
}

export function parseQif(bytes: Uint8Array, options: ParseOptions = {}): ParsedDocument {
  const decoded = decodeUnknownText(bytes);
  const items = readQifItems(decoded.text, options.maxRows ?? DEFAULT_MAX_STATEMENT_ROWS);
  const warnings: ParseWarning[] = [...mixedEncodingWarnings(decoded)];
  const dates = items.flatMap((i) => (i.kind === 'record' ? i.fields.filter((f) => f.code === 'D').map((f) => f.value) : []));
  const dateOrder = detectDateOrder(dates);
  if (!dateOrder) {
    throw new StatementParseError('MALFORMED_DOCUMENT', 'QIF: the file mixes month-first and day-first dates', { element: 'D' });
  }
  const amounts = items.flatMap((i) => (i.kind === 'record' ? i.fields.filter((f) => 'TU$'.includes(f.code)).map((f) => f.value) : []));
  const decimalSeparator = detectDecimalSeparator(amounts);
  const currency = options.defaultCurrency ?? 'XXX';
  const parts: ParsedStatementPart[] = [];
  let section: string | null = null;
  let account: AccountInfo | null = null;
  let part: ParsedStatementPart | null = null;

  for (const item of items) {
    if (item.kind === 'header') {
      const type = /^type\s*:\s*(.*)$/i.exec(item.header)?.[1]?.trim();
      if (type !== undefined) {
        if (!TRANSACTION_TYPES.has(type.toLowerCase()) && !LIST_TYPES.has(type.toLowerCase())) {
          throw new StatementParseError('UNSUPPORTED_CONTENT', `QIF: unknown section "!${item.header}" at line ${item.line}`, { line: item.line });
        }
        section = type;
        part = null;
      } else if (/^account\b/i.test(item.header)) {
        section = 'Account';
      } else if (!/^(option|clear)\s*:/i.test(item.header)) {
        throw new StatementParseError('MALFORMED_DOCUMENT', `QIF: unknown header "!${item.header}" at line ${item.line}`, { line: item.line });
      }
      continue;
    }
    if (!item.terminated) {
      warnings.push({
        code: 'UNTERMINATED_RECORD',
        message: `QIF record at line ${item.line} is not closed by "^"; it was read as complete, but the file may be truncated`,
        line: item.line,
      });
    }
    if (section === null) {
      throw new StatementParseError('MALFORMED_DOCUMENT', `QIF: the record at line ${item.line} comes before any !Type header`, { line: item.line });
    }
    if (section === 'Account') {
      account = accountFrom(item.fields);
      part = null;
      continue;
    }
    if (LIST_TYPES.has(section.toLowerCase())) continue;
    if (!part) {
      part = {
        account: account ?? { id: '', type: section },
        currency: options.defaultCurrency ?? null,
        period: { start: null, end: null },
        transactions: [],
      };
      parts.push(part);
    }
    part.transactions.push(
      readQifTransaction(item.fields, item.line, {
        section, accountId: part.account.id, index: part.transactions.length, currency, dateOrder, decimalSeparator, warnings,
      }),
    );
  }

  if (parts.length === 0) {
    throw new StatementParseError('MALFORMED_DOCUMENT', 'QIF: the file holds no transaction (no record after a !Type:Bank/CCard/Cash/Invst header)', { line: 1 });
  }
  for (const p of parts) {
    const sorted = p.transactions.map((t) => t.date).sort();
    p.period = { start: sorted[0] ?? null, end: sorted[sorted.length - 1] ?? null };
  }
  if (!options.defaultCurrency) {
    warnings.push({ code: 'CURRENCY_MISSING', message: 'QIF files carry no currency: transactions are marked XXX; pass defaultCurrency to set it' });
  }
  return { format: 'qif', statements: parts, warnings };
}
