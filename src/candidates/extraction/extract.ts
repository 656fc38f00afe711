import { Mention, mentions } from './actors';
import { Due, findDue } from './dates';
import { foldKeepLength } from './fold';
import { CueClass, Language, LEXICONS, matchAll, PhraseMatch, Recurrence, StatusHint } from './lexicon';
import { FoundAmount, findAmounts } from './money';
import { clauses, firstFrom, sentences, Span, tidy, within } from './segment';

export type ActorRole = 'speaker' | 'pledger' | 'beneficiary' | 'subject';

/** What the text says, before stored actors and items are looked up (pure: the same text gives the same result). */
export interface Extracted {
  kind: 'claim' | 'commitment';
  start: number;
  end: number;
  quote: string;
  title: string;
  actors: Array<{ name: string; known: boolean; role: ActorRole }>;
  /** As the Candidates spec reads money: a range is up_to its upper bound. */
  amount: { value: string; currency: string | null; qualifier: FoundAmount['qualifier'] } | null;
  /** The bounds of a range ("2,5 à 3 milliards"), which an item records as `between`. */
  range: { value: string; valueMax: string } | null;
  /** "2 % du PIB": a target in percent of GDP, never money. */
  percentOfGdp: string | null;
  recurrence: Recurrence | null;
  dueAt: string | null;
  duePrecision: Due['duePrecision'] | null;
  statusHint: StatusHint | 'unverified';
  cues: string[];
  confidence: number;
}

export interface ExtractOptions {
  language: Language;
  /** Relative deadlines ("demain", "by the end of the year") are read from this day. */
  publishedAt: Date;
}

type Cue = PhraseMatch<{ cls: CueClass; phrase: string }>;
const isDecisive = (c: Cue) => c.tag.cls !== 'speech';
// "Healey gave no breakdown", "ne sera pas atteint": a negated verb pledges nothing.
const NEGATED = /^ *(?:no|not|never|pas|aucun|aucune|jamais|plus) /u;
const MAX_QUOTE = 1000;
const THAT_SUBJECT = /^ *(?:que|qu'|that) +(?:les |la |le |l'|the )?$/u;

/** The worker-thread task (src/common/worker-pool/tasks.ts): one plain object in, plain data out. */
export function extractSourceCandidates(input: { text: string } & ExtractOptions): Extracted[] {
  return extractCandidates(input.text, input);
}

/** Every claim and pledge in `text`, in reading order. */
export function extractCandidates(text: string, options: ExtractOptions): Extracted[] {
  const lex = LEXICONS[options.language];
  const folded = foldKeepLength(text);
  const allCues = matchAll(lex.cues, folded).filter((c) => !NEGATED.test(folded.slice(c.end, c.end + 12)));
  const allAmounts = findAmounts(folded, lex);
  const allNames = mentions(text, folded, options.language);
  const out: Extracted[] = [];
  for (const sentence of sentences(text, options.language)) {
    const cues = within(allCues, sentence);
    const amounts = within(allAmounts, sentence);
    const names = within(allNames, sentence);
    const decisive = cues.filter(isDecisive);
    const parts =
      decisive.length > 1
        ? clauses(
            folded,
            sentence,
            decisive.map((c) => c.start),
          )
        : [tidy(folded, sentence)];
    for (const part of parts) {
      const found = { cues: within(cues, part), amounts: within(amounts, part), names: within(names, part) };
      out.push(...fromClause(text, folded, part, found, options));
    }
  }
  return out;
}

interface Found {
  cues: Cue[];
  amounts: FoundAmount[];
  names: Mention[];
}

function fromClause(
  text: string,
  folded: string,
  part: Span,
  { cues, amounts, names }: Found,
  options: ExtractOptions,
): Extracted[] {
  const lex = LEXICONS[options.language];
  const decisive = cues.find(isDecisive);
  const money = amounts.filter((a) => !a.percentOfGdp && !a.conversion && a.currency);
  const gdp = amounts.find((a) => a.percentOfGdp);
  if (!decisive && !money.length) return [];
  const kind = decisive && decisive.tag.cls !== 'claim' ? 'commitment' : 'claim';
  const base = {
    kind,
    statusHint: kind === 'claim' ? 'unverified' : (decisive?.tag.cls as StatusHint),
    cues: decisive ? [text.slice(decisive.start, decisive.end)] : [],
    percentOfGdp: gdp ? gdp.value : null,
  } as const;
  const recurrence = matchAll(lex.recurrence, folded, part.start, part.end)[0]?.tag ?? null;
  const due =
    kind === 'commitment'
      ? findDue(
          text.slice(part.start, part.end),
          folded.slice(part.start, part.end),
          lex,
          options.publishedAt,
        )
      : null;
  const build = (span: Span, amount: FoundAmount | undefined, who: Mention[], donor?: Mention): Extracted => {
    const clipped = clip(text, span);
    return {
      ...base,
      start: clipped.start,
      end: clipped.end,
      quote: text.slice(clipped.start, clipped.end),
      title: titleOf(text.slice(clipped.start, clipped.end)),
      actors: roles(folded, who, donor, decisive, cues, lex.beneficiaryBefore),
      amount: amount ? moneyOf(amount) : null,
      range: amount?.valueMax ? { value: amount.value, valueMax: amount.valueMax } : null,
      recurrence: amount && kind === 'commitment' ? recurrence : null,
      dueAt: due?.dueAt ?? null,
      duePrecision: due?.duePrecision ?? null,
      confidence: confidence(kind, !!decisive, !!amount, who.length > 0),
    };
  };
  const perDonor = donors(folded, part, money, names);
  if (perDonor)
    return perDonor.map((d) =>
      build(d.span, d.amount, [d.actor, ...within(names, { start: d.amount.end, end: d.span.end })], d.actor),
    );
  return [build(part, money[0], names)];
}

