import type { QuoteLocation } from '../common/text/quote-match';
import { ActorRole, Extracted } from './extraction/extract';

export interface CandidateActor {
  name: string;
  actorId: string | null;
  role: ActorRole;
}

/** A body POST /v1/items accepts as it is. */
export interface ItemDraft {
  kind: Extracted['kind'];
  title: string;
  statement: string;
  language: string;
  actors: Array<{ actorId: string; role: ActorRole }>;
  amount: { value: string; valueMax?: string; currency: string; qualifier: string } | null;
  target: { value: string; unit: 'percent_of_gdp' } | null;
  recurrence: string | null;
  dueAt: string | null;
  duePrecision?: string;
  status: string;
  citations: Array<{ sourceId: string; role: 'origin'; language: string; quote: string }>;
}

export interface Candidate {
  kind: Extracted['kind'];
  quote: string;
  selectors: [
    { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
    { type: 'TextPositionSelector'; start: number; end: number },
  ];
  title: string;
  actors: CandidateActor[];
  amount: { value: string; currency: string; qualifier: string } | null;
  /** "2 % du PIB": a target in percent of GDP, never money. */
  target: { value: string; unit: 'percent_of_gdp' } | null;
  recurrence: string | null;
  dueAt: string | null;
  duePrecision: string | null;
  statusHint: string;
  cues: string[];
  confidence: number;
  /** The model's strongest features for its kind and status (docs/candidates.md). */
  explanation: Array<{ feature: string; weight: number }>;
  existingItemIds: string[];
  draft: ItemDraft;
}

interface Context {
  sourceId: string;
  language: string;
  selectors: QuoteLocation;
  actors: CandidateActor[];
  existingItemIds: string[];
}

export function toCandidate(e: Extracted, ctx: Context): Candidate {
  const { exact, prefix, suffix, start, end } = ctx.selectors;
  // Money needs a currency; a claim carries no amount in an item (spec, Items).
  const amount = e.amount?.currency
    ? { value: e.amount.value, currency: e.amount.currency, qualifier: e.amount.qualifier }
    : null;
  const pledge = e.kind === 'commitment';
  const target = e.percentOfGdp
    ? { value: e.percentOfGdp.replace(',', '.'), unit: 'percent_of_gdp' as const }
    : null;
  // An item records a range as it is (qualifier between, valueMax); the candidate shows its upper bound.
  const drafted =
    amount && e.range
      ? { value: e.range.value, valueMax: e.range.valueMax, currency: amount.currency, qualifier: 'between' }
      : amount;
  const actors = ctx.actors.flatMap((a) => (a.actorId ? [{ actorId: a.actorId, role: a.role }] : []));
  return {
    kind: e.kind,
    quote: e.quote,
    selectors: [
      { type: 'TextQuoteSelector', exact, prefix, suffix },
      { type: 'TextPositionSelector', start, end },
    ],
    title: e.title,
    actors: ctx.actors,
    amount,
    target,
    recurrence: e.recurrence,
    dueAt: e.dueAt,
    duePrecision: e.duePrecision,
    statusHint: e.statusHint,
    cues: e.cues,
    confidence: e.confidence,
    explanation: e.explanation,
    existingItemIds: ctx.existingItemIds,
    draft: {
      kind: e.kind,
      title: e.title,
      statement: e.quote.replace(/\s+/g, ' '),
      language: ctx.language,
      actors: actors.filter(
        (a, i) => actors.findIndex((b) => b.actorId === a.actorId && b.role === a.role) === i,
      ),
      amount: pledge ? drafted : null,
      target: pledge ? target : null,
      recurrence: pledge && amount ? e.recurrence : null,
      dueAt: e.dueAt,
      ...(e.duePrecision ? { duePrecision: e.duePrecision } : {}),
      status: e.statusHint,
      citations: [{ sourceId: ctx.sourceId, role: 'origin', language: ctx.language, quote: e.quote }],
    },
  };
}
