import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sqlRow, sqlRows, sqlRun, sqlWrite } from '../database/sql';
import { ITEM_DETAIL_SQL, ItemDetailRow } from './item-detail.query';
import type { StatusPeriod } from './projection';
import type { ItemStatus } from './status-scales';

/** Every statement on `status_periods` (one row per interval an item held a status). */
@Injectable()
export class StatusPeriodsRepository {
  /**
   * Stores the item's intervals, touching only those that changed: an update that leaves the
   * history as it was (a note, progress) writes nothing, and the per-day status deltas that
   * triggers keep (migration StatusDayDeltas) move only for real changes. Each interval carries its
   * item's creation time, the order of the `status`+`asOf` list (migration StatusPeriodsCreationOrder).
   */
  async write(m: EntityManager, itemId: string, periods: StatusPeriod[]): Promise<void> {
    const wanted = `SELECT p.status, tstzrange(p.from_at, p.to_at, '[)') AS during
     FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) AS p(status, from_at, to_at)`;
    const values = [
      itemId,
      periods.map((p) => p.status),
      periods.map((p) => p.from.toISOString()),
      periods.map((p) => p.to?.toISOString() ?? null),
    ];
    await sqlWrite(
      m,
      `DELETE FROM status_periods sp WHERE sp.item_id = $1 AND (sp.status, sp.during) NOT IN (${wanted})`,
      values,
    );
    await sqlRun(
      m,
      `INSERT INTO status_periods (item_id, status, during, item_created_at)
     SELECT $1, w.status, w.during, (SELECT created_at FROM items WHERE id = $1) FROM (${wanted}) w
     WHERE NOT EXISTS (SELECT 1 FROM status_periods sp WHERE sp.item_id = $1 AND sp.status = w.status AND sp.during = w.during)`,
      values,
    );
  }

  /** The first interval of each item inserted in this transaction (they have none yet), in one statement. */
  async insertFirst(m: EntityManager, periods: (StatusPeriod & { itemId: string })[]): Promise<void> {
    await sqlRun(m, insertFirstSql(1), firstValues(periods));
  }

  /**
   * POST /v1/items: the new item's first interval written and the item read back (ITEM_DETAIL_SQL,
   * which reads no interval), one round trip for both. The interval's trigger, which takes the
   * status-delta lock until the commit, fires at the end of the statement, after the read.
   */
  insertFirstAndRead(
    m: EntityManager,
    period: StatusPeriod & { itemId: string },
  ): Promise<ItemDetailRow | undefined> {
    return sqlRow<ItemDetailRow>(m, `WITH first AS (${insertFirstSql(2)}) ${ITEM_DETAIL_SQL}`, [
      period.itemId,
      ...firstValues([period]),
    ]);
  }

  /** The item's status at effective time `at` (an index probe); undefined before its history starts. */
  at(m: EntityManager, itemId: string, at: Date): Promise<{ status: ItemStatus; since: Date } | undefined> {
    return sqlRow<{ status: ItemStatus; since: Date }>(
      m,
      `SELECT status, lower(during) AS since FROM status_periods WHERE item_id = $1 AND during @> $2::timestamptz`,
      [itemId, at.toISOString()],
    );
  }

  /** Each item's status at `at` (one GiST probe per item); items whose history starts later are absent. */
  manyAt(m: EntityManager, itemIds: string[], at: Date): Promise<{ item_id: string; status: ItemStatus }[]> {
    return sqlRows<{ item_id: string; status: ItemStatus }>(
      m,
      `SELECT item_id, status FROM status_periods WHERE item_id = ANY($1::uuid[]) AND during @> $2::timestamptz`,
      [itemIds, at.toISOString()],
    );
  }
}

/** The first intervals' INSERT, its four arrays numbered from `$from`. */
const insertFirstSql = (from: number) => {
  const [ids, statuses, froms, tos] = [0, 1, 2, 3].map((k) => `$${from + k}`);
  return `INSERT INTO status_periods (item_id, status, during, item_created_at)
       SELECT i.id, p.status, tstzrange(p.from_at, p.to_at, '[)'), i.created_at
         FROM unnest(${ids}::uuid[], ${statuses}::text[], ${froms}::timestamptz[], ${tos}::timestamptz[]) AS p(item_id, status, from_at, to_at)
         JOIN items i ON i.id = p.item_id`;
};

const firstValues = (periods: (StatusPeriod & { itemId: string })[]) => [
  periods.map((p) => p.itemId),
  periods.map((p) => p.status),
  periods.map((p) => p.from.toISOString()),
  periods.map((p) => p.to?.toISOString() ?? null),
];
