/** Pages of a text are separated by form feeds (a PDF's extracted text, or any text pasted with them). */
export const PAGE_BREAK = '\f';

/**
 * The 1-based page of the code point at `start` (selectors count code points), or undefined for
 * a text without page breaks.
 */
export function pageAt(text: string, start: number): number | undefined {
  if (!text.includes(PAGE_BREAK)) return undefined;
  let page = 1;
  let at = 0;
  for (const char of text) {
    if (at++ >= start) break;
    if (char === PAGE_BREAK) page++;
  }
  return page;
}
