import type { PhraseRule } from './builtin-rules.js';

interface IndexedPhrase {
  rule: PhraseRule;
  tokens: string[];
  /** Last token matches as a prefix. */
  prefix: boolean;
}

export interface PhraseMatch {
  rule: PhraseRule;
  /** Number of label tokens covered. */
  length: number;
}

const KIND_RANK: Record<PhraseRule['kind'], number> = { strong: 3, merchant: 2, keyword: 1 };

/** Finds every phrase that occurs as whole tokens in a token list, best first. */
export class PhraseMatcher {
  private readonly byFirstToken = new Map<string, IndexedPhrase[]>();
  private readonly prefixFirst: IndexedPhrase[] = [];

  constructor(rules: readonly PhraseRule[]) {
    for (const rule of rules) {
      const prefix = rule.phrase.endsWith('*');
      const tokens = rule.phrase.replace(/\*$/, '').split(' ').filter((t) => t !== '');
      if (tokens.length === 0) continue;
      const entry = { rule, tokens, prefix };
      if (prefix && tokens.length === 1) {
        this.prefixFirst.push(entry);
        continue;
      }
      const list = this.byFirstToken.get(tokens[0]!) ?? [];
      list.push(entry);
      this.byFirstToken.set(tokens[0]!, list);
    }
  }

  matchAll(tokens: readonly string[]): PhraseMatch[] {
    const found: PhraseMatch[] = [];
    tokens.forEach((token, start) => {
      for (const entry of this.byFirstToken.get(token) ?? []) {
        if (matchesAt(entry, tokens, start)) found.push({ rule: entry.rule, length: entry.tokens.length });
      }
      for (const entry of this.prefixFirst) {
        if (token.startsWith(entry.tokens[0]!)) found.push({ rule: entry.rule, length: 1 });
      }
    });
    return found.sort(
      (a, b) => KIND_RANK[b.rule.kind] - KIND_RANK[a.rule.kind] || b.length - a.length || b.rule.phrase.length - a.rule.phrase.length,
    );
  }
}

function matchesAt(entry: IndexedPhrase, tokens: readonly string[], start: number): boolean {
  const last = entry.tokens.length - 1;
  for (let i = 0; i <= last; i++) {
    const actual = tokens[start + i];
    if (actual === undefined) return false;
    const expected = entry.tokens[i]!;
    if (i === last && entry.prefix ? !actual.startsWith(expected) : actual !== expected) return false;
  }
  return true;
}
