import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { EventPayloads } from '../events/event-types';
import { Outbox } from '../events/outbox.service';
import { currentPeriod, StatusPeriod, statusPeriods } from './projection';
import type { ItemStatus } from './status-scales';

export interface StatusChange {
  changed: boolean;
  from: string;
  to: string;
  since: Date;
}

/** What caused a recompute; carried in the `item.status_changed` event. */
export type ChangeCause = Pick<EventPayloads['item.status_changed'], 'cause' | 'updateId'>;

/**
 * Re-derives the item's status history from its initial status and timeline and stores it:
 * `status_periods` rows, and `items.status`/`status_since` for fast lists. Runs in the caller's
 * transaction and locks the item row first, so concurrent writers to one item take turns (take
 * the lock before inserting timeline rows: the FK check on insert takes a weaker lock that would
 * otherwise deadlock with this one). It does not bump `version`: its callers bump it once for
 * the write they make. A change of the current status emits `item.status_changed`.
 */
@Injectable()
export class StatusHistory {
  constructor(private readonly outbox: Outbox) {}

  async recompute(m: EntityManager, itemId: string, cause: ChangeCause): Promise<StatusChange> {
    const [item]: {
      initial_status: string;
      initial_status_since: Date;
      status: string;
      status_since: Date;
    }[] = await m.query(
      `SELECT initial_status, initial_status_since, status, status_since FROM items WHERE id = $1 FOR UPDATE`,
      [itemId],
    );
    const entries: { status: string; effective_at: Date; recorded_at: Date; seq: string }[] = await m.query(
      `SELECT status, effective_at, recorded_at, seq FROM updates WHERE item_id = $1 AND status IS NOT NULL AND retracted_at IS NULL`,
      [itemId],
    );
    const periods = statusPeriods(
      { status: item.initial_status, since: item.initial_status_since },
      entries.map((e) => ({
        status: e.status,
        effectiveAt: e.effective_at,
        recordedAt: e.recorded_at,
        seq: Number(e.seq),
        retracted: false,
      })),
    );
    await writePeriods(m, itemId, periods);
    const now = currentPeriod(periods);
    const change = {
      changed: now.status !== item.status,
      from: item.status,
      to: now.status,
      since: now.from,
    };
    if (change.changed || now.from.getTime() !== item.status_since.getTime()) {
      await m.query(`UPDATE items SET status = $2, status_since = $3 WHERE id = $1`, [
        itemId,
        now.status,
        now.from,
      ]);
    }
    if (change.changed) {
      await this.outbox.emit(m, 'item.status_changed', {
        itemId,
        from: change.from,
        to: change.to,
        since: change.since.toISOString(),
        ...cause,
      });
    }
    return change;
  }

  /** The item's status at effective time `at` from `status_periods` (an index probe); null before its history starts. */
  async asOf(
    m: EntityManager,
    itemId: string,
    at: Date,
  ): Promise<{ status: ItemStatus; since: Date } | null> {
    const [row]: { status: ItemStatus; since: Date }[] = await m.query(
      `SELECT status, lower(during) AS since FROM status_periods WHERE item_id = $1 AND during @> $2::timestamptz`,
      [itemId, at.toISOString()],
    );
    return row ?? null;
  }
}

/** Each item's status at effective time `at` (one GiST probe per item on status_periods); items whose history starts later are absent. */
export async function statusesAt(
  m: EntityManager,
  itemIds: string[],
  at: Date,
): Promise<Map<string, ItemStatus>> {
  if (itemIds.length === 0) return new Map();
  const rows: { item_id: string; status: ItemStatus }[] = await m.query(
    `SELECT item_id, status FROM status_periods WHERE item_id = ANY($1::uuid[]) AND during @> $2::timestamptz`,
    [itemIds, at.toISOString()],
  );
  return new Map(rows.map((r) => [r.item_id, r.status]));
}

/**
 * Stores the item's intervals, touching only those that changed: an update that leaves the
 * history as it was (a note, progress) writes nothing, and the per-day status deltas that
 * triggers keep (migration StatusDayDeltas) move only for real changes. Each interval carries its
 * item's creation time, the order of the `status`+`asOf` list (migration StatusPeriodsCreationOrder).
 */
async function writePeriods(m: EntityManager, itemId: string, periods: StatusPeriod[]): Promise<void> {
  const wanted = `SELECT p.status, tstzrange(p.from_at, p.to_at, '[)') AS during
     FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[]) AS p(status, from_at, to_at)`;
  const values = [
    itemId,
    periods.map((p) => p.status),
    periods.map((p) => p.from.toISOString()),
    periods.map((p) => p.to?.toISOString() ?? null),
  ];
  await m.query(
    `DELETE FROM status_periods sp WHERE sp.item_id = $1 AND (sp.status, sp.during) NOT IN (${wanted})`,
    values,
  );
  await m.query(
    `INSERT INTO status_periods (item_id, status, during, item_created_at)
     SELECT $1, w.status, w.during, (SELECT created_at FROM items WHERE id = $1) FROM (${wanted}) w
     WHERE NOT EXISTS (SELECT 1 FROM status_periods sp WHERE sp.item_id = $1 AND sp.status = w.status AND sp.during = w.during)`,
    values,
  );
}
