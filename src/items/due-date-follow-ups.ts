import { EntityManager } from 'typeorm';

/**
 * What the items feature needs of follow-ups (owned by the follow-ups feature), in the caller's
 * transaction: when a commitment's due date is set, moved or removed, its automatic follow-up
 * kept at the end of the due window; when an item is merged, its follow-ups moved.
 *
 * The follow-ups feature implements it (follow-ups/automatic-follow-up.ts) and AppModule binds
 * the two. The port keeps the dependency one way: follow-ups build on items (a follow-up belongs
 * to an item), items never import follow-ups.
 */
export abstract class DueDateFollowUps {
  abstract sync(m: EntityManager, itemId: string, by: string): Promise<void>;
  /**
   * A merge: the duplicate's own follow-ups move to the survivor; its automatic ones belong to its
   * own due date, so they are cancelled rather than moved.
   */
  abstract moveToSurvivor(
    m: EntityManager,
    itemId: string,
    intoId: string,
  ): Promise<{ followUps: number; cancelledAutomaticFollowUps: number }>;
}
