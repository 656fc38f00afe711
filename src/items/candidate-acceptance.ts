import { EntityManager } from 'typeorm';

/** A candidate of a source's text, as an item created with its `candidateKey` accepts it. */
export interface AcceptedCandidate {
  sourceId: string;
  key: string;
  kind: string;
  quote: string;
}

/**
 * What the items feature needs of candidates' decisions (owned by the candidates feature): an item
 * created with `candidateKey` marks that candidate of its origin source accepted, in the item's
 * own transaction.
 *
 * The candidates feature implements it (candidates/candidate-decisions.service.ts) and AppModule
 * binds the two, as it does DueDateFollowUps: candidates build on items, items never import them.
 */
export abstract class CandidateAcceptance {
  /** Before the item's transaction: the source's candidate with this key, or a 422 problem. */
  abstract find(sourceId: string, key: string, by: string): Promise<AcceptedCandidate>;
  abstract accept(m: EntityManager, candidate: AcceptedCandidate, itemId: string, by: string): Promise<void>;
}
