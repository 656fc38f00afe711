import type { QuoteLocation } from '../common/text/quote-match';

const CONTEXT = 32;

/**
 * W3C Web Annotation selectors for `text[start, end)` (UTF-16 offsets): positions in code
 * points and up to 32 code points of context either side, as citations store them. Made for a
 * text's candidates in reading order: code points are counted on from the previous call, so a
 * text's selectors cost time linear in the text, not in the text times its candidates.
 */
export function selectorsIn(text: string): (start: number, end: number) => QuoteLocation {
  let at = 0;
  let counted = 0;
  const codePointsTo = (to: number) => {
    if (to < at) [at, counted] = [0, 0];
    for (; at < to; at++) if (!isLowSurrogate(text.charCodeAt(at)) || at === 0) counted++;
    return counted;
  };
  return (start, end) => {
    const startCp = codePointsTo(start);
    let length = 0;
    for (let i = start; i < end; i++) if (!isLowSurrogate(text.charCodeAt(i)) || i === start) length++;
    return {
      exact: text.slice(start, end),
      prefix: Array.from(text.slice(Math.max(0, start - 2 * CONTEXT), start))
        .slice(-CONTEXT)
        .join(''),
      suffix: Array.from(text.slice(end, end + 2 * CONTEXT))
        .slice(0, CONTEXT)
        .join(''),
      start: startCp,
      end: startCp + length,
    };
  };
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
