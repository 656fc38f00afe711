import type { QuoteLocation } from '../common/text/quote-match';

const CONTEXT = 32;

/**
 * W3C Web Annotation selectors for `text[start, end)` (UTF-16 offsets): positions in code
 * points and up to 32 code points of context either side, as citations store them.
 */
export function selectorsAt(text: string, start: number, end: number): QuoteLocation {
  const codePoints = (from: number, to: number) => {
    let n = 0;
    for (let i = from; i < to; i++) if (!isLowSurrogate(text.charCodeAt(i)) || i === from) n++;
    return n;
  };
  const startCp = codePoints(0, start);
  return {
    exact: text.slice(start, end),
    prefix: Array.from(text.slice(Math.max(0, start - 2 * CONTEXT), start))
      .slice(-CONTEXT)
      .join(''),
    suffix: Array.from(text.slice(end, end + 2 * CONTEXT))
      .slice(0, CONTEXT)
      .join(''),
    start: startCp,
    end: startCp + codePoints(start, end),
  };
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
