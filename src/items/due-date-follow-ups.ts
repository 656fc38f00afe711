import { EntityManager } from 'typeorm';

/**
 * What the items feature needs when a commitment's due date is set, moved or removed: its
 * automatic follow-up kept at the end of the due window, in the same transaction.
 *
 * The follow-ups feature implements it (follow-ups/automatic-follow-up.ts) and AppModule binds
 * the two. The port keeps the dependency one way: follow-ups build on items (a follow-up belongs
 * to an item), items never import follow-ups.
 */
export abstract class DueDateFollowUps {
  abstract sync(m: EntityManager, itemId: string, by: string): Promise<void>;
}
