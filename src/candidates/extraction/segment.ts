import { Language } from './lexicon';

export interface Span {
  start: number;
  end: number;
}

/**
 * The spans of `xs` (sorted by start) that lie inside `s`, found by binary search: a sentence or
 * clause picks its own cues, amounts and names in time that does not grow with the whole text.
 */
export function within<T extends Span>(xs: T[], s: Span): T[] {
  const out: T[] = [];
  for (let i = firstFrom(xs, s.start); i < xs.length && xs[i].start < s.end; i++)
    if (xs[i].end <= s.end) out.push(xs[i]);
  return out;
}

/** The index of the first of `xs` (sorted by start) that starts at `start` or later. */
export function firstFrom(xs: Span[], start: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const segmenters: Record<Language, Intl.Segmenter> = {
  fr: new Intl.Segmenter('fr', { granularity: 'sentence' }),
  en: new Intl.Segmenter('en', { granularity: 'sentence' }),
};

// ICU breaks after these although a name follows ("M. Stoltenberg", "U.S. President").
const ABBREVIATION = /(?:^|[\s(])(?:M|MM|Mme|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|No|n°|art|U\.S|U\.K|E\.U|[A-Z])\.$/u;
const TERMINAL = /[.!?…»"”):;]$/u;
const LINE_WINDOW = 4000;

/**
 * Sentences of a text as spans of it, white space trimmed, by ICU's sentence rules
 * (Intl.Segmenter). Headings and bylines — a line with no closing punctuation, alone on its line
 * — are left out: they repeat the body and state nothing a researcher cites.
 */
export function sentences(text: string, language: Language): Span[] {
  const raw: Span[] = [];
  for (const seg of icuSentences(text, segmenters[language])) {
    let { start, end } = seg;
    while (start < end && /\s/u.test(text[start])) start++;
    while (end > start && /\s/u.test(text[end - 1])) end--;
    if (end > start) raw.push({ start, end });
  }
  const merged: Span[] = [];
  for (const s of raw) {
    const prev = merged[merged.length - 1];
    const gap = prev ? text.slice(prev.end, s.start) : '';
    if (
      prev &&
      !gap.includes('\n') &&
      ABBREVIATION.test(text.slice(Math.max(prev.start, prev.end - 8), prev.end))
    )
      prev.end = s.end;
    else merged.push({ ...s });
  }
  return merged.filter((s) => !isHeading(text, s));
}

/**
 * ICU's sentence segments of `text`, in time linear in it. V8's Intl.Segmenter takes time that
 * grows with the square of the string it walks (400 kB of prose: 40 s), so it is given one line
 * at a time — a line break ends a sentence in ICU's rules anyway (UAX #29, SB4), so the segments
 * are the same — and a line longer than LINE_WINDOW in windows, each window's last segment (which
 * the window's end may cut) read again at the start of the next. A sentence longer than a window
 * is cut at the window's end.
 */
function* icuSentences(text: string, segmenter: Intl.Segmenter): Generator<Span> {
  for (let line = 0; line < text.length;) {
    const newline = text.indexOf('\n', line);
    const lineEnd = newline < 0 ? text.length : newline + 1;
    for (let from = line; from < lineEnd;) {
      const to = Math.min(lineEnd, from + LINE_WINDOW);
      const segments = Array.from(segmenter.segment(text.slice(from, to)), (s) => ({
        start: from + s.index,
        end: from + s.index + s.segment.length,
      }));
      const last = segments[segments.length - 1];
      if (to < lineEnd && segments.length > 1) {
        yield* segments.slice(0, -1);
        from = last.start;
      } else {
        yield* segments;
        from = to;
      }
    }
    line = lineEnd;
  }
}

function isHeading(text: string, s: Span): boolean {
  const body = text.slice(s.start, s.end);
  if (body.length < 15) return true;
  const ownLine =
    (s.end === text.length || text[s.end] === '\n') && (s.start === 0 || text[s.start - 1] === '\n');
  return ownLine && !TERMINAL.test(body) && body.length < 300;
}

// A relative clause or an example continues the clause before it.
const RELATIVE =
  /^ *(?:et |and )?(?:qui|que|qu'|dont|lequel|laquelle|notamment|en particulier|which|who|that|whose|including|notably|especially) /u;
// "…, qui doit permettre …": a verb in a relative clause starts no clause of its own.
const AFTER_RELATIVE = /(?:^|[ ,])(?:qui|which|who|that) *$/u;
const SEPARATOR = /[;:]|,(?= )| (?:et|and|mais|but|while|whereas|tandis que|alors que|puis|then) /gu;

/**
 * Splits a sentence where a new clause starts: before each of `anchors` (cue offsets) that is
 * separated from the previous one by a clause boundary (a comma, semicolon, "et", "and" …).
 * "Ils ont entériné la feuille de route … et s’apprêtent à entériner …" gives two clauses.
 */
export function clauses(folded: string, sentence: Span, anchors: number[], minLength = 15): Span[] {
  const cuts: number[] = [];
  let previous = -1;
  for (const anchor of anchors) {
    if (AFTER_RELATIVE.test(folded.slice(Math.max(sentence.start, anchor - 8), anchor))) continue;
    if (previous < 0) {
      previous = anchor;
      continue;
    }
    const between = folded.slice(previous, anchor);
    let cut = -1;
    for (const m of between.matchAll(SEPARATOR))
      if (!RELATIVE.test(folded.slice(previous + m.index + m[0].length))) cut = previous + m.index;
    if (cut > 0) cuts.push(cut);
    previous = anchor;
  }
  const spans: Span[] = [];
  let start = sentence.start;
  for (const cut of [...cuts, sentence.end]) {
    spans.push(tidy(folded, { start, end: cut }));
    start = cut;
  }
  return spans.filter((s) => s.end - s.start >= minLength);
}

/** Without the conjunction or punctuation a clause starts or ends with. */
export function tidy(folded: string, s: Span): Span {
  let { start, end } = s;
  const lead = /^[\s,;:]*(?:(?:et|and|mais|but|while|whereas|tandis que|alors que|puis|then)\s+)?/u.exec(
    folded.slice(start, end),
  );
  if (lead) start += lead[0].length;
  while (end > start && /[\s,;:.]/u.test(folded[end - 1])) end--;
  return { start, end };
}
