import { EntityManager } from 'typeorm';

/** A standing (not retracted) timeline entry that sets a status. */
export interface StatusEntry {
  status: string;
  effective_at: Date;
  recorded_at: Date;
  seq: string;
}

/**
 * What the items feature needs of an item's timeline (`updates`, owned by the timeline feature):
 * the entries that set its status, and moving them to a merge's survivor. Both run in the
 * caller's transaction.
 *
 * The timeline feature implements it (timeline/timeline.repository.ts) and AppModule binds the
 * two, as it does DueDateFollowUps: the timeline builds on items, items never import it.
 */
export abstract class TimelineEntries {
  abstract statusEntries(m: EntityManager, itemId: string): Promise<StatusEntry[]>;
  /** How many entries moved. */
  abstract moveToItem(m: EntityManager, fromItemId: string, toItemId: string): Promise<number>;
}
