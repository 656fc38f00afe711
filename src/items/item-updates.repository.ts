import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { sqlRows } from '../database/sql';
import { ItemActor } from './item-actor.entity';
import { Item } from './item.entity';
import { DueDateRow, ItemChanges, SETTABLE } from './items.repository';

/** One item's versioned write in a batch: the changes, from the version its writer read. */
export interface VersionedChange {
  id: string;
  version: number;
  changes: ItemChanges;
}

/**
 * The statements of many PATCHes at once (ItemBatchUpdates), each a fixed number of statements
 * however many items: the rows read, the versions bumped, the actors replaced, the due dates read.
 */
@Injectable()
export class ItemUpdatesRepository {
  findMany(m: EntityManager, ids: string[]): Promise<Item[]> {
    return m.findBy(Item, { id: In(ids) });
  }

  /**
   * `bumpVersion` for many items in one statement: each row changed only from its own `version`.
   * Every change must set the same columns (the caller groups them). Answers the ids it changed.
   */
  async bumpVersions(m: EntityManager, rows: VersionedChange[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const fields = Object.keys(rows[0].changes) as (keyof ItemChanges)[];
    if (rows.some((r) => Object.keys(r.changes).join() !== fields.join()))
      throw new Error('bumpVersions: every change of a batch sets the same columns');
    const sets = ['version = i.version + 1', 'updated_at = now()'].concat(
      fields.map((f) => `${SETTABLE[f]} = r.${SETTABLE[f]}`),
    );
    // Typed by the table's own row type: each JSON value becomes its column's type.
    const records = rows.map(({ id, version, changes }) => ({
      id,
      version,
      ...Object.fromEntries(
        fields.map((f) => [
          SETTABLE[f],
          f === 'schedule' && typeof changes[f] === 'string' ? JSON.parse(changes[f]) : changes[f],
        ]),
      ),
    }));
    const changed = await sqlRows<{ id: string }>(
      m,
      `UPDATE items AS i SET ${sets.join(', ')}
         FROM jsonb_populate_recordset(NULL::items, $1::jsonb) AS r
        WHERE i.id = r.id AND i.version = r.version
        RETURNING i.id`,
      [JSON.stringify(records)],
    );
    return changed.map((c) => c.id);
  }

  /** The actors of `itemIds` replaced by `actors` (two statements). */
  async replaceActors(
    m: EntityManager,
    itemIds: string[],
    actors: Pick<ItemActor, 'itemId' | 'actorId' | 'role'>[],
  ): Promise<void> {
    if (itemIds.length === 0) return;
    await m.delete(ItemActor, { itemId: In(itemIds) });
    if (actors.length > 0) await m.insert(ItemActor, actors);
  }

  /** `ItemsRepository.dueDate` of many items, with their ids. */
  dueDates(m: EntityManager, ids: string[]): Promise<(DueDateRow & { id: string })[]> {
    return sqlRows<DueDateRow & { id: string }>(
      m,
      `SELECT id, kind, title, to_char(due_at, 'YYYY-MM-DD') AS due_at, due_precision, merged_into_id
         FROM items WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }
}
