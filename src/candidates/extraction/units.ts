import { Mention, mentions } from './actors';
import { Due, findDue } from './dates';
import { aboutCampaign, ClauseFacts, DRAFT_BUDGET, clauseFeatures, Features } from './features';
import { foldKeepLength } from './fold';
import { CueClass, Language, Lexicon, LEXICONS, matchAll, PhraseMatch } from './lexicon';
import { FoundAmount, findAmounts } from './money';
import { isMoney, localCurrency } from './money-context';
import { clauses, sentences, Span, tidy, within } from './segment';

export type Cue = PhraseMatch<{ cls: CueClass; phrase: string }>;
export const isDecisive = (c: Cue) => c.tag.cls !== 'speech';
// "Healey gave no breakdown", "ne sera pas atteint": a negated verb pledges nothing.
const NEGATED = /^ *(?:no|not|never|pas|aucun|aucune|jamais|plus) /u;
// A tweet or a link pasted into an article ends the passage a researcher cites.
const RESPECTIVELY = /respectivement|respectively/u;
const LIST_ITEM = /^\s*(?:[–—•*-]|\d{1,2}[.)-])\s/u;
const TRAILER = /pic\.twitter\.com|https?:\/\/|www\.|\(@\w|\s@\w+/u;

// "l'annonce", "le vote", "un acte": a noun after its article, not the verb the cue means.
const ARTICLE = /(?:^|[^a-z'])(?:l'|la|le|les|un|une|des|du|son|sa|ses|leur|leurs|cette|ces)\s*$/u;
const NOUN_CUES = /^(?:annonces?|votes?|actes?)$/u;
// "les montants annoncés", "le texte adopté par", "les fonds promis": a participle after its noun
// describes what was said before; after an auxiliary ("ont en outre entériné"), an adverb or a
// pronoun it is the verb.
const PARTICIPLE = /(?:é|ée|és|ées|promis|promises)$/u;
const VERB_BEFORE =
  /(?:^|[^a-z'])(?:a|ont|avait|avaient|aura|auront|ete|etait|etaient|est|sont|sera|seront|il|elle|on|ils|elles|qui|y|en|ne|pas|deja|aussi|bien|encore|enfin|alors|ensuite|donc|ainsi|hier|jamais|tout|meme|[a-z]+ment)(?: [a-z]+){0,2} *$/u;

function notAVerb(text: string, folded: string, c: Cue, language: Language): boolean {
  if (language !== 'fr') return false;
  const phrase = folded.slice(c.start, c.end);
  const before = folded.slice(Math.max(0, c.start - 30), c.start);
  if (NOUN_CUES.test(phrase) && ARTICLE.test(before)) return true;
  return (
    !phrase.includes(' ') &&
    PARTICIPLE.test(text.slice(c.start, c.end)) &&
    /[a-z] +$/u.test(before) &&
    !VERB_BEFORE.test(before)
  );
}

/** One clause the model decides on: where it is, what the rules found in it, and its features. */
export interface Unit extends Span {
  cues: Cue[];
  /** Money a public actor may pledge: no counts, percentages, money per person or small sums. */
  money: FoundAmount[];
  all: FoundAmount[];
  names: Mention[];
  due: Due | null;
  /** Which sentence of the text it is part of (the per-sentence cap counts by it). */
  sentence: number;
  x: Features;
}

export interface Read {
  folded: string;
  lex: Lexicon;
  units: Unit[];
}

/**
 * Every clause of a text that may state a claim or a pledge: sentences (headings left out),
 * cut where a new cue or a new amount starts after a clause boundary ("Germany pledged €500mn,
 * France €300mn"), and before a pasted link or tweet.
 */
export function readUnits(text: string, language: Language, publishedAt: Date): Read {
  const lex = LEXICONS[language];
  const folded = foldKeepLength(text);
  const allCues = matchAll(lex.cues, folded).filter(
    (c) => !NEGATED.test(folded.slice(c.end, c.end + 12)) && !notAVerb(text, folded, c, language),
  );
  const dollar = localCurrency(folded);
  const allAmounts = findAmounts(folded, lex).map(dollar);
  const allNames = mentions(text, folded, language);
  const units: Unit[] = [];
  const seen = new Set<string>(); // the amounts stated so far, to know a restatement
  const campaign = aboutCampaign(folded);
  const draftBudget = DRAFT_BUDGET.test(folded);
  sentences(text, language).forEach((sentence, index) => {
    const cues = within(allCues, sentence);
    const money = within(allAmounts, sentence).filter((a) => isMoney(folded, a, lex));
    // "… gave €4mn and €1mn, respectively" pairs actors and amounts across the sentence: no cut at amounts.
    const cutAt = RESPECTIVELY.test(folded.slice(sentence.start, sentence.end)) ? [] : money;
    const anchors = [...new Set([...cues.filter(isDecisive), ...cutAt].map((a) => a.start))].sort(
      (a, b) => a - b,
    );
    const parts = anchors.length > 1 ? clauses(folded, sentence, anchors, 8) : [tidy(folded, sentence)];
    for (const whole of parts) {
      const part = withoutTrailer(folded, whole);
      // A question ("Quel budget pour 2021-2027 ?") asks; it states no claim or pledge.
      const short =
        part.end - part.start < 15 && !money.some((a) => a.start >= part.start && a.end <= part.end);
      if (short || /\?\s*$/u.test(text.slice(part.end - 1, sentence.end))) continue;
      const spoken = within(money, part);
      const unit = {
        ...part,
        sentence: index,
        due: dueOf(text, folded, part, lex, publishedAt),
        cues: within(cues, part),
        money: spoken.filter(isPledgeSized),
        all: within(allAmounts, part),
        names: within(allNames, part),
      };
      const facts: ClauseFacts = {
        language,
        folded: folded.slice(part.start, part.end),
        cues: unit.cues.map((c) => c.tag.cls),
        money: spoken,
        percent:
          unit.all.length > spoken.length ||
          /%|pour ?cent|per ?cent/u.test(folded.slice(part.start, part.end)),
        gdp: unit.all.some((a) => a.percentOfGdp),
        due: !!unit.due,
        actors: unit.names.filter((n) => n.known).length,
        quoted: /[«“"]/u.test(text.slice(Math.max(0, part.start - 2), part.end)),
        whole: parts.length === 1,
        listItem: LIST_ITEM.test(text.slice(text.lastIndexOf('\n', part.start) + 1, part.start + 4)),
        year: publishedAt.getUTCFullYear(),
        repeatAmount: spoken.some((a) => seen.has(amountKey(a))),
        campaign,
        draftBudget,
      };
      for (const a of spoken) seen.add(amountKey(a));
      units.push({ ...unit, x: clauseFeatures(facts) });
    }
  });
  return { folded, lex, units };
}

/**
 * Below 100,000 a sum is what one person or household gets or earns — "a one-off $200", "Smic
 * porté à 1 600 euros", "incomes from $48,000 to $144,000" — not a pledge's amount (LABELING.md:
 * money per person is no amount). It still counts as money for the model's features.
 */
const isPledgeSized = (a: FoundAmount) => Number(a.valueMax ?? a.value) >= 100_000;

/** An amount as a restatement repeats it: the same value in the same currency. */
export const amountKey = (a: FoundAmount) => `${a.valueMax ?? a.value} ${a.currency ?? ''}`;

function withoutTrailer(folded: string, s: Span): Span {
  const m = TRAILER.exec(folded.slice(s.start, s.end));
  return m ? tidy(folded, { start: s.start, end: s.start + m.index }) : s;
}

// "from 2026 to 2030", "2021-2027", "entre 2025 et 2027", "sur la période 2024-2028": a period, not a deadline.
const YEAR_SPAN = /((?:19|20)\d\d) *(?:-|–|to|a|au|et|and|through|until) *((?:19|20)\d\d)(?!\d)/gu;
const ONLY_LATEST = /au plus tard|no later than|at the latest|d'ici|by /u;

function dueOf(text: string, folded: string, s: Span, lex: Lexicon, publishedAt: Date): Due | null {
  const clause = folded.slice(s.start, s.end);
  const due = findDue(text.slice(s.start, s.end), clause, lex, publishedAt);
  if (!due) return null;
  for (const m of clause.matchAll(YEAR_SPAN))
    if (due.dueAt.startsWith(m[1]) || due.dueAt.startsWith(m[2]))
      return ONLY_LATEST.test(clause.slice(Math.max(0, m.index - 14), m.index)) ? due : null;
  return due;
}
