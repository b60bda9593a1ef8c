import { parse } from 'csv-parse/sync';

import { StatementParseError } from '../statement-parse.error.js';
import type { CsvRecord } from './csv-rows.js';

interface ParsedWithInfo {
  record: string[];
  raw: string;
  info: { lines: number };
}

/**
 * Parses the records of `text` from 0-based line `fromLine` on (lines before it are preamble the CSV
 * parser never sees, so their stray quotes cannot derail it). Lines are numbered in the whole file.
 * Reading stops after `maxRecords` records, so an oversized file is refused without building all of it.
 */
export function readRecords(lines: readonly string[], fromLine: number, delimiter: string, maxRecords = -1): CsvRecord[] {
  const body = lines.slice(fromLine).join('\n');
  let parsed: ParsedWithInfo[];
  try {
    parsed = parse(body, {
      delimiter, info: true, raw: true, relax_column_count: true, skip_empty_lines: true, bom: true, to: maxRecords,
    }) as unknown as ParsedWithInfo[];
  } catch (err) {
    const e = err as { message: string; lines?: number };
    const line = (e.lines ?? 1) + fromLine;
    throw new StatementParseError('MALFORMED_DOCUMENT', `malformed CSV at line ${line}: ${e.message.replace(/ at line \d+/, '')}`, { line });
  }
  return parsed.map(({ record, raw, info }) => {
    const content = raw.replace(/^\n+/, '').replace(/\n$/, '');
    const inner = content.split('\n').length - 1;
    return { fields: record, line: fromLine + info.lines - inner };
  });
}
