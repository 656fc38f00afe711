import { EntityManager } from 'typeorm';
import type { DuePrecision } from './due-window';
import type { ItemKind } from './status-scales';

/** What decides a new item's automatic follow-up. */
export interface NewDueDate {
  id: string;
  kind: ItemKind;
  title: string;
  dueAt: string | null;
  duePrecision: DuePrecision;
}

/** A new item's due date as `created` reads it. */
export function newDueDate(
  id: string,
  dto: { kind: ItemKind; title: string; dueAt?: string | null; duePrecision?: DuePrecision },
): NewDueDate {
  return {
    id,
    kind: dto.kind,
    title: dto.title,
    dueAt: dto.dueAt ?? null,
    duePrecision: dto.duePrecision ?? 'day',
  };
}

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
  /** `sync` of many items in a few statements (a batch of PATCHes). */
  abstract syncMany(m: EntityManager, itemIds: string[], by: string): Promise<void>;
  /** `sync` for items inserted in this transaction, from their own fields: no statement unless one needs a follow-up. */
  abstract created(m: EntityManager, items: NewDueDate[], by: string): Promise<void>;
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
