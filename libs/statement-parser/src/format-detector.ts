import type { StatementFormat } from './statement.types.js';

/** Detects the format from the first bytes of content; the file name only breaks ties. */
export function detectFormat(bytes: Uint8Array, fileName?: string): StatementFormat | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (/^OFXHEADER\s*:/i.test(head) || /<\?OFX\b/i.test(head) || /<OFX>/i.test(head)) return 'ofx';
  if (/<Document\b[^>]*camt\.05[23]/i.test(head) || /<BkToCstmr(Stmt|AcctRpt)>/.test(head)) return 'camt';
  if (/^!(Type|Account|Option)/im.test(head.slice(0, 200))) return 'qif';
  if (/(^|\n)[\x00-\x1f]*:20:/.test(head) && /:25:/.test(head) && /:6[01][FM]?:/.test(head)) return 'mt940';
  if (/^<\?xml/i.test(head)) return null;
  const lines = head.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length >= 2 && lines.slice(0, 5).some((l) => /[;,\t|]/.test(l))) return 'csv';
  const ext = fileName?.toLowerCase().split('.').pop();
  if (ext === 'csv') return 'csv';
  return null;
}
