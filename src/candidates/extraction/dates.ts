import type { Chrono } from 'chrono-node';
import { Language, Lexicon, phrasePattern } from './lexicon';

export type DuePrecision = 'day' | 'month' | 'year';
export interface Due {
  dueAt: string;
  duePrecision: DuePrecision;
  /** The words it was read from, as offsets into the clause. */
  start: number;
  end: number;
}

/* eslint-disable @typescript-eslint/no-require-imports -- the two locales alone: the package's main
   entry loads all of chrono-node's languages (~0.5 s at start, on every worker thread). TypeScript's
   "node" resolution cannot see the package's "./*" export, so these are plain requires, made on the
   first date read (a process that reads none, like most test files, never loads chrono-node). */
const PARSERS: Record<Language, () => Chrono> = {
  fr: () => (require('chrono-node/fr') as { casual: Chrono }).casual,
  en: () => (require('chrono-node/en') as { casual: Chrono }).casual,
};
/* eslint-enable @typescript-eslint/no-require-imports */
const iso = (d: Date) => d.toISOString().slice(0, 10);
const endOfYear = (y: number) => `${y}-12-31`;
const endOfMonth = (y: number, m: number) => iso(new Date(Date.UTC(y, m, 0)));

// chrono-node takes about a millisecond a clause; most clauses name no date, and this says so first.
const DATE_WORDS =
  /\d|demain|apres-demain|tomorrow|semaine|week|mois|month|prochain|next|jan|fe[bv]|mar|avr|apr|mai|may|juin|june|juil|jul|aou|aug|sep|oct|nov|dec|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday/u;

const LATEST = /au plus tard|no later than|at the latest/u;
const CHRONO_WINDOW = 1000;
const CHRONO_OVERLAP = 100;

const yearRules = new Map<Language, { byYear: RegExp; thisYear: RegExp; nextYear: RegExp }>();
function rules(lex: Lexicon) {
  let r = yearRules.get(lex.language);
  if (!r) {
    const alt = (l: string[]) =>
      [...l]
        .sort((a, b) => b.length - a.length)
        .map((p) => phrasePattern(p))
        .join('|');
    const d = lex.file.deadline;
    r = {
      // "d’ici 2035", "by the end of 2024", "fin 2024", "à l’horizon 2030", "in 2025"
      byYear: new RegExp(
        `(?:${alt(d.byYear)}) *(?:l'an |l'annee |the year )?((?:19|20)\\d\\d)(?![\\p{N}-])`,
        'gu',
      ),
      thisYear: new RegExp(alt(d.thisYear), 'gu'),
      nextYear: new RegExp(alt(d.nextYear), 'gu'),
    };
    yearRules.set(lex.language, r);
  }
  return r;
}

/**
 * The deadline a clause sets, resolved against the source's publication date: years and "this
 * year / next year" by the lexicon's patterns, days and months ("demain", "next week", "fin juin")
 * by chrono-node's French and English parsers. Only dates after publication are deadlines.
 */
export function findDue(clause: string, folded: string, lex: Lexicon, publishedAt: Date): Due | null {
  const published = iso(publishedAt);
  const year = publishedAt.getUTCFullYear();
  const r = rules(lex);
  // "pas en 2025, mais entre 2025 et 2027 – au plus tard en 2027": an explicit latest date wins.
  const years = [...folded.matchAll(r.byYear)].filter(
    (m) => Number(m[1]) >= year && Number(m[1]) < year + 60,
  );
  const m =
    years.find((y) => LATEST.test(folded.slice(Math.max(0, y.index - 20), y.index + y[0].length))) ??
    years[0];
  if (m)
    return {
      dueAt: endOfYear(Number(m[1])),
      duePrecision: 'year',
      start: m.index,
      end: m.index + m[0].length,
    };
  for (const m of folded.matchAll(r.thisYear))
    return { dueAt: endOfYear(year), duePrecision: 'year', start: m.index, end: m.index + m[0].length };
  for (const m of folded.matchAll(r.nextYear))
    return { dueAt: endOfYear(year + 1), duePrecision: 'year', start: m.index, end: m.index + m[0].length };
  if (!DATE_WORDS.test(folded)) return null;
  for (const { result, start, end } of chronoResults(PARSERS[lex.language](), clause, folded, publishedAt)) {
    const s = result.start;
    // A weekday alone ("Ce vendredi") says when a meeting is, not a deadline; a bare year is above.
    if (!s.isCertain('month') && !s.isCertain('day')) continue;
    const date = s.date();
    const precision: DuePrecision = s.isCertain('day') ? 'day' : 'month';
    const dueAt = precision === 'day' ? iso(date) : endOfMonth(date.getUTCFullYear(), date.getUTCMonth() + 1);
    if (dueAt <= published) continue;
    return { dueAt, duePrecision: precision, start, end };
  }
  return null;
}

/**
 * chrono-node's results in reading order, with offsets into `clause`, in linear time: its patterns
 * are not linear in a long run of white space or text (a 160 kB run of spaces took 28 s in its
 * French time-of-day pattern), so it reads the clause with each run of white space made one space,
 * in windows of CHRONO_WINDOW characters that overlap by CHRONO_OVERLAP (a date cut by one
 * window's end is whole in the next), and only the windows that hold a date word.
 */
function* chronoResults(parser: Chrono, clause: string, folded: string, publishedAt: Date) {
  const at: number[] = [];
  let text = '';
  for (const m of clause.matchAll(/\s+|\S+/gu)) {
    const space = /^\s/u.test(m[0]);
    for (let i = 0; i < (space ? 1 : m[0].length); i++) at.push(m.index + i);
    text += space ? ' ' : m[0];
  }
  at.push(clause.length);
  for (let from = 0; from < text.length; from += CHRONO_WINDOW) {
    const start = Math.max(0, from - CHRONO_OVERLAP);
    const end = Math.min(text.length, from + CHRONO_WINDOW);
    if (!DATE_WORDS.test(folded.slice(at[start], at[end]))) continue;
    for (const result of parser.parse(text.slice(start, end), publishedAt, { forwardDate: true })) {
      const first = start + result.index;
      yield { result, start: at[first], end: at[first + result.text.length - 1] + 1 };
    }
  }
}
