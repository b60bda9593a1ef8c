import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { checkRecordCount, MAX_XML_DEPTH } from '../statement-limits.js';
import { StatementParseError } from '../statement-parse.error.js';
import { decodeBytes, isKnownEncoding, xmlDeclaredEncoding } from '../text-decoding.js';

/** Elements that repeat in CAMT messages: their paths carry a 1-based index. */
const INDEXED = new Set(['Stmt', 'Rpt', 'Ntfctn', 'Bal', 'Ntry', 'NtryDtls', 'TxDtls']);

/** A parsed XML element with its path, so that every error can say where it happened. */
export class XmlElement {
  constructor(
    private readonly node: unknown,
    readonly path: string,
  ) {}

  children(name: string): XmlElement[] {
    if (typeof this.node !== 'object' || this.node === null) return [];
    const value = (this.node as Record<string, unknown>)[name];
    if (!Array.isArray(value)) return [];
    return value.map((v, i) => new XmlElement(v, `${this.path}/${name}${INDEXED.has(name) || value.length > 1 ? `[${i + 1}]` : ''}`));
  }

  /** First element at a slash-separated relative path, e.g. `Acct/Id/IBAN`. */
  find(relativePath: string): XmlElement | undefined {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the walk starts here and moves down
    let current: XmlElement | undefined = this;
    for (const name of relativePath.split('/')) {
      current = current?.children(name)[0];
      if (!current) return undefined;
    }
    return current;
  }

  findAll(relativePath: string): XmlElement[] {
    const names = relativePath.split('/');
    let level: XmlElement[] = [this];
    for (const name of names) level = level.flatMap((e) => e.children(name));
    return level;
  }

  /** Trimmed text content; undefined when absent or empty. */
  text(): string | undefined {
    const raw = typeof this.node === 'object' && this.node !== null ? (this.node as Record<string, unknown>)['#text'] : this.node;
    if (raw === undefined || raw === null) return undefined;
    // fast-xml-parser gives a text node as a string, number or boolean, never an object.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    const text = String(raw).trim();
    return text === '' ? undefined : text;
  }

  findText(relativePath: string): string | undefined {
    return this.find(relativePath)?.text();
  }

  attr(name: string): string | undefined {
    if (typeof this.node !== 'object' || this.node === null) return undefined;
    const value = (this.node as Record<string, unknown>)[`@${name}`];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  }

  /** Plain JSON of the element, single-item lists unwrapped, for `raw`. */
  toJSON(): unknown {
    return simplify(this.node);
  }
}

function simplify(node: unknown): unknown {
  if (Array.isArray(node)) return node.length === 1 ? simplify(node[0]) : node.map(simplify);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k.replace(/^@/, ''), simplify(v)]));
}

export function malformed(message: string, element: string): StatementParseError {
  return new StatementParseError('MALFORMED_DOCUMENT', `${message} (at ${element})`, { element });
}

function decodeXml(bytes: Uint8Array): string {
  const declared = xmlDeclaredEncoding(bytes) ?? 'utf-8';
  if (!isKnownEncoding(declared)) {
    throw new StatementParseError('UNSUPPORTED_CONTENT', `the XML declares an unsupported encoding "${declared}" (line 1)`, { line: 1 });
  }
  return decodeBytes(bytes, declared).text;
}

function describeXmlError(err: { code: string; msg: string; line: number; col: number }, text: string): StatementParseError {
  const unclosed = /^Invalid '\[(.*)\]' found\.$/s.exec(err.msg);
  if (unclosed) {
    const names = [...unclosed[1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!.replace(/^[^:]+:/, ''));
    const line = text.trimEnd().split(/\r\n|\r|\n/).length;
    return new StatementParseError(
      'MALFORMED_DOCUMENT',
      `the XML ends at line ${line} before element(s) ${names.join('/')} are closed: the file is truncated or malformed`,
      { line, element: names.join('/') },
    );
  }
  return new StatementParseError('MALFORMED_DOCUMENT', `malformed XML at line ${err.line}, column ${err.col}: ${err.msg}`, {
    line: err.line,
  });
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** CAMT never needs a DOCTYPE: one is refused before any parser sees it, with its entities (external, parameter, expanding). */
function refuseDeclarations(text: string): void {
  const declaration = /<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)\b/i.exec(text);
  if (!declaration) return;
  const line = lineOf(text, declaration.index);
  throw new StatementParseError(
    'UNSUPPORTED_CONTENT',
    `the XML has a <!${declaration[1]!.toUpperCase()}> declaration at line ${line}: ISO 20022 statements never need one, and it is refused`,
    { line },
  );
}

/** Decodes (honouring the XML declaration), validates and parses; numbers stay strings. */
export function loadXml(bytes: Uint8Array, recordTag?: { name: string; maxCount: number; what: string }): XmlElement {
  const text = decodeXml(bytes);
  refuseDeclarations(text);
  const validation = XMLValidator.validate(text);
  if (validation !== true) throw describeXmlError(validation.err, text);
  if (recordTag) checkRecordCount(text, new RegExp(`<(?:[\\w.-]+:)?${recordTag.name}[\\s>/]`, 'g'), recordTag.maxCount, recordTag.what);
  const parser = new XMLParser({
    maxNestedTags: MAX_XML_DEPTH,
    // The callbacks ignore the element path: not building it as a string for every element saves a pass.
    jPath: false,
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  });
  try {
    return new XmlElement(parser.parse(text), '');
  } catch (error) {
    // fast-xml-parser throws plain Errors (nesting past maxNestedTags...): the same bytes always fail, so permanent.
    throw new StatementParseError('MALFORMED_DOCUMENT', `malformed XML: ${(error as Error).message}`);
  }
}
