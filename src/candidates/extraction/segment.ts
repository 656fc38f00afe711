import { Language } from './lexicon';

export interface Span {
  start: number;
  end: number;
}

const segmenters: Record<Language, Intl.Segmenter> = {
  fr: new Intl.Segmenter('fr', { granularity: 'sentence' }),
  en: new Intl.Segmenter('en', { granularity: 'sentence' }),
};

// ICU breaks after these although a name follows ("M. Stoltenberg", "U.S. President").
const ABBREVIATION = /(?:^|[\s(])(?:M|MM|Mme|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|No|n°|art|U\.S|U\.K|E\.U|[A-Z])\.$/u;
const TERMINAL = /[.!?…»"”):;]$/u;

/**
 * Sentences of a text as spans of it, white space trimmed, by ICU's sentence rules
 * (Intl.Segmenter). Headings and bylines — a line with no closing punctuation, alone on its line
 * — are left out: they repeat the body and state nothing a researcher cites.
 */
export function sentences(text: string, language: Language): Span[] {
  const raw: Span[] = [];
  for (const seg of segmenters[language].segment(text)) {
    let start = seg.index;
    let end = seg.index + seg.segment.length;
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
