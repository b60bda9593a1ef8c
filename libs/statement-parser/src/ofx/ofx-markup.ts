import { MAX_XML_DEPTH } from '../statement-limits.js';
import { StatementParseError } from '../statement-parse.error.js';

/** One OFX element. Leaves carry `value`; aggregates carry children. */
export interface OfxElement {
  name: string;
  /** 1-based line of the opening tag. */
  line: number;
  /** Path from the root, e.g. `OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS/BANKTRANLIST/STMTTRN[2]`. */
  path: string;
  value?: string;
  children: OfxElement[];
}

type Token =
  | { kind: 'text'; text: string; offset: number }
  | { kind: 'open' | 'close' | 'empty'; name: string; offset: number };

/**
 * Leaves that SGML OFX may leave empty and unclosed (`<NAME>` followed by another tag). Any other tag
 * followed directly by a tag is an aggregate and must be closed.
 */
const KNOWN_LEAVES = new Set([
  'ACCTID', 'ACCTKEY', 'ACCTTYPE', 'BALAMT', 'BANKID', 'BRANCHID', 'CHECKNUM', 'CODE', 'CORRECTFITID', 'CURDEF',
  'CURRATE', 'CURSYM', 'DTASOF', 'DTAVAIL', 'DTEND', 'DTPOSTED', 'DTSERVER', 'DTSTART', 'DTUSER', 'FID', 'FITID',
  'INTU.BID', 'INTU.USERID', 'LANGUAGE', 'MEMO', 'MESSAGE', 'NAME', 'ORG', 'PAYEEID', 'REFNUM', 'SEVERITY', 'SIC',
  'SRVRTID', 'TRNAMT', 'TRNTYPE', 'TRNUID', 'USERKEY',
]);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function lineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

function malformed(message: string, line: number, element?: string): StatementParseError {
  return new StatementParseError('MALFORMED_DOCUMENT', `OFX: ${message}`, element ? { line, element } : { line });
}

function tokenize(text: string, start: number, lineAt: (offset: number) => number): Token[] {
  const tokens: Token[] = [];
  let pos = start;
  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    if (lt === -1) {
      tokens.push({ kind: 'text', text: decodeEntities(text.slice(pos)), offset: pos });
      break;
    }
    if (lt > pos) tokens.push({ kind: 'text', text: decodeEntities(text.slice(pos, lt)), offset: pos });
    const special = [
      { open: '<![CDATA[', close: ']]>', what: 'CDATA section' },
      { open: '<!--', close: '-->', what: 'comment' },
      { open: '<?', close: '?>', what: 'processing instruction' },
    ].find((s) => text.startsWith(s.open, lt));
    const declaration = special ? null : /^<!([A-Za-z]+)/.exec(text.slice(lt, lt + 20))?.[1];
    if (declaration) {
      // A DOCTYPE or ENTITY declaration could read files or expand without bound; OFX 2 never needs one.
      throw new StatementParseError(
        'UNSUPPORTED_CONTENT',
        `OFX: a <!${declaration}> at line ${lineAt(lt)} is refused: OFX never needs a DOCTYPE or entity declarations`,
        { line: lineAt(lt) },
      );
    }
    if (special) {
      const end = text.indexOf(special.close, lt + special.open.length);
      if (end === -1) throw malformed(`unterminated ${special.what} starting at line ${lineAt(lt)}`, lineAt(lt));
      if (special.what === 'CDATA section') tokens.push({ kind: 'text', text: text.slice(lt + 9, end), offset: lt });
      pos = end + special.close.length;
      continue;
    }
    const gt = text.indexOf('>', lt);
    const nextLt = text.indexOf('<', lt + 1);
    if (gt === -1 || (nextLt !== -1 && nextLt < gt)) {
      throw malformed(`unterminated tag "${text.slice(lt, lt + 30).split(/\r?\n/)[0]}" at line ${lineAt(lt)}`, lineAt(lt));
    }
    const match = /^(\/)?\s*([A-Za-z][A-Za-z0-9._:-]*)\s*(\/)?$/.exec(text.slice(lt + 1, gt).trim());
    if (!match) throw malformed(`malformed tag "${text.slice(lt, gt + 1)}" at line ${lineAt(lt)}`, lineAt(lt));
    const name = match[2]!.toUpperCase();
    tokens.push({ kind: match[1] ? 'close' : match[3] ? 'empty' : 'open', name, offset: lt });
    pos = gt + 1;
  }
  return tokens;
}

/**
 * Reads OFX 1.x SGML (leaf end tags optional) and OFX 2.x XML alike, from `start` (the offset after the
 * header). Every aggregate must be closed, so a truncated file is refused, naming the open element.
 */
