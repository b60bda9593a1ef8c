import { detectDelimiter, modalWidth, splitLine } from './csv/csv-dialect.js';
import type { StatementFormat } from './statement.types.js';

const CAMT_NAMESPACE = /urn:iso:std:iso:20022:tech:xsd:camt\.05[23]\./i;
const CAMT_ROOT = /<(?:[\w.-]+:)?(BkToCstmrStmt|BkToCstmrAcctRpt)\b/;

/** The first 4 KB as text: UTF-16 when it has a BOM or NUL-interleaved ASCII, else latin-1 (byte-preserving). */
function head(bytes: Uint8Array): string {
  const sample = Buffer.from(bytes.subarray(0, 4096));
  const utf16le = (sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0x3c && sample[1] === 0x00);
  const utf16be = (sample[0] === 0xfe && sample[1] === 0xff) || (sample[0] === 0x00 && sample[1] === 0x3c);
  if (utf16le) return sample.toString('utf16le').replace(/^\uFEFF/, '');
  if (utf16be) return Buffer.from(sample).swap16().toString('utf16le').replace(/^\uFEFF/, '');
  return sample.toString('latin1').replace(/^\xEF\xBB\xBF/, '');
}

/** Several lines split into the same number (2+) of fields by one delimiter. */
function looksLikeCsv(text: string): boolean {
  const lines = text.split(/\r\n|\n|\r/).slice(0, 40);
  if (lines.length > 1 && !text.endsWith('\n')) lines.pop(); // the sample may end mid-line
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  if (nonEmpty.length < 2) return false;
  const delimiter = detectDelimiter(nonEmpty);
  const width = modalWidth(nonEmpty, delimiter);
  return width >= 2 && nonEmpty.filter((l) => splitLine(l, delimiter).length === width).length >= 2;
}

/** Detects the format from the first bytes of content; the file name only breaks ties. */
export function detectFormat(bytes: Uint8Array, fileName?: string): StatementFormat | null {
  // PDF readers accept the signature anywhere in the first 1024 bytes.
  if (/%PDF-\d\.\d/.test(Buffer.from(bytes.subarray(0, 1024)).toString('latin1'))) return 'pdf';
  const text = head(bytes).trimStart();
  if (/^OFXHEADER\s*:/i.test(text) || /<\?OFX\b/i.test(text) || /<OFX>/i.test(text)) return 'ofx';
  if (CAMT_NAMESPACE.test(text) || CAMT_ROOT.test(text)) return 'camt';
  if (/^!(Type|Account|Option)/im.test(text.slice(0, 200))) return 'qif';
  if (/(^|\n)[\x00-\x1f]*:20:/.test(text) && /:25:/.test(text) && /:6[01][FM]?:/.test(text)) return 'mt940';
  if (/^<(\?xml|[A-Za-z])/.test(text)) return null;
  if (looksLikeCsv(text)) return 'csv';
  const ext = fileName?.toLowerCase().split('.').pop();
  if (ext === 'csv') return 'csv';
  return null;
}
