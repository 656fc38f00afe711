import Decimal from 'decimal.js';
import type { Stemmer } from 'snowball-stemmers';
import { foldKeepLength, foldName } from '../../candidates/extraction/fold';
import { LEXICONS } from '../../candidates/extraction/lexicon';
import { mentions } from '../../candidates/extraction/actors';
import { findAmounts } from '../../candidates/extraction/money';
import file from './concepts.json';

type Lang = 'fr' | 'en';
// Made on the first stem: snowball-stemmers is a megabyte of code that most processes never run.
let STEMMERS: Record<Lang, Stemmer> | undefined;
function stemmers(): Record<Lang, Stemmer> {
  if (!STEMMERS) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { newStemmer } = require('snowball-stemmers') as typeof import('snowball-stemmers');
    STEMMERS = { fr: newStemmer('french'), en: newStemmer('english') };
  }
  return STEMMERS;
}
const fold = (w: string) =>
  /^[a-z0-9]*$/.test(w) ? w : w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
// Stemming is the costly step (~0.1 ms a word) and a domain's words repeat: remember them.
const STEM_CACHE_LIMIT = 100_000;
const stems: Record<Lang, Map<string, string>> = { fr: new Map(), en: new Map() };
/** The Snowball stem of a folded word, as PostgreSQL's english and french configurations stem it. */
export function stemOf(lang: Lang, folded: string): string {
  let s = stems[lang].get(folded);
  if (s === undefined) {
    if (stems[lang].size >= STEM_CACHE_LIMIT) stems[lang].clear();
    s = stemmers()[lang].stem(folded);
    stems[lang].set(folded, s);
  }
  return s;
}
const stem = (lang: Lang, w: string) => stemOf(lang, fold(w));

interface Concepts {
  /** "<lang>:<stem>" → concept key. */
  byStem: Map<string, string>;
  /** concept key → its words in each language, for full-text queries. */
  words: Map<string, Record<Lang, string[]>>;
  stop: Record<Lang, Set<string>>;
}

let CONCEPTS: Concepts | undefined;
/** Built on first use (it stems every word of the lexicon). */
const concepts = (): Concepts => (CONCEPTS ??= buildConcepts());
function buildConcepts(): Concepts {
  const byStem = new Map<string, string>();
  const words = new Map<string, Record<Lang, string[]>>();
  for (const [key, langs] of Object.entries(file.concepts)) {
    words.set(key, langs);
    for (const lang of ['fr', 'en'] as const)
      for (const w of langs[lang]) byStem.set(`${lang}:${stem(lang, w)}`, key);
  }
  const stop = { fr: new Set(file.stopwords.fr.map(fold)), en: new Set(file.stopwords.en.map(fold)) };
  return { byStem, words, stop };
}

/** What identifies a pledge in a text, whatever its language. */
export interface Traits {
  amounts: Array<{ value: string; currency: string }>;
  /** Folded actor names (and their concept keys: "otan" and "nato" meet). */
  names: Set<string>;
  /** Concept keys, or "<lang>:<stem>" for words the concept lexicon does not list. */
  words: Set<string>;
  /** The deadline window [from, to] as dates, when one is known. */
  window: { from: string; to: string } | null;
}

/** French when more of its words are French stop words than English ones. */
export function guessLanguage(text: string): Lang {
  let fr = 0;
  let en = 0;
  for (const w of fold(text).split(/[^\p{L}]+/u)) {
    if (concepts().stop.fr.has(w)) fr++;
    if (concepts().stop.en.has(w)) en++;
  }
  return fr > en ? 'fr' : 'en';
}

export interface ContentWord {
  /** A concept key ("aid"), or "<lang>:<stem>" for a word the concept lexicon does not list. */
  key: string;
  word: string;
  lang: Lang;
}

/** Content words of a text, in reading order. */
export function contentWords(text: string, language?: string): ContentWord[] {
  const lang: Lang = language?.toLowerCase().startsWith('fr')
    ? 'fr'
    : language?.toLowerCase().startsWith('en')
      ? 'en'
      : guessLanguage(text);
  const out: ContentWord[] = [];
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    const word = fold(raw);
    if (word.length < 2 || /^\d/.test(word) || concepts().stop[lang].has(word)) continue;
    const s = stemOf(lang, word);
    out.push({ key: concepts().byStem.get(`${lang}:${s}`) ?? `${lang}:${s}`, word, lang });
  }
  return out;
}

/** The words of a concept in both languages (the full-text stage asks Postgres for either). */
export function conceptWords(key: string): Record<Lang, string[]> | undefined {
  return concepts().words.get(key);
}

/** Amounts written in the text, read with both languages' money grammars. */
export function amountsIn(text: string): Traits['amounts'] {
  const folded = foldKeepLength(text);
  const seen = new Map<string, { value: string; currency: string }>();
  for (const lex of [LEXICONS.en, LEXICONS.fr])
    for (const a of findAmounts(folded, lex)) {
      if (!a.currency || a.percentOfGdp || a.conversion) continue;
      for (const value of [a.value, a.valueMax].filter((v): v is string => !!v))
        seen.set(`${value} ${a.currency}`, { value, currency: a.currency });
    }
  return [...seen.values()];
}

/** Names of countries, organisations and people mentioned, folded; concept keys added. */
export function namesIn(text: string, extra: string[] = [], language?: string): Set<string> {
  const folded = foldKeepLength(text);
  const names = new Set<string>();
  const lang: Lang = language?.toLowerCase().startsWith('fr')
    ? 'fr'
    : language?.toLowerCase().startsWith('en')
      ? 'en'
      : guessLanguage(text);
  for (const m of mentions(text, folded, lang)) if (m.known) names.add(foldName(m.name));
  for (const n of extra) names.add(foldName(n));
  // A name in either language meets its concept: "Pologne" and "Poland" are both "poland".
  for (const n of [...names])
    for (const lang of ['fr', 'en'] as const)
      for (const w of contentWords(n, lang)) if (!w.key.includes(':')) names.add(w.key);
  return names;
}

/** The window a deadline stands for: "2024-12-31" with precision year is the whole of 2024. */
export function dueWindow(
  dueAt: string | null | undefined,
  precision: string | null | undefined,
): Traits['window'] {
  if (!dueAt) return null;
  const [y, m] = dueAt.split('-');
  if (precision === 'year') return { from: `${y}-01-01`, to: dueAt };
  if (precision === 'month') return { from: `${y}-${m}-01`, to: dueAt };
  if (precision === 'quarter')
    return { from: `${y}-${String(Math.floor((Number(m) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`, to: dueAt };
  return { from: dueAt, to: dueAt };
}

export const sameMoney = (a: { value: string; currency: string }, b: { value: string; currency: string }) =>
  a.currency === b.currency && new Decimal(a.value).eq(b.value);
