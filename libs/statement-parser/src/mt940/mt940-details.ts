import { joinLabel } from '../statement-label.js';

export interface Mt940Details {
  payee?: string;
  memo?: string;
  /** German GVC posting text (?00), e.g. GUTSCHRIFT. */
  postingText?: string;
  /** Structured sub-fields by id (`?20`..`?29` joined under `20`), when the bank uses them. */
  fields?: Record<string, string>;
  label: string;
}

const SEPA_KEYWORD = /(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|IBAN|BIC|PURP|COAM|OAMT|SQTP|MDAT|ORCR|ORMR|DDAT)\+/g;

/** SEPA purpose text carries `KEY+value` parts; the remittance information is the SVWZ one. */
function remittance(purpose: string): string {
  const parts = [...purpose.matchAll(SEPA_KEYWORD)];
  const svwz = parts.findIndex((p) => p[1] === 'SVWZ');
  if (svwz === -1) return parts.length > 0 && parts[0]!.index === 0 ? '' : purpose.slice(0, parts[0]?.index ?? purpose.length);
  const start = parts[svwz]!.index! + 5;
  return purpose.slice(start, parts[svwz + 1]?.index ?? purpose.length);
}

/**
 * :86: free text. German banks structure it as a 3-digit GVC code then `?nn` sub-fields (?00 posting
 * text, ?20-?29 and ?60-?63 purpose, ?32-?33 counterparty name); the lines are then mere wrapping.
 */
export function readDetails(text: string): Mt940Details {
  const flat = text.replace(/\n/g, '');
  if (!/^\s*\d{3}\s*\?\d{2}/.test(flat)) {
    return { label: joinLabel(text.split('\n').join(' ')) };
  }
  const fields: Record<string, string> = {};
  const re = /\?(\d{2})/g;
  const marks = [...flat.matchAll(re)];
  fields.code = flat.slice(0, marks[0]!.index).trim();
  marks.forEach((m, i) => {
    const id = m[1]!;
    const value = flat.slice(m.index! + 3, marks[i + 1]?.index ?? flat.length);
    const key = /^2\d$/.test(id) ? '20' : /^6[0-3]$/.test(id) ? '60' : id === '33' ? '32' : id;
    fields[key] = (fields[key] ?? '') + value;
  });
  const purpose = [fields['20'], fields['60']].filter(Boolean).join('');
  const memo = remittance(purpose).trim() || purpose.trim() || undefined;
  const payee = fields['32']?.replace(/\s+/g, ' ').trim() || undefined;
  const postingText = fields['00']?.trim() || undefined;
  return {
    ...(payee ? { payee } : {}),
    ...(memo ? { memo } : {}),
    ...(postingText ? { postingText } : {}),
    fields,
    label: joinLabel(payee, memo) || postingText || '',
  };
}

/** Non-SWIFT `:NS:` lines (`NNtext`), as Hungarian banks send: 15-16 counterparty, 09 description. */
export function readNonSwift(text: string): { payee?: string; memo?: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^(\d{2})(.*)$/.exec(line);
    if (m) fields[m[1]!] = (fields[m[1]!] ?? '') + m[2]!;
  }
  const payee = `${fields['15'] ?? ''}${fields['16'] ?? ''}`.trim() || undefined;
  const memo = fields['09']?.trim() || undefined;
  return { ...(payee ? { payee } : {}), ...(memo ? { memo } : {}), fields };
}
