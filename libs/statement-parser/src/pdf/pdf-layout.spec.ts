import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from '../statement-parser.js';
import { StatementParseError } from '../statement-parse.error.js';
import { builtInLayouts, loadLayoutsDir } from './pdf-layout.js';
import { row, writePdf } from './statement-pdf.spec-writer.js';

const dirWith = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-layouts-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};

/** A German giro statement (Buchungstag / Verwendungszweck / Soll / Haben): vocabulary the generic reader lacks. */
const GERMAN = {
  name: 'de-giro',
  match: { keywords: ['kontoauszug'] },
  currency: 'EUR',
  columns: { date: ['buchungstag'], value_date: ['wert'], description: ['verwendungszweck'], debit: ['soll'], credit: ['haben'] },
  opening: ['^alter kontostand'],
  closing: ['^neuer kontostand'],
};

async function germanStatement(): Promise<Uint8Array> {
  const header = row(120, [[40, 'Buchungstag'], [100, 'Wert'], [150, 'Verwendungszweck'], [470, 'Soll', true], [540, 'Haben', true]]);
  return writePdf({
    pages: [[
      { x: 40, y: 40, text: 'Kontoauszug 3/2024', size: 12 },
      { x: 40, y: 60, text: 'Konto 1234567890   IBAN DE89 3704 0044 0532 0130 00' },
      ...header,
      ...row(134, [[150, 'Alter Kontostand vom 29.02.2024'], [540, '1.000,00', true]]),
      ...row(148, [[40, '04.03.2024'], [100, '04.03.2024'], [150, 'Lastschrift Stadtwerke'], [470, '85,20', true]]),
      ...row(158, [[150, 'Abschlag März']]),
      ...row(172, [[40, '15.03.2024'], [100, '15.03.2024'], [150, 'Gehalt Beispiel GmbH'], [540, '2.400,00', true]]),
      ...row(186, [[150, 'Neuer Kontostand vom 31.03.2024'], [540, '3.314,80', true]]),
    ]],
  });
}

describe('PDF layout profiles', () => {
  it('ships a valid profile for each known layout', () => {
    expect(builtInLayouts().map((p) => p.name).sort()).toEqual(['caisse-epargne', 'credit-mutuel-cic', 'nz-everyday', 'uk-current-account', 'us-checking']);
  });

  it('reads a layout the generic reader does not know once the user adds its profile (PDF_LAYOUTS_DIR)', async () => {
    const bytes = await germanStatement();
    await expect(parseDocument(bytes)).rejects.toThrow(/no transaction table found/);
    const layouts = loadLayoutsDir(dirWith({ 'de-giro.json': JSON.stringify(GERMAN) }));
    const doc = await parseDocument(bytes, { pdf: { layouts } });
    expect(doc.statements[0]!.transactions.map((t) => [t.date, t.amount, t.label])).toEqual([
      ['2024-03-04', '-85.20', 'Lastschrift Stadtwerke Abschlag März'],
      ['2024-03-15', '2400.00', 'Gehalt Beispiel GmbH'],
    ]);
    expect([doc.statements[0]!.opening_balance?.amount, doc.statements[0]!.closing_balance?.amount]).toEqual(['1000.00', '3314.80']);
    expect(doc.warnings).toEqual([{ code: 'PDF_LAYOUT', message: 'read with the "de-giro" layout profile' }]);
  });

  it.each([
    ['{ "name": ', /not valid JSON/],
    ['{ "columns": {} }', /"name" must be a non-empty string/],
    ['{ "name": "x", "opening": ["(unclosed"] }', /"opening" holds an invalid pattern/],
    ['{ "name": "x", "columns": { "amounts": ["x"] } }', /columns\.amounts is not a column role/],
    ['{ "name": "x", "currency": "euro" }', /"currency" must be an ISO 4217 code/],
  ])('refuses the profile %s, naming the file and the field', (text, message) => {
    const dir = dirWith({ 'bad.json': text });
    const error = (() => {
      try {
        loadLayoutsDir(dir);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StatementParseError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(join(dir, 'bad.json'));
  });
});
