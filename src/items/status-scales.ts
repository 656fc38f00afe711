/**
 * The closed vocabularies of the item domain (spec, Items and Updates), and the rules that
 * depend only on them. The database checks the same lists; keep them in step with migrations.
 */

export const ITEM_KINDS = ['claim', 'commitment'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const COMMITMENT_STATUSES = [
  'proposed',
  'agreed',
  'in_progress',
  'fulfilled',
  'partially_fulfilled',
  'stalled',
  'broken',
  'withdrawn',
] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export const CLAIM_STATUSES = ['unverified', 'confirmed', 'misleading', 'disputed', 'refuted'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const ALL_STATUSES = [...COMMITMENT_STATUSES, ...CLAIM_STATUSES] as const;
export type ItemStatus = (typeof ALL_STATUSES)[number];

/** Statuses that pass judgement; reaching one needs evidence ("No verdict without evidence"). */
export const VERDICT_STATUSES = [
  'fulfilled',
  'partially_fulfilled',
  'broken',
  'withdrawn',
  'confirmed',
  'misleading',
  'refuted',
  'disputed',
] as const satisfies readonly ItemStatus[];

export const RECURRENCES = ['once', 'annual', 'quarterly', 'monthly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export const QUALIFIERS = ['exactly', 'at_least', 'up_to', 'approximately'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

export const ACTOR_ROLES = ['speaker', 'pledger', 'beneficiary', 'subject'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export const CITATION_ROLES = ['origin', 'support', 'contradict', 'context'] as const;
export type CitationRole = (typeof CITATION_ROLES)[number];

export const DUE_PRECISIONS = ['day', 'month', 'quarter', 'year'] as const;
export type DuePrecision = (typeof DUE_PRECISIONS)[number];

export const ACTOR_KINDS = ['person', 'organization', 'country', 'group'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const SOURCE_KINDS = [
  'news_article',
  'official_statement',
  'transcript',
  'report',
  'dataset',
  'other',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export function statusScale(kind: ItemKind): readonly ItemStatus[] {
  return kind === 'claim' ? CLAIM_STATUSES : COMMITMENT_STATUSES;
}

/** False for a status of the other scale (a claim cannot be "fulfilled") and for unknown words. */
export function isStatusOnScale(kind: ItemKind, status: string): status is ItemStatus {
  return (statusScale(kind) as readonly string[]).includes(status);
}

/** A new item starts here when the researcher gives no status. */
export function defaultStatus(kind: ItemKind): ItemStatus {
  return kind === 'claim' ? 'unverified' : 'proposed';
}

export function needsEvidence(status: string): boolean {
  return (VERDICT_STATUSES as readonly string[]).includes(status);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The last instant (UTC, millisecond precision) of the window a due date stands for: "by the
 * end of 2024" is ('2024-12-31', 'year') → 2024-12-31T23:59:59.999Z. Reminders fire then.
 * Computed as the start of the next day/month/quarter/year minus 1 ms, which gets month
 * lengths and leap years right without a table. Throws RangeError for an impossible date.
 */
export function dueWindowEnd(dueAt: string, precision: DuePrecision): Date {
  const match = DATE_ONLY.exec(dueAt);
  const [year, month, day] = match ? match.slice(1).map(Number) : [NaN, NaN, NaN];
  const date = utcDate(year, month - 1, day);
  if (!match || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(dueAt)}`);
  }
  const monthIndex = month - 1;
  const nextStart = {
    day: () => utcDate(year, monthIndex, day + 1),
    month: () => utcDate(year, monthIndex + 1, 1),
    quarter: () => utcDate(year, (Math.floor(monthIndex / 3) + 1) * 3, 1),
    year: () => utcDate(year + 1, 0, 1),
  }[precision]();
  return new Date(nextStart.getTime() - 1);
}

/** Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not. Overflowing months roll over. */
function utcDate(year: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}
