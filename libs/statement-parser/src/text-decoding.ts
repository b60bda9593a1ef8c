import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  /** The encoding actually used, as iconv-lite names it. */
  encoding: string;
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
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
  if (bom) return decodeBytes(bytes, bom.encoding);
  return decodeBytes(bytes, isValidUtf8(bytes) ? 'utf-8' : fallback);
}

/** The `encoding` pseudo-attribute of an XML declaration, if any. */
export function xmlDeclaredEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1').replace(/^\xEF\xBB\xBF/, '');
  const match = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match ? match[1]! : null;
}
