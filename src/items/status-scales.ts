/**
 * The closed vocabularies of items (kinds, statuses, recurrences, qualifiers, roles), and the
 * rules that depend only on them. The database checks the same lists; keep them in step with migrations.
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

export const QUALIFIERS = ['exactly', 'at_least', 'up_to', 'approximately', 'between'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];
export const TARGET_UNITS = ['percent_of_gdp', 'percent', 'count'] as const;
export type TargetUnit = (typeof TARGET_UNITS)[number];
export const PROGRESS_STAGES = ['committed', 'allocated', 'delivered'] as const;
export type ProgressStage = (typeof PROGRESS_STAGES)[number];

export const ACTOR_ROLES = ['speaker', 'pledger', 'beneficiary', 'subject'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export const CITATION_ROLES = ['origin', 'support', 'contradict', 'context'] as const;
export type CitationRole = (typeof CITATION_ROLES)[number];

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
