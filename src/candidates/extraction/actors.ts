import { foldName } from './fold';
import { Language, LEXICONS } from './lexicon';
import { Span } from './segment';

export interface Mention extends Span {
  name: string;
  /** A country, an organisation from the lexicon, or a name of two or more capitalised words. */
  known: boolean;
}

/** Country names in French and English, from ICU (Intl.DisplayNames): no list to keep by hand. */
function countryNames(): string[] {
  const names = new Set<string>();
  const displays = ['fr', 'en'].map((l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }));
  for (let i = 0; i < 26; i++)
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(65 + i, 65 + j);
      for (const d of displays) {
        const name = d.of(code);
        if (name && name !== code) names.add(name);
      }
    }
  for (const extra of [
    'États-Unis',
    'United States',
    'U.S.',
    'US',
    'USA',
    'UK',
    'Britain',
    'Kyiv',
    'Kiev',
    'Washington',
    'Moscou',
    'Moscow',
  ])
    names.add(extra);
  return [...names];
}

interface Gazetteer {
  /** Folded name, hyphens as spaces → whether the text must write it capitalised (countries, proper names). */
  names: Map<string, boolean>;
  /** The first word of every name: most words start none, and are passed over at once. */
  firstWords: Set<string>;
  longest: number;
}

const gazetteers = new Map<Language, Gazetteer>();
function gazetteer(language: Language): Gazetteer {
  let g = gazetteers.get(language);
  if (!g) {
    const names = new Map<string, boolean>();
    for (const n of [...countryNames(), ...LEXICONS[language].file.organisations])
      names.set(foldName(n).replace(/-/g, ' '), /^\p{Lu}/u.test(n));
    const keys = [...names.keys()];
    g = {
      names,
      firstWords: new Set(keys.map((k) => k.split(' ')[0])),
      longest: Math.max(...keys.map((k) => k.split(' ').length)),
    };
    gazetteers.set(language, g);
  }
  return g;
}

const STOP = new Set(
  'le la les l un une des du de il ils elle elles on ce cette ces ceux à a au aux en dans pour par selon depuis lors après avant mais et the a an in on at for to by of it its this that these those he she they we but and since after before as with from according while mr mrs ms m mme dr jeudi vendredi lundi mardi mercredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday janvier février mars avril mai juin juillet août septembre octobre novembre décembre january february march april june july august september october november december'.split(
    ' ',
  ),
);
// Hyphens split words, so "OTAN-Ukraine" names both; "États-Unis" is looked up as "etats unis".
const WORD = /[\p{L}\p{N}][\p{L}\p{N}.’']*/gu;
const CAPITALISED =
  /(?<![\p{L}\p{N}])\p{Lu}[\p{L}’'.-]*(?:\s(?:(?:de|du|der|van|von|la)\s)?\p{Lu}[\p{L}’'.-]*)*/gu;

/**
 * Names in a text: countries and the lexicon's organisations (looked up word by word, folded),
 * and runs of capitalised words (people, institutions), which the caller matches to stored actors.
 */
export function mentions(text: string, folded: string, language: Language): Mention[] {
  const g = gazetteer(language);
  const out: Mention[] = [];
  const words = [...folded.matchAll(WORD)].map((m) => {
    const bare = m[0].replace(/[.’'-]+$/u, '');
    const elided = /^(?:l|d|qu)'/u.exec(bare)?.[0].length ?? 0; // "l'ukraine", "d'allemagne"
    return { start: m.index + elided, end: m.index + bare.length, key: bare.slice(elided) };
  });
  for (let i = 0; i < words.length; i++) {
    if (!g.firstWords.has(words[i].key)) continue;
    let key = '';
    let found = -1;
    for (let n = 0; n < g.longest && i + n < words.length; n++) {
      if (n > 0 && !/^[\s-]+$/u.test(folded.slice(words[i + n - 1].end, words[i + n].start))) break;
      key = n === 0 ? words[i].key : `${key} ${words[i + n].key}`;
      const capital = g.names.get(key);
      if (capital !== undefined && (!capital || /^\p{Lu}/u.test(text[words[i].start]))) found = n;
    }
    if (found < 0) continue;
    const { start } = words[i];
    const end = words[i + found].end;
    out.push({ start, end, name: text.slice(start, end), known: true });
    i += found;
  }
  // The gazetteer's names are in reading order and do not overlap, nor do the capitalised runs:
  // one pointer tells whether a run overlaps a name already found (linear, not names × runs).
  const listed = out.slice();
  let next = 0;
  const covered = (s: number, e: number) => {
    while (next < listed.length && listed[next].end <= s) next++;
    return next < listed.length && listed[next].start < e;
  };
  for (const m of text.matchAll(CAPITALISED)) {
    let rest = m[0].replace(/[.’'-]+$/u, '');
    let offset = 0;
    for (let first = /^\S+\s*/u.exec(rest); first; first = /^\S+\s*/u.exec(rest)) {
      if (!STOP.has(foldName(first[0]).replace(/[.’']$/u, ''))) break;
      offset += first[0].length;
      rest = rest.slice(first[0].length);
    }
    const parts = rest.split(/\s+/).filter(Boolean);
    const start = m.index + offset;
    const end = start + rest.length;
    if (!parts.length || covered(start, end) || rest.length < 2) continue;
    out.push({ start, end, name: parts.join(' '), known: parts.length >= 2 || /^\p{Lu}{2,6}$/u.test(rest) });
  }
  const not = notActors(language);
  return out.filter((m) => isParty(text, m, not)).sort((a, b) => a.start - b.start);
}

const notActorSets = new Map<Language, Set<string>>();
function notActors(language: Language): Set<string> {
  let set = notActorSets.get(language);
  if (!set) notActorSets.set(language, (set = new Set(LEXICONS[language].file.notActors.map(foldName))));
  return set;
}

/**
 * A named party, not a currency ("US$", "A$"), a model or a vehicle written with its number
 * ("AMX-10 RC", "F-16"), or a name the lexicon lists as a medium, weapon or product ("LCI", "VAB").
 */
function isParty(text: string, m: Mention, not: Set<string>): boolean {
  if (not.has(foldName(m.name))) return false;
  if (/^[$€£¥]/u.test(text.slice(m.end, m.end + 1))) return false;
  const code = /^\p{Lu}[\p{Lu}\d-]{0,5}$/u.test(m.name);
  return !(
    code &&
    (/^[- ]?\d/u.test(text.slice(m.end, m.end + 2)) ||
      /\d[- ]?$/u.test(text.slice(Math.max(0, m.start - 2), m.start)))
  );
}
