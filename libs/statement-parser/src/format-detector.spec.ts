import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import iconv from 'iconv-lite';

import { detectFormat } from './format-detector.js';
import type { StatementFormat } from './statement.types.js';

const root = path.resolve(process.cwd(), '../shared/fixtures/statements');
const folders: Record<string, StatementFormat> = { camt053: 'camt', csv: 'csv', ofx: 'ofx', qif: 'qif', mt940: 'mt940' };
const sharedFixtures = Object.entries(folders).flatMap(([folder, format]) =>
  readdirSync(path.join(root, folder))
    .filter((f) => !f.endsWith('.json') && !f.endsWith('.md'))
    .map((f) => [`${folder}/${f}`, format] as const),
);
const localCsv = readdirSync(path.resolve(process.cwd(), 'libs/statement-parser/src/csv/__fixtures__')).map((f) => `csv/__fixtures__/${f}`);

describe(detectFormat.name, () => {
  it.each(sharedFixtures)('detects %s as %s from its content alone', (file, format) => {
    expect(detectFormat(readFileSync(path.join(root, file)))).toBe(format);
  });

  it.each(localCsv)('detects the bank layout %s as csv', (file) => {
    expect(detectFormat(readFileSync(path.resolve(process.cwd(), 'libs/statement-parser/src', file)))).toBe('csv');
  });

  it('ignores a misleading file name', () => {
    const camt = readFileSync(path.join(root, 'camt053/genkgo_camt053.v8.xml'));
    expect(detectFormat(camt, 'statement.csv')).toBe('camt');
  });

  it('detects CAMT with a namespace prefix and a UTF-8 BOM', () => {
    const xml = '\uFEFF<?xml version="1.0"?>\n<ns2:Document xmlns:ns2="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04"><ns2:BkToCstmrStmt/></ns2:Document>';
    expect(detectFormat(Buffer.from(xml, 'utf8'))).toBe('camt');
  });

  it('detects a UTF-16 CAMT file', () => {
    const xml = '\uFEFF<?xml version="1.0" encoding="UTF-16"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"><BkToCstmrAcctRpt/></Document>';
    expect(detectFormat(iconv.encode(xml, 'utf-16le', { addBOM: false }))).toBe('camt');
  });

  it('uses the .csv file name only for a single-column file', () => {
    expect(detectFormat(Buffer.from('Date\n2024-01-01\n'), 'export.csv')).toBe('csv');
    expect(detectFormat(Buffer.from('Date\n2024-01-01\n'))).toBeNull();
  });

  it('refuses other XML and prose', () => {
    expect(detectFormat(Buffer.from('<?xml version="1.0"?><html><body>hi</body></html>'))).toBeNull();
    expect(detectFormat(Buffer.from('Dear customer,\nplease find attached.\n'))).toBeNull();
  });
});
