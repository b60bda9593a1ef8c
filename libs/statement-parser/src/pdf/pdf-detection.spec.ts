import { readFileSync } from 'node:fs';
import { detectFormat } from '../format-detector.js';
import { parseDocument, parseStatement } from '../statement-parser.js';

const KOWHAI = readFileSync('../shared/fixtures/statements/pdf/mfry_kowhai_everyday.pdf');

describe('PDF detection', () => {
  it('recognises a PDF by its %PDF- signature, whatever the file is called', () => {
    expect(detectFormat(KOWHAI, 'statement.csv')).toBe('pdf');
    expect(detectFormat(Buffer.concat([Buffer.from('\r\n  junk before the header\n'), KOWHAI]))).toBe('pdf');
    expect(detectFormat(Buffer.from('Date;Libellé;Montant\n01/02/2024;PDF- test;1,00\n'))).toBe('csv');
  });

  it('points a synchronous caller to parseDocument, which reads it', async () => {
    expect(() => parseStatement(KOWHAI)).toThrow(/call parseDocument\(\)/);
    expect((await parseDocument(KOWHAI)).format).toBe('pdf');
  });
});
