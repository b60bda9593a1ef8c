import { rowLimitExceeded } from '../statement-limits.js';

export interface QifField {
  /** The one-letter field code (D, T, P, S, $...). */
  code: string;
  value: string;
  line: number;
}

export type QifItem =
  | { kind: 'header'; header: string; line: number }
  | { kind: 'record'; fields: QifField[]; line: number; /** false when no `^` closed it. */ terminated: boolean };

/**
 * Splits QIF text into `!` headers and `^`-terminated records of one-letter fields. More than `maxRecords`
 * records (besides one account record per header) is refused as soon as it is seen.
 */
export function readQifItems(text: string, maxRecords = Number.POSITIVE_INFINITY): QifItem[] {
  const items: QifItem[] = [];
  let fields: QifField[] = [];
  let records = 0;
  let headers = 0;
  const flush = (terminated: boolean): void => {
    if (fields.length > 0) {
      if (++records > maxRecords + headers) throw rowLimitExceeded(maxRecords, 'records', { line: fields[0]!.line });
      items.push({ kind: 'record', fields, line: fields[0]!.line, terminated });
    }
    fields = [];
  };
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = i + 1;
    const content = raw.replace(/^\uFEFF/, '');
    if (content.trim() === '') return;
    if (content.startsWith('!')) {
      flush(false);
      headers++;
      items.push({ kind: 'header', header: content.slice(1).trim(), line });
    } else if (content.trim() === '^') {
      flush(true);
    } else {
      fields.push({ code: content[0]!, value: content.slice(1).trimEnd(), line });
    }
  });
  flush(false);
  return items;
}
