import en from '../lexicons/en.json';
import fr from '../lexicons/fr.json';

export type Language = 'fr' | 'en';
export type StatusHint = 'proposed' | 'agreed' | 'in_progress' | 'fulfilled';
export type CueClass = StatusHint | 'claim' | 'speech';
export type Qualifier = 'at_least' | 'up_to' | 'approximately';
export type Recurrence = 'annual' | 'quarterly' | 'monthly';

/** The shape of src/candidates/lexicons/<language>.json (see CONTRIBUTING.md). */
export interface LexiconFile {
  language: string;
  about: string;
  status: Record<StatusHint, string[]>;
  claim: string[];
  speech: string[];
  qualifiers: Record<Qualifier, string[]>;
  recurrence: Record<Recurrence, string[]>;
  deadline: { byYear: string[]; thisYear: string[]; nextYear: string[] };
  ranges: string[];
  gdp: string[];
  money: { scales: Record<string, number>; currencies: Record<string, string> };
  beneficiaryMarkers: string[];
  organisations: string[];
  /** Capitalised names that are no party: media quoted as sources, weapons, vehicles, products. */
  notActors: string[];
}

/** A set of phrases compiled into one regular expression that says which phrase matched. */
export interface PhraseSet<T> {
  regex: RegExp;
  /** tags[i] belongs to capture group i + 1. */
  tags: T[];
}

/**
 * A letter or digit of folded text (lower case, accents stripped). Plain ranges, not \p{L}:
 * V8 compiles each \p{L} into a large table, and hundreds of them made the first match of a
 * lexicon cost over half a second.
 */
export const WORD_CHAR = '[a-z0-9\\u00df-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff]';
const WORD_START = `(?<!${WORD_CHAR})`;
const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** One lexicon entry as a pattern over folded text: `*` is any word ending, spaces any run of spaces. */
export function phrasePattern(entry: string, open = true): string {
  const folded = entry.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’‘]/g, "'").trim();
  const body = folded
    .split('*')
    .map((part) => escape(part).replace(/ +/g, ' +'))
    .join(`${WORD_CHAR}*`);
  const start = open && /^[\p{L}\p{N}]/u.test(folded) ? WORD_START : '';
  const close = /[\p{L}\p{N}*]$/u.test(folded) ? `(?!${WORD_CHAR})` : '';
  return start + body + close;
}

/** Longest phrases first, so "a approuvé" wins over "approuvé" at the same place. */
export function compilePhrases<T>(entries: Array<{ phrase: string; tag: T }>): PhraseSet<T> {
  const sorted = [...entries].sort((a, b) => b.phrase.length - a.phrase.length);
  // One word-start check for the whole alternation: V8 then tries the phrases only where a word begins.
  const regex = new RegExp(
    `${WORD_START}(?:${sorted.map((e) => `(${phrasePattern(e.phrase, false)})`).join('|')})`,
    'gu',
  );
  return { regex, tags: sorted.map((e) => e.tag) };
}

export interface PhraseMatch<T> {
  start: number;
  end: number;
  tag: T;
}

export function matchAll<T>(
  set: PhraseSet<T>,
  folded: string,
  from = 0,
  to = folded.length,
): PhraseMatch<T>[] {
  const out: PhraseMatch<T>[] = [];
  const regex = set.regex; // compiled once; exec from `from` (single-threaded, so sharing lastIndex is safe)
  regex.lastIndex = from;
  // Up to `to` and the one character after it (a phrase must end at a word's end): unbounded, each
  // search would run on to the next match, or the end of the text, for every clause.
  const bounded = to < folded.length ? folded.slice(0, to + 1) : folded;
  for (let m = regex.exec(bounded); m && m.index < to; m = regex.exec(bounded)) {
    if (m[0] === '') {
      regex.lastIndex++;
      continue;
    }
    const group = m.findIndex((g, i) => i > 0 && g !== undefined);
    if (m.index + m[0].length <= to)
      out.push({ start: m.index, end: m.index + m[0].length, tag: set.tags[group - 1] });
  }
  return out;
}

export interface Lexicon {
  language: Language;
  file: LexiconFile;
  cues: PhraseSet<{ cls: CueClass; phrase: string }>;
  qualifiers: PhraseSet<Qualifier>;
  recurrence: PhraseSet<Recurrence>;
  gdp: RegExp;
  beneficiaryBefore: RegExp;
}

function build(language: Language, file: LexiconFile): Lexicon {
  const cueEntries: Array<{ phrase: string; tag: { cls: CueClass; phrase: string } }> = [];
  for (const [cls, phrases] of Object.entries(file.status) as Array<[StatusHint, string[]]>)
    for (const phrase of phrases) cueEntries.push({ phrase, tag: { cls, phrase } });
  for (const phrase of file.claim) cueEntries.push({ phrase, tag: { cls: 'claim', phrase } });
  for (const phrase of file.speech) cueEntries.push({ phrase, tag: { cls: 'speech', phrase } });
  const tagged = <T extends string>(groups: Record<T, string[]>) =>
    (Object.entries(groups) as Array<[T, string[]]>).flatMap(([tag, list]) =>
      list.map((phrase) => ({ phrase, tag })),
    );
  return {
    language,
    file,
    cues: compilePhrases(cueEntries),
    qualifiers: compilePhrases(tagged(file.qualifiers)),
    recurrence: compilePhrases(tagged(file.recurrence)),
    gdp: new RegExp(`^ *(?:${file.gdp.map((p) => phrasePattern(p)).join('|')})`, 'u'),
    beneficiaryBefore: new RegExp(
      `(?:${file.beneficiaryMarkers.map((p) => phrasePattern(p)).join('|')}) *$`,
      'u',
    ),
  };
}

export const LEXICONS: Record<Language, Lexicon> = {
  fr: build('fr', fr),
  en: build('en', en),
};
