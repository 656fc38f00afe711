import { Candidate, ItemDraft } from './candidate.view';
import type { DecisionRow } from './candidate-decisions.repository';

/** A candidate with its stable key and what reviewers decided (SPEC, Candidates: "Decisions are kept"). */
export type KeyedCandidate = Candidate & {
  key: string;
  /** The draft carries the key, so the item created from it marks the candidate accepted. */
  draft: ItemDraft & { candidateKey: string };
  dismissed?: { reason: string | null; at: Date; by: string };
  accepted?: { itemId: string; at: Date; by: string };
};

export function withDecision(
  candidate: Candidate,
  key: string,
  row: DecisionRow | undefined,
): KeyedCandidate {
  const marks: Pick<KeyedCandidate, 'dismissed' | 'accepted'> = {};
  if (row?.decision === 'dismissed')
    marks.dismissed = { reason: row.reason, at: row.decided_at, by: row.decided_by };
  if (row?.decision === 'accepted' && row.item_id)
    marks.accepted = { itemId: row.item_id, at: row.decided_at, by: row.decided_by };
  return { key, ...candidate, draft: { ...candidate.draft, candidateKey: key }, ...marks };
}