/**
 * "L’Italie a promis 300 M€, la Suisse 135 M CHF et le Portugal 4 M€": several actors, each
 * before its own amount, pledge one each — one candidate per actor. With "respectively" the
 * actors come first and the amounts follow in the same order; each quote is then the clause.
 */
function donors(
  folded: string,
  part: Span,
  money: FoundAmount[],
  names: Mention[],
): Array<{ span: Span; amount: FoundAmount; actor: Mention }> | null {
  if (money.length < 2) return null;
  const known = names.filter((n) => n.known);
  if (/respectivement|respectively/u.test(folded.slice(part.start, part.end))) {
    const before = known.filter((n) => n.end <= money[0].start);
    if (before.length !== money.length) return null;
    return money.map((amount, i) => ({ span: part, amount, actor: before[i] }));
  }
  const pairs: Array<{ span: Span; amount: FoundAmount; actor: Mention }> = [];
  let from = part.start;
  let k = 0; // amounts and names are in reading order: one pass over both
  for (const amount of money) {
    while (k < known.length && known[k].start < from) k++;
    let actor: Mention | undefined;
    for (; k < known.length && known[k].start < amount.start; k++)
      if (known[k].end <= amount.start) actor = known[k];
    if (!actor) return null;
    pairs.push({
      span: { start: pairs.length === 0 ? part.start : actor.start, end: amount.end },
      amount,
      actor,
    });
    from = amount.end;
  }
  return new Set(pairs.map((p) => p.actor.name)).size === pairs.length ? pairs : null;
}

function roles(
  folded: string,
  who: Mention[],
  donor: Mention | undefined,
  decisive: Cue | undefined,
  cues: Cue[],
  beneficiaryBefore: RegExp,
): Extracted['actors'] {
  const seen = new Set<string>();
  const out: Extracted['actors'] = [];
  const speeches = cues.filter((c) => c.tag.cls === 'speech');
  let pledger = false;
  for (const m of who) {
    const key = m.name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    // A speech verb that starts after the name and less than 40 characters from its end.
    const near = speeches[firstFrom(speeches, Math.max(m.start + 1, m.end - 39))];
    const speech = near !== undefined && near.start < m.end + 40;
    let role: ActorRole = 'subject';
    if (m === donor) role = 'pledger';
    else if (beneficiaryBefore.test(folded.slice(Math.max(0, m.start - 16), m.start))) role = 'beneficiary';
    else if (speech) role = 'speaker';
    else if (decisive && decisive.tag.cls !== 'claim' && m.end <= decisive.start && !pledger)
      role = 'pledger';
    pledger ||= role === 'pledger';
    out.push({ name: m.name.replace(/\s+/g, ' '), known: m.known, role });
  }
  // "proposé que les Alliés fournissent …": no one before the verb; the subject of its "que" clause pledges.
  if (decisive && decisive.tag.cls !== 'claim' && !out.some((a) => a.role === 'pledger')) {
    const after = who.find(
      (m) => m.known && m.start >= decisive.end && THAT_SUBJECT.test(folded.slice(decisive.end, m.start)),
    );
    const actor =
      after && out.find((a) => a.name === after.name.replace(/\s+/g, ' ') && a.role === 'subject');
    if (actor) actor.role = 'pledger';
  }
  return out;
}

/** A range is pledged up to its upper bound (spec, Candidates: "a range → up_to its upper bound"). */
function moneyOf(a: FoundAmount): NonNullable<Extracted['amount']> {
  if (a.valueMax) return { value: a.valueMax, currency: a.currency, qualifier: 'up_to' };
  return { value: a.value, currency: a.currency, qualifier: a.qualifier };
}

function confidence(kind: string, cue: boolean, amount: boolean, actor: boolean): number {
  const score =
    (kind === 'commitment' ? 0.5 : 0.4) + (cue ? 0.2 : 0) + (amount ? 0.15 : 0) + (actor ? 0.1 : 0);
  return Math.min(0.95, Math.round(score * 100) / 100);
}

/** A quote a researcher can cite: at most MAX_QUOTE characters, cut at a word. */
function clip(text: string, s: Span): Span {
  if (s.end - s.start <= MAX_QUOTE) return s;
  const cut = text.lastIndexOf(' ', s.start + MAX_QUOTE);
  return { start: s.start, end: cut > s.start ? cut : s.start + MAX_QUOTE };
}

/** A suggested title: the clause, first letter up, at most 140 characters cut at a word. */
function titleOf(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ').replace(/^[«“"\s]+|[»”"\s]+$/gu, '');
  const short = flat.length <= 140 ? flat : `${flat.slice(0, flat.lastIndexOf(' ', 139))}…`;
  return short.charAt(0).toUpperCase() + short.slice(1);
}
