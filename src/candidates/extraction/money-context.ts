import type { Lexicon } from './lexicon';
import type { FoundAmount } from './money';

/**
 * What the money grammar cannot see from the number alone: whether an amount is money at all
 * ("500 million children", "£300 per pupil" are not), and which dollar a bare "$" is.
 */

// Words an amount of money is followed by; any other word after a bare "500 million" is what it counts.
const AFTER_MONEY = new Set(
  'for in to from per a an the and or is was were are be been will would could should has have had on over this that which each annually more less with by at as into towards toward than this year years plus moins pour par au aux en et ou sur est sont seront sera serait dont qui chaque annuels annuelles supplementaires supplementaire destines destinees consacres consacrees alloues allouees investis prevus prevues sous contre'.split(
    ' ',
  ),
);
const PERIODS = new Set(
  'an ans annee annees year years annum month months mois week weeks semaine semaines day days jour jours trimestre quarter'.split(
    ' ',
  ),
);
const NEXT_WORD = /^ *(de |d'|of )?([a-z\u00df-\u024f]+)/u;
const PER = /^ *(?:per|par|a|an|each|chaque|pour chaque) +([a-z\u00df-\u024f]+)/u;
const SYMBOL = /[€$£¥₹]/u;

/** Money, not a count of people or things, a percentage, or money per person. */
export function isMoney(folded: string, a: FoundAmount, lex: Lexicon): boolean {
  if (!a.currency || a.percentOfGdp || a.conversion) return false;
  const after = folded.slice(a.end, a.end + 40);
  const per = PER.exec(after);
  if (per && !PERIODS.has(per[1])) return false; // "£300 per pupil", "5 000 euros par habitant"
  const own = folded.slice(a.start, a.end);
  if (SYMBOL.test(own) || currencyWords(lex).test(own)) return true;
  // A currency carried over from an earlier amount: "500 millions d'enfants" counts children.
  const next = NEXT_WORD.exec(after);
  if (!next) return true;
  if (next[1]) return currencyWords(lex).test(next[2]);
  return lex.language === 'fr' || AFTER_MONEY.has(next[2]);
}

const cache = new Map<string, RegExp>();
function currencyWords(lex: Lexicon): RegExp {
  let r = cache.get(lex.language);
  if (!r) {
    const words = Object.keys(lex.file.money.currencies)
      .sort((a, b) => b.length - a.length)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'));
    r = new RegExp(
      `(?:^|[^a-z])(?:${words.join('|')}|eur|usd|gbp|chf|jpy|cad|uah|inr|kes|ksh|zar|xof)(?![a-z])`,
      'u',
    );
    cache.set(lex.language, r);
  }
  return r;
}

// "A$10bn", "S$900 million", "C$130bn": the letters before "$" name the dollar.
const PREFIXED: Record<string, string> = {
  a: 'AUD',
  au: 'AUD',
  c: 'CAD',
  ca: 'CAD',
  can: 'CAD',
  s: 'SGD',
  nz: 'NZD',
  hk: 'HKD',
};
const PLACES: Array<[string, RegExp]> = [
  [
    'CAD',
    /canad|quebec|montreal|ottawa|ontario|alberta|manitoba|colombie-britannique|british columbia|nouveau-brunswick|nova scotia/gu,
  ],
  ['AUD', /australi|canberra|new south wales|queensland|victoria\b/gu],
  ['SGD', /singapo/gu],
  ['NZD', /new zealand|nouvelle-zelande/gu],
];
const AMERICA = /united states|etats-unis|americ|washington|\bu\.?s\.?\b|federal reserve/gu;

/**
 * The dollar of an article: "$" and "dollars" are the local dollar where the text is about
 * Canada, Australia, Singapore or New Zealand more than about the United States ("900 millions
 * de dollars" in a Québec paper is CAD), and "A$", "S$", "C$" say it themselves. "US$" stays USD.
 */
export function localCurrency(folded: string): (a: FoundAmount) => FoundAmount {
  const count = (r: RegExp) => [...folded.matchAll(r)].length;
  const america = count(AMERICA);
  const [best, n] = PLACES.map(([code, r]) => [code, count(r)] as const).sort((x, y) => y[1] - x[1])[0];
  const local = n > america ? best : null;
  return (a) => {
    if (a.currency !== 'USD') return a;
    const prefix = /([a-z]{1,3})$/u.exec(folded.slice(Math.max(0, a.start - 3), a.start))?.[1];
    const symbol = folded.startsWith('$', a.start);
    if (symbol && prefix) return { ...a, currency: PREFIXED[prefix] ?? a.currency };
    const american = /us\$|usd|us dollars?|dollars? americains?|u\.s\. dollars?/u.test(
      folded.slice(a.start, a.end + 15),
    );
    return local && !american ? { ...a, currency: local } : a;
  };
}
