import { LRUCache } from 'lru-cache';
import { FoldedText, foldText, locateInFolded, QuoteLocation } from './quote-match';

/** One source's text and the quotes to find in it. `hash` identifies the text (its SHA-256). */
export interface QuoteSearch {
  hash: string;
  text: string;
  quotes: string[];
}

/**
 * Folded texts by content hash, bounded by the folded characters they hold (a folded text costs
 * about 10 bytes a character with its index maps: 64 MB at the bound). Each thread has its own.
 */
export const FOLD_CACHE_CHARS = 6_000_000;
const folded = new LRUCache<string, FoldedText>({
  maxSize: FOLD_CACHE_CHARS,
  sizeCalculation: (f) => Math.max(1, f.text.length),
});

/** Folds each text once (or takes it from the cache) and locates its quotes; same order as given. */
export function locateQuotes(searches: QuoteSearch[]): (QuoteLocation | null)[][] {
  return searches.map(({ hash, text, quotes }) => {
    let hay = folded.get(hash);
    if (!hay) {
      hay = foldText(text);
      folded.set(hash, hay);
    }
    return quotes.map((quote) => locateInFolded(text, hay, quote));
  });
}
