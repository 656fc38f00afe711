import { createHash } from 'node:crypto';

/** A candidate key: 32 lowercase hex digits (the first 128 bits of a SHA-256). */
export const CANDIDATE_KEY = /^[0-9a-f]{32}$/;

/**
 * Stable keys for a source's candidates, in reading order: SHA-256 of the source id, the kind and
 * the quote with its white space collapsed, and — for a (kind, quote) the text states more than
 * once — which occurrence it is. Offsets are left out on purpose: an extractor that finds one more
 * or one fewer candidate elsewhere in the text keeps every other key; only a candidate whose kind
 * or quote changes gets a new one.
 */
export function candidateKeys(
  sourceId: string,
  candidates: Array<{ kind: string; quote: string }>,
): string[] {
  const seen = new Map<string, number>();
  return candidates.map(({ kind, quote }) => {
    const base = `${sourceId}\u0000${kind}\u0000${quote.replace(/\s+/g, ' ').trim()}`;
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    return createHash('sha256').update(`${base}\u0000${occurrence}`).digest('hex').slice(0, 32);
  });
}