export function readOfxMarkup(text: string, start: number): OfxElement {
  const lineAt = lineCounter(text);
  const tokens = tokenize(text, start, lineAt);
  const root: OfxElement = { name: '', line: 1, path: '', children: [] };
  const stack: OfxElement[] = [root];
  // Children seen so far per parent and name: counting them again for every sibling would be quadratic.
  const seen = new Map<OfxElement, Map<string, number>>();
  const append = (name: string, offset: number): OfxElement => {
    const parent = stack[stack.length - 1]!;
    if (parent === root && root.children.length > 0) {
      throw malformed(`unexpected <${name}> at line ${lineAt(offset)} after the end of the <OFX> element`, lineAt(offset));
    }
    const counts = seen.get(parent) ?? new Map<string, number>();
    seen.set(parent, counts);
    const index = counts.get(name) ?? 0;
    counts.set(name, index + 1);
    const path = `${parent.path ? `${parent.path}/` : ''}${name}${index > 0 ? `[${index + 1}]` : ''}`;
    const element: OfxElement = { name, line: lineAt(offset), path, children: [] };
    parent.children.push(element);
    return element;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const top = stack[stack.length - 1]!;
    if (token.kind === 'text') {
      if (token.text.trim() !== '') {
        const where = top === root ? 'outside the <OFX> element' : `inside <${top.name}> (${top.path})`;
        throw malformed(`unexpected text "${token.text.trim().slice(0, 40)}" at line ${lineAt(token.offset)} ${where}`, lineAt(token.offset), top.path || undefined);
      }
      continue;
    }
    if (token.kind === 'empty') {
      append(token.name, token.offset).value = '';
      continue;
    }
    if (token.kind === 'close') {
      if (top.name === token.name && top !== root) {
        stack.pop();
        continue;
      }
      const open = stack.find((e) => e !== root && e.name === token.name);
      if (open) {
        throw malformed(
          `<${top.name}> opened at line ${top.line} is not closed before </${token.name}> at line ${lineAt(token.offset)}`,
          lineAt(token.offset),
          top.path,
        );
      }
      throw malformed(`unexpected </${token.name}> at line ${lineAt(token.offset)}: no <${token.name}> is open`, lineAt(token.offset), top.path || undefined);
    }
    let j = i + 1;
    let content = '';
    for (let t = tokens[j]; t?.kind === 'text'; t = tokens[++j]) content += t.text;
    const next = tokens[j];
    const closesItself = next?.kind === 'close' && next.name === token.name;
    const element = append(token.name, token.offset);
    if (content.trim() !== '' || closesItself || (KNOWN_LEAVES.has(token.name) && next?.kind !== undefined)) {
      element.value = content.trim();
      i = closesItself ? j : j - 1;
    } else {
      if (stack.length > MAX_XML_DEPTH) {
        throw malformed(`<${token.name}> at line ${element.line} is nested more than ${MAX_XML_DEPTH} elements deep`, element.line, element.path);
      }
      stack.push(element);
    }
  }

  if (stack.length > 1) {
    const open = stack[stack.length - 1]!;
    const lastLine = lineAt(text.length);
    throw malformed(
      `the file ends (line ${lastLine}) while <${open.name}> opened at line ${open.line} is still open: it is truncated or a closing tag is missing`,
      lastLine,
      open.path,
    );
  }
  const ofx = root.children[0];
  if (!ofx || ofx.name !== 'OFX') {
    throw malformed(ofx ? `the root element is <${ofx.name}> at line ${ofx.line}, expected <OFX>` : 'no <OFX> element found', ofx?.line ?? 1);
  }
  return ofx;
}

export function childElement(parent: OfxElement, name: string): OfxElement | undefined {
  return parent.children.find((c) => c.name === name);
}

/** A leaf's trimmed text; undefined when the element is absent or is an aggregate. */
export function childValue(parent: OfxElement, name: string): string | undefined {
  return childElement(parent, name)?.value;
}

export function findElements(root: OfxElement, names: ReadonlySet<string>): OfxElement[] {
  const found: OfxElement[] = [];
  const walk = (el: OfxElement): void => {
    for (const c of el.children) {
      if (names.has(c.name)) found.push(c);
      else walk(c);
    }
  };
  walk(root);
  return found;
}

/** The element as plain JSON (leaf -> text, repeated names -> arrays) for `raw`. */
export function elementToRecord(el: OfxElement): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const c of el.children) {
    const value = c.value ?? elementToRecord(c);
    const existing = record[c.name];
    if (existing === undefined) record[c.name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else record[c.name] = [existing, value];
  }
  return record;
}
