import { decodeBytes, decodeUnknownText, isKnownEncoding, isValidUtf8, mixedEncodingWarnings, xmlDeclaredEncoding } from '../text-decoding.js';
import type { ParseWarning } from '../statement.types.js';

export interface OfxText {
  /** The whole file decoded, header included, so line numbers match the file. */
  text: string;
  /** Offset where the markup starts (after an SGML header). */
  bodyStart: number;
  headers: Record<string, string>;
  flavour: 'sgml' | 'xml';
}

function charsetEncoding(charset: string | undefined, encoding: string | undefined): string | null {
  const c = (charset ?? '').trim().toUpperCase();
  if (/^(ISO-?)?8859-?1$/.test(c) || c === 'LATIN1') return 'latin1';
  if (/^\d{3,4}$/.test(c) && isKnownEncoding(`windows-${c}`)) return `windows-${c}`;
  if (c !== '' && c !== 'NONE' && isKnownEncoding(c)) return c.toLowerCase();
  if (/^UTF-?8$/i.test((encoding ?? '').trim())) return 'utf-8';
  return null;
}

/**
 * Decodes an OFX file by its declaration: the SGML header's CHARSET (1252, 8859-1...) or the XML
 * declaration's encoding. Banks that declare a single-byte charset but send UTF-8 are common, so valid
 * multi-byte UTF-8 wins over such a declaration (and is reported).
 */
export function decodeOfx(bytes: Uint8Array, warnings: ParseWarning[]): OfxText {
  const ascii = Buffer.from(bytes.subarray(0, 4096)).toString('latin1').replace(/^\xEF\xBB\xBF/, '');
  const flavour = /^\s*<\?xml/i.test(ascii) || /^\s*<\?OFX/i.test(ascii) ? 'xml' : 'sgml';
  const headers: Record<string, string> = {};
  let declared: string | null;
  if (flavour === 'xml') {
    const enc = xmlDeclaredEncoding(bytes);
    declared = enc && !/^(us-)?ascii$/i.test(enc) && isKnownEncoding(enc) ? enc.toLowerCase() : null;
  } else {
    const headerText = ascii.slice(0, ascii.search(/<|$/));
    for (const line of headerText.split(/\r?\n|\r/)) {
      const m = /^\s*([A-Z]+)\s*:\s*(.*?)\s*$/i.exec(line);
      if (m) headers[m[1]!.toUpperCase()] = m[2]!;
    }
    declared = charsetEncoding(headers.CHARSET, headers.ENCODING);
  }
  const hasHighBytes = bytes.some((b) => b > 0x7f);
  let decoded;
  if (declared && declared !== 'utf-8' && hasHighBytes && isValidUtf8(bytes)) {
    warnings.push({
      code: 'ENCODING_MISMATCH',
      message: `the OFX header declares ${declared} but the bytes are valid UTF-8; decoded as UTF-8`,
      line: 1,
    });
    decoded = decodeBytes(bytes, 'utf-8');
  } else {
    decoded = declared ? decodeBytes(bytes, declared) : decodeUnknownText(bytes);
  }
  warnings.push(...mixedEncodingWarnings(decoded));
  const text = decoded.text;
  const bodyStart = flavour === 'sgml' ? Math.max(0, text.indexOf('<')) : 0;
  return { text, bodyStart: text.indexOf('<') === -1 ? text.length : bodyStart, headers, flavour };
}
