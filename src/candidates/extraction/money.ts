import Decimal from 'decimal.js';
import { Language, Lexicon, matchAll, phrasePattern, Qualifier } from './lexicon';

/**
 * Money as researchers write it, in French and English: `40 milliards d’euros`, `1,5 milliard`,
 * `€2bn`, `£3 billion`, `$50bn`, `EUR 40 billion`, `2,5 à 3 milliards`, `between $2bn and $3bn`.
 * Written by hand: no maintained npm package reads amounts with scale words in both languages
 * (currency parsers read "€1,234.56", not "40 milliards d’euros"). Works on the folded text
 * (foldKeepLength), so offsets are the original's.
 */
export interface FoundAmount {
  start: number;
  end: number;
  value: string;
  /** Set for a range: value is its lower bound. */
  valueMax?: string;
  currency: string | null;
  qualifier: Qualifier | 'exactly' | 'between';
  /** "5 % du PIB": a target, never money. */
  percentOfGdp?: boolean;
  /** Inside parentheses right after another amount: "21 billion euros ($24 billion)". */
  conversion?: boolean;
}

const SYMBOLS: Record<string, string> = {
  '€': 'EUR',
  $: 'USD',
  us$: 'USD',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  chf: 'CHF',
  eur: 'EUR',
  usd: 'USD',
  gbp: 'GBP',
  jpy: 'JPY',
  cad: 'CAD',
  uah: 'UAH',
  inr: 'INR',
  kes: 'KES',
  ksh: 'KES',
  zar: 'ZAR',
  xof: 'XOF',
};

interface Grammar {
  /** Where an amount may begin: a currency symbol or code, or a digit. */
  begin: RegExp;
  /** Sticky pieces, tried one after another from where the previous one stopped. */
  first: RegExp;
  range: RegExp;
  tail: RegExp;
  scales: Record<string, number>;
  currencies: Record<string, string>;
  between: RegExp;
}

/** Number words only count before a scale word: "un milliard", "a billion", "cent milliards". */
const NUMBER_WORDS: Record<string, number> = {
  un: 1,
  une: 1,
  one: 1,
  a: 1,
  deux: 2,
  two: 2,
  trois: 3,
  three: 3,
  dix: 10,
  ten: 10,
  cent: 100,
  hundred: 100,
};
const WORD = `(?<![\\p{L}])(?:${Object.keys(NUMBER_WORDS).join('|')})(?= (?:milliard|billion|million))`;
const NUMBER = String.raw`\d{1,3}(?:[ .,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?|${WORD}`;
const SYMBOL = String.raw`us\$|[€$£¥₹]|(?<![\p{L}])(?:eur|usd|gbp|chf|jpy|cad|uah|inr|kes|ksh|zar|xof)(?![\p{L}])`;
const grammars = new Map<Language, Grammar>();

function grammar(lex: Lexicon): Grammar {
  const cached = grammars.get(lex.language);
  if (cached) return cached;
  const { scales, currencies } = lex.file.money;
  // Scale and currency words may follow the digits directly: "$57bn", "135mn".
  const alt = (words: string[]) =>
    [...words]
      .sort((a, b) => b.length - a.length)
      .map((p) => phrasePattern(p, false))
      .join('|');
  const scale = `(?:${alt(Object.keys(scales))})`;
  const currencyWord = `(?:${alt([...Object.keys(currencies), 'eur', 'usd', 'gbp', 'chf'])})`;
  const rangeWord = `(?:${lex.file.ranges.map((r) => (/\p{L}/u.test(r) ? phrasePattern(r) : r)).join('|')})`;
  const g: Grammar = {
    begin: new RegExp(String.raw`(?:${SYMBOL}) ?\d|(?<![\p{L}\p{N},.])\d|${WORD}`, 'gu'),
    first: new RegExp(String.raw`(?<sym>${SYMBOL})? ?(?<n>${NUMBER})(?: ?(?<s>${scale}))?`, 'uy'),
    range: new RegExp(
      String.raw` ?(?<word>${rangeWord}) ?(?<sym>${SYMBOL})? ?(?<n>${NUMBER})(?: ?(?<s>${scale}))?`,
      'uy',
    ),
    tail: new RegExp(
      String.raw`(?: ?(?<pct>%|pour ?cent|percent|per cent))?(?: ?(?:de |d'|d' |of )?(?<cur>${currencyWord}))?`,
      'uy',
    ),
    between: /(?:entre|between|de|from) *$/u,
    scales,
    currencies,
  };
  grammars.set(lex.language, g);
  return g;
}

function sticky(regex: RegExp, s: string, at: number): RegExpExecArray | null {
  regex.lastIndex = at;
  return regex.exec(s);
}

/**
 * "1,5" "1.5" "1 500" "2.400" "1,500": a separator before groups of exactly three digits groups
 * thousands, except a lone "1,500" in French (1.5) or "1.500" in English (1.5).
 */
export function parseNumber(raw: string, language: Language): Decimal | null {
  if (raw in NUMBER_WORDS) return new Decimal(NUMBER_WORDS[raw]);
  const grouped = /^\d{1,3}(?:([ .,])\d{3})+(?:([.,])\d+)?$/.exec(raw);
  const sep = grouped?.[1];
  const single = grouped !== null && !grouped[2] && raw.split(sep ?? '').length === 2;
  const decimalLookalike =
    (sep === ',' && language === 'fr' && single) || (sep === '.' && language === 'en' && single);
  const consistent =
    grouped !== null &&
    raw
      .split(sep ?? '')
      .slice(1)
      .every((p, i, all) => i === all.length - 1 || p.length === 3);
  const normalized =
    grouped && consistent && !decimalLookalike
      ? raw
          .split(sep ?? '')
          .join('')
          .replace(',', '.')
      : raw.replace(/ /g, '').replace(',', '.');
  if (!/^\d+(?:\.\d+)?$/.test(normalized)) return null;
  return new Decimal(normalized);
}

