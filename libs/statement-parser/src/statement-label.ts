/**
 * Joins payee and memo into the label a bank shows: whitespace collapsed, empty parts dropped, and a
 * part already contained in another one dropped (banks often repeat the payee inside the memo).
 */
export function joinLabel(...parts: Array<string | null | undefined>): string {
  const cleaned = parts.map((p) => (p ?? '').replace(/\s+/g, ' ').trim()).filter((p) => p !== '');
  const kept = cleaned.filter((p, i) =>
    !cleaned.some((q, j) => j !== i && q.toLowerCase().includes(p.toLowerCase()) && (q.length > p.length || j < i)),
  );
  return kept.join(' - ');
}
