const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', eacute: 'é', egrave: 'è', ecirc: 'ê', euml: 'ë',
  agrave: 'à', acirc: 'â', auml: 'ä', ccedil: 'ç', icirc: 'î', iuml: 'ï', ocirc: 'ô', ouml: 'ö', ugrave: 'ù', ucirc: 'û',
  uuml: 'ü', Eacute: 'É', Egrave: 'È', Ecirc: 'Ê', Agrave: 'À', Ccedil: 'Ç', Ocirc: 'Ô', Icirc: 'Î', Ucirc: 'Û', euro: '€', deg: '°', laquo: '«', raquo: '»',
};

/** Some exports (BNP Paribas) carry HTML entities such as `Cr&eacute;dit` in plain text. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name] ?? whole;
  });
}

/**
 * Labels as one line: quoted multi-line labels become single spaces. Split rather than a blanks-newline-blanks
 * regex, which backtracks quadratically on a long run of blanks without a newline.
 */
export function cleanLabel(text: string): string {
  const decoded = decodeHtmlEntities(text);
  if (!decoded.includes('\n')) return decoded.trim();
  return decoded.split('\n').map((part) => part.trim()).filter((part) => part !== '').join(' ');
}

/**
 * A header name reduced for comparison: lower case, accents and punctuation removed. A U+FFFD
 * (a byte that was not valid in the file's encoding, usually an accented letter) is kept as '?'.
 */
export function canonicalHeader(text: string): string {
  return decodeHtmlEntities(text)
    .replace(/\uFFFD/g, '?')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9?]/g, '');
}

/** No header name is longer; a longer cell is not a header, whatever it holds. */
const MAX_HEADER_LENGTH = 64;

/**
 * Whether a canonical header equals a synonym, a '?' standing for one lost letter (or none). Walked as the set of
 * synonym positions reachable so far, in time header x synonym: as a regex of optional letters, a header of many
 * '?' backtracks exponentially.
 */
export function headerMatches(canonical: string, synonym: string): boolean {
  if (!canonical.includes('?')) return canonical === synonym;
  if (canonical.length > MAX_HEADER_LENGTH) return false;
  let reachable = new Set([0]);
  for (const ch of canonical.replace(/[^a-z0-9?]/g, '')) {
    const next = new Set<number>();
    for (const j of reachable) {
      if (ch === '?') {
        next.add(j);
        if (j < synonym.length && /[a-z]/.test(synonym[j]!)) next.add(j + 1);
      } else if (synonym[j] === ch) next.add(j + 1);
    }
    if (next.size === 0) return false;
    reachable = next;
  }
  return reachable.has(synonym.length);
}
