import { Mention } from './actors';
import { Due } from './dates';
import { Language, Lexicon, matchAll, Recurrence, StatusHint } from './lexicon';
import { classify, Decision, explain, MODEL, ModelFile, Reason } from './model';
import { FoundAmount } from './money';
import { firstFrom, Span, within } from './segment';
import { Cue, isDecisive, readUnits, Unit } from './units';

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
  /** The model's probability of this kind. */
  confidence: number;
  /** The features that weighed most for its kind and, for a commitment, its status. */
  explanation: Reason[];
}

export interface ExtractOptions {
  language: Language;
  /** Relative deadlines ("demain", "by the end of the year") are read from this day. */
  publishedAt: Date;
  /** The weights to use (training's cross-validation); model-weights.json by default. */
  model?: ModelFile;
}

const MAX_QUOTE = 1000;
const STATUSES = new Set(['proposed', 'agreed', 'in_progress', 'fulfilled']);
const THAT_SUBJECT = /^ *(?:que|qu'|that) +(?:les |la |le |l'|the )?$/u;

/** The worker-thread task (src/common/worker-pool/tasks.ts): one plain object in, plain data out. */
export function extractSourceCandidates(input: { text: string } & ExtractOptions): Extracted[] {
  return extractCandidates(input.text, input);
}

/**
 * Every claim and pledge in `text`, in reading order: each clause (units.ts) is a claim, a
 * commitment or nothing as the model (model-weights.json) decides from its words and the rules'
 * findings; a commitment's status likewise. The money, date and actor grammars fill the fields.
 */
export function extractCandidates(text: string, options: ExtractOptions): Extracted[] {
  const { folded, lex, units } = readUnits(text, options.language, options.publishedAt);
  const model = options.model ?? MODEL;
  const decision: Decision = model.decision ?? {
    threshold: 0,
    cueFloor: 1,
    perSentence: Infinity,
    restatements: 'none',
  };
  // Without a threshold, the likeliest of the three kinds; with one, the likelier of claim and commitment if likely enough.
  const chosen = units
    .map((unit) => {
      const kind = classify(model.kind, unit.x, decision.threshold ? 'none' : undefined);
      if (kind.label !== 'none' || !unit.cues.some((c) => STATUSES.has(c.tag.cls))) return { unit, kind };
      const other = classify(model.kind, unit.x, 'none');
      return { unit, kind: other.probability >= decision.cueFloor ? other : kind };
    })
    .filter((c) => c.kind.label !== 'none' && c.kind.probability >= decision.threshold);
  const out: Extracted[] = [];
  for (const { unit, kind } of capPerSentence(chosen, decision.perSentence))
    out.push(...fromClause(text, folded, lex, unit, kind, model));
  return withoutRestatements(out, decision.restatements);
}

type Chosen = { unit: Unit; kind: ReturnType<typeof classify> };

/** The `cap` most probable of each sentence's clauses, in reading order. */
function capPerSentence(chosen: Chosen[], cap: number): Chosen[] {
  const out: Chosen[] = [];
  for (let i = 0; i < chosen.length;) {
    let j = i;
    while (j < chosen.length && chosen[j].unit.sentence === chosen[i].unit.sentence) j++;
    const sentence = chosen.slice(i, j);
    const floor = [...sentence].sort((a, b) => b.kind.probability - a.kind.probability)[cap - 1];
    let left = cap;
    for (const c of sentence)
      if (!floor || (c.kind.probability >= floor.kind.probability && left-- > 0)) out.push(c);
    i = j;
  }
  return out;
}

/** Leaves out a commitment whose amount (and pledger) an earlier one of the text already stated. */
function withoutRestatements(found: Extracted[], rule: Decision['restatements']): Extracted[] {
  if (rule === 'none') return found;
  const seen = new Set<string>();
  return found.filter((e) => {
    if (e.kind !== 'commitment' || !e.amount) return true;
    const pledger = e.actors.find((a) => a.role === 'pledger')?.name.toLowerCase();
    if (rule === 'amount-actor' && !pledger) return true;
    const key = `${e.amount.value} ${e.amount.currency} ${rule === 'amount' ? '' : pledger}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function fromClause(
  text: string,
  folded: string,
  lex: Lexicon,
  unit: Unit,
  kind: ReturnType<typeof classify>,
  model: ModelFile,
): Extracted[] {
  const { cues, money, names } = unit;
  const pledge = kind.label === 'commitment';
  const decisive = cues.find(isDecisive);
  // The lexicon's first status cue names the stage best (cross-validation on the fitting part);
  // the status model decides where no cue does. In a manifesto, a campaign or a draft budget a
  // pledge is a proposal (LABELING.md), whatever verb announces it.
  const cue = decisive && decisive.tag.cls !== 'claim' ? (decisive.tag.cls as StatusHint) : null;
  const status = pledge && !cue ? classify(model.status, unit.x) : null;
  const proposals =
    model.decision?.proposalDocs && (unit.x.has('doc:campaign') || unit.x.has('doc:draft-budget'));
  const stage = cue ?? (status?.label as StatusHint | undefined);
  const gdp = unit.all.find((a) => a.percentOfGdp);
  const base = {
    kind: kind.label as Extracted['kind'],
    statusHint: (pledge
      ? stage === 'agreed' && proposals
        ? 'proposed'
        : stage
      : 'unverified') as Extracted['statusHint'],
    cues: cues.filter(isDecisive).map((c) => text.slice(c.start, c.end)),
    percentOfGdp: gdp ? gdp.value : null,
    confidence: Math.round(kind.probability * 100) / 100,
    explanation: [
      ...explain(model.kind, unit.x, kind.k, 3),
      ...(status ? explain(model.status, unit.x, status.k, 3) : []),
    ],
  };
  const recurrence = matchAll(lex.recurrence, folded, unit.start, unit.end)[0]?.tag ?? null;
  const due: Due | null = pledge ? unit.due : null;
  const build = (span: Span, amount: FoundAmount | undefined, who: Mention[], donor?: Mention): Extracted => {
    const clipped = clip(text, span);
    return {
      ...base,
      start: clipped.start,
      end: clipped.end,
      quote: text.slice(clipped.start, clipped.end),
      title: titleOf(text.slice(clipped.start, clipped.end)),
      actors: roles(folded, who, donor, decisive, cues, lex.beneficiaryBefore),
      amount: amount && pledge ? moneyOf(amount) : null,
      range: amount?.valueMax && pledge ? { value: amount.value, valueMax: amount.valueMax } : null,
      recurrence: amount && pledge ? recurrence : null,
      dueAt: due?.dueAt ?? null,
      duePrecision: due?.duePrecision ?? null,
    };
  };
  const perDonor = donors(folded, unit, money, names);
  if (perDonor)
    return perDonor.map((d) =>
      build(d.span, d.amount, [d.actor, ...within(names, { start: d.amount.end, end: d.span.end })], d.actor),
    );
  // "…, France €300mn": no verb of its own; the party named before the amount pledges it.
  const lead =
    pledge && !decisive && money[0]
      ? names.filter((n) => n.known && n.end <= money[0].start).pop()
      : undefined;
  return [build(unit, money[0], names, lead)];
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
