const CANDIDATE_DELIMITERS = [';', ',', '\t', '|'] as const;

/** Splits one physical line on a delimiter, honouring double quotes; good enough for sniffing. */
export function splitLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === delimiter && !quoted) {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  fields.push(current);
  return fields;
}

/** The delimiter that splits most sample lines into the same number (2 or more) of fields. */
export function detectDelimiter(lines: readonly string[]): string {
  const sample = lines.filter((l) => l.trim() !== '').slice(0, 50);
  let best: { delimiter: string; score: number } = { delimiter: ';', score: 0 };
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const counts = new Map<number, number>();
    for (const line of sample) {
      const n = splitLine(line, delimiter).length;
      if (n >= 2) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    for (const [fields, lineCount] of counts) {
      const score = lineCount * fields;
      if (score > best.score) best = { delimiter, score };
    }
  }
  return best.delimiter;
}

/** Most frequent field count among the lines: the width of the data rows. */
export function modalWidth(lines: readonly string[], delimiter: string): number {
  const counts = new Map<number, number>();
  for (const line of lines) {
    if (line.trim() === '') continue;
    const n = splitLine(line, delimiter).length;
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}