const toValue = (n: Decimal, scale: number) => n.times(scale).toDecimalPlaces(2).toFixed();

/** Every amount in `folded[from, to)`, with its currency (or null when none is written). */
export function findAmounts(folded: string, lex: Lexicon, from = 0, to = folded.length): FoundAmount[] {
  const g = grammar(lex);
  const begin = new RegExp(g.begin.source, 'gu');
  begin.lastIndex = from;
  const out: FoundAmount[] = [];
  for (let b = begin.exec(folded); b && b.index < to; b = begin.exec(folded)) {
    const found = readAmount(folded, b.index, g, lex);
    if (!found) continue;
    begin.lastIndex = Math.max(found.next, b.index + 1);
    if (found.amount && found.amount.end <= to) out.push(found.amount);
  }
  out.forEach((a, i) => (a.conversion = i > 0 && /^ *\( *$/.test(folded.slice(out[i - 1].end, a.start))));
  return saidAgain(folded, inheritCurrency(out));
}

// "256 millions de dollars, soit environ 128 milliards de francs CFA", "£364m, or about $455m".
const SAID_AGAIN =
  /^ *,? *(?:soit|l'equivalent de|equivalant a|that is|or|i\.e\.) *(?:environ|quelque|pres de|about|around|roughly|some|approximately|nearly)? *$/u;

/** The same sum said again in another currency is a conversion, as one in parentheses is. */
function saidAgain(folded: string, amounts: FoundAmount[]): FoundAmount[] {
  amounts.forEach((a, i) => {
    const before = amounts[i - 1];
    if (
      before?.currency &&
      a.currency &&
      a.currency !== before.currency &&
      SAID_AGAIN.test(folded.slice(before.end, a.start))
    )
      a.conversion = true;
  });
  return amounts;
}

/** One amount from `start`: the number, an optional range, then "%", "du PIB" or a currency word. */
function readAmount(
  folded: string,
  start: number,
  g: Grammar,
  lex: Lexicon,
): { amount?: FoundAmount; next: number } | null {
  const first = sticky(g.first, folded, start);
  if (!first?.groups) return null;
  let end = start + first[0].length;
  const f = first.groups;
  let sym = f.sym;
  let s1 = f.s ? g.scales[f.s] : undefined;
  let n2: string | undefined;
  let s2: number | undefined;
  const range = sticky(g.range, folded, end);
  if (range?.groups) {
    const conjunction = /^(?:et|and)$/.test(range.groups.word);
    if (!conjunction || g.between.test(folded.slice(Math.max(0, start - 12), start))) {
      n2 = range.groups.n;
      s2 = range.groups.s ? g.scales[range.groups.s] : undefined;
      sym ??= range.groups.sym;
      end += range[0].length;
    }
  }
  const tail = sticky(g.tail, folded, end);
  const t = tail?.groups ?? {};
  if (tail) end += tail[0].length;
  if (t.pct) {
    if (lex.gdp.test(folded.slice(end, end + 40)))
      return {
        amount: { start, end, value: f.n, currency: null, qualifier: 'exactly', percentOfGdp: true },
        next: end,
      };
    return { next: end };
  }
  const currency = sym ? SYMBOLS[sym] : t.cur ? (g.currencies[t.cur] ?? SYMBOLS[t.cur] ?? null) : null;
  // A bare number is money only with a currency or a scale word: a year or a count is not.
  if (!currency && s1 === undefined && s2 === undefined) return { next: start + first[0].length };
  s1 ??= s2;
  s2 ??= s1;
  // A number it cannot read, or zero, is passed over whole: stopping short of its end would read
  // each of its digit groups again, one by one ("0 000 000 … milliards": quadratic).
  const n1 = parseNumber(f.n, lex.language);
  if (!n1) return { next: end };
  const value = toValue(n1, s1 ?? 1);
  if (value === '0') return { next: end };
  const amount: FoundAmount = { start, end, value, currency, qualifier: qualifierBefore(folded, start, lex) };
  const max = n2 ? parseNumber(n2, lex.language) : null;
  if (max) {
    const valueMax = toValue(max, s2 ?? 1);
    if (new Decimal(valueMax).gt(value)) Object.assign(amount, { valueMax, qualifier: 'between' as const });
  }
  return { amount, next: end };
}

/** "entre 15 et 40 milliards d’euros": the words just before the number decide the qualifier. */
function qualifierBefore(folded: string, start: number, lex: Lexicon): FoundAmount['qualifier'] {
  const window = folded.slice(Math.max(0, start - 30), start).replace(/[«»"“” ]+$/u, ' ');
  const matches = matchAll(lex.qualifiers, window);
  const last = matches[matches.length - 1];
  if (
    last &&
    window
      .slice(last.end)
      .trim()
      .replace(/^(?:de|d'|of)$/u, '') === ''
  )
    return last.tag;
  return 'exactly';
}

/** "60 milliards destinés à l’armement" after "170 milliards d’euros": the currency carries over. */
function inheritCurrency(amounts: FoundAmount[]): FoundAmount[] {
  let last: string | null = null;
  for (const a of amounts) {
    if (a.percentOfGdp) continue;
    if (a.currency) last = a.currency;
    else if (last) a.currency = last;
  }
  return amounts;
}
