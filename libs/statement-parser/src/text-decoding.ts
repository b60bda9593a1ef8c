import { isUtf8 } from 'node:buffer';

import iconv from 'iconv-lite';

import type { ParseWarning } from './statement.types.js';

export interface DecodedText {
  text: string;
  /** The encoding actually used, as iconv-lite names it. */
  encoding: string;
  /** Lines (1-based) that were not UTF-8 while other lines of the file are: each was decoded with `encoding`. */
  redecodedLines?: number[];
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  return isUtf8(bytes);
}

export function isKnownEncoding(encoding: string): boolean {
  return iconv.encodingExists(encoding);
}

/** Decodes with the given encoding; a byte-order mark wins over it and is stripped. */
export function decodeBytes(bytes: Uint8Array, encoding: string): DecodedText {
  const bom = bomEncoding(bytes);
  const chosen = bom?.encoding ?? encoding;
  const body = Buffer.from(bytes.subarray(bom?.length ?? 0));
  const text = iconv.decode(body, chosen, { stripBOM: true });
  return { text, encoding: chosen };
}

/**
 * Guesses the encoding of a text file without a declaration: a BOM, else UTF-8 when the bytes are
 * valid UTF-8, else the fallback (Windows-1252 covers latin-1 and adds the euro sign).
 */
export function decodeUnknownText(bytes: Uint8Array, fallback = 'windows-1252'): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom && bom.encoding !== 'utf-8') return decodeBytes(bytes, bom.encoding);
  if (isValidUtf8(bytes)) return decodeBytes(bytes, 'utf-8');
  // A UTF-8 byte-order mark on bytes that are not all UTF-8: the file says UTF-8, so its other lines are the odd ones.
  const body = bom ? bytes.subarray(bom.length) : bytes;
  return decodeLineByLine(body, fallback, !!bom) ?? decodeBytes(bytes, fallback);
}

/**
 * A file edited by two tools can hold UTF-8 lines and Windows-1252 lines. When some lines carry UTF-8
 * multi-byte characters and others are not UTF-8, each line is decoded on its own (a newline byte never
 * occurs inside a UTF-8 sequence), and the lines decoded with the fallback are reported.
 */
function decodeLineByLine(bytes: Uint8Array, fallback: string, declaredUtf8: boolean): DecodedText | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  const redecoded: number[] = [];
  let multiByteUtf8 = declaredUtf8;
  for (let start = 0, line = 1; start <= buffer.length; line++) {
    const newline = buffer.indexOf(0x0a, start);
    const end = newline === -1 ? buffer.length : newline;
    const slice = buffer.subarray(start, end);
    if (isUtf8(slice)) {
      const text = slice.toString('utf8');
      if (text.length !== slice.length) multiByteUtf8 = true;
      parts.push(text);
    } else {
      parts.push(iconv.decode(slice, fallback));
      redecoded.push(line);
    }
    start = end + 1;
  }
  if (!multiByteUtf8) return null;
  return { text: parts.join('\n'), encoding: fallback, redecodedLines: redecoded };
}

/** The warning a mixed-encoding file gets: never silent mojibake. */
export function mixedEncodingWarnings(decoded: DecodedText): ParseWarning[] {
  const lines = decoded.redecodedLines;
  if (!lines || lines.length === 0) return [];
  const listed = lines.slice(0, 20).join(', ');
  const more = lines.length > 20 ? ` and ${lines.length - 20} more` : '';
  return [{
    code: 'MIXED_ENCODING',
    message: `the file mixes encodings: line${lines.length > 1 ? 's' : ''} ${listed}${more} ${lines.length > 1 ? 'are' : 'is'} not UTF-8 like the rest and ${lines.length > 1 ? 'were' : 'was'} decoded as ${decoded.encoding}`,
    line: lines[0]!,
  }];
}

/** The `encoding` pseudo-attribute of an XML declaration, if any. */
export function xmlDeclaredEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1').replace(/^\xEF\xBB\xBF/, '');
  const match = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match ? match[1]! : null;
}
