/**
 * Where passages sit in a source's text, as pure functions (unit-tested in
 * test/unit/workbench-passages.spec.ts): finding a quote from its selectors, and cutting the text
 * into runs so overlapping highlights never nest.
 */

export interface Range {
  start: number;
  end: number;
}

interface Selectors {
  position?: Range | null;
  exact?: string | null;
}

/**
 * The passage's place in `text`: the position selector when the text there is the quote, else the
 * first occurrence of the quote, else null (the text was edited beyond recognition).
 */
export function locate(text: string, quote: string, selectors: Selectors = {}): Range | null {
  const exact = selectors.exact ?? quote;
  const at = selectors.position;
  if (at && at.start >= 0 && at.end <= text.length && at.start < at.end) {
    const there = text.slice(at.start, at.end);
    if (there === exact || there === quote) return { start: at.start, end: at.end };
  }
  for (const needle of [exact, quote]) {
    const found = needle ? text.indexOf(needle) : -1;
    if (found >= 0) return { start: found, end: found + needle.length };
  }
  return null;
}

export interface Run {
  start: number;
  end: number;
  text: string;
  /** Indexes (into the ranges given) of every range covering this run, in the order given. */
  covering: number[];
}

/** The text as consecutive runs; a new run starts wherever a range starts or ends. */
export function runs(text: string, ranges: (Range | null)[]): Run[] {
  const cuts = new Set<number>([0, text.length]);
  for (const r of ranges) {
    if (!r) continue;
    cuts.add(Math.max(0, Math.min(text.length, r.start)));
    cuts.add(Math.max(0, Math.min(text.length, r.end)));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const result: Run[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const [start, end] = [sorted[i], sorted[i + 1]];
    const covering = ranges.flatMap((r, index) => (r && r.start <= start && r.end >= end ? [index] : []));
    result.push({ start, end, text: text.slice(start, end), covering });
  }
  return result;
}

export interface Excerpt {
  before: string;
  passage: string;
  after: string;
}

/** The passage with up to `context` characters either side, cut at a word boundary, with … marks. */
export function excerpt(text: string, range: Range, context = 240): Excerpt {
  let from = Math.max(0, range.start - context);
  let to = Math.min(text.length, range.end + context);
  const space = /\s/;
  if (from > 0 && !space.test(text[from - 1])) {
    const next = text.slice(from, range.start).search(space);
    if (next >= 0) from += next + 1;
  }
  if (to < text.length && !space.test(text[to])) {
    const last = text.slice(range.end, to).search(/\s\S*$/);
    if (last >= 0) to = range.end + last;
  }
  return {
    before: (from > 0 ? '…' : '') + text.slice(from, range.start),
    passage: text.slice(range.start, range.end),
    after: text.slice(range.end, to) + (to < text.length ? '…' : ''),
  };
}
