import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { EventPayloads } from '../events/event-types';
import { Outbox } from '../events/outbox.service';
import type { ItemDetailRow } from './item-detail.query';
import { ItemsRepository } from './items.repository';
import { currentPeriod, InitialStatus, statusPeriods } from './projection';
import { StatusPeriodsRepository } from './status-periods.repository';
import { TimelineEntries } from './timeline-entries';
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
  constructor(
    private readonly outbox: Outbox,
    private readonly items: ItemsRepository,
    private readonly periods: StatusPeriodsRepository,
    private readonly timeline: TimelineEntries,
  ) {}

  /**
   * New items' histories: each its initial status from `since` on, one interval (one statement
   * for them all). Nothing to recompute (no timeline yet), no row to lock (the caller inserted
   * them), no change to announce.
   */
  async start(m: EntityManager, items: (InitialStatus & { itemId: string })[]): Promise<void> {
    if (items.length === 0) return;
    await this.periods.insertFirst(
      m,
      items.map(({ itemId, ...initial }) => ({ itemId, ...statusPeriods(initial, [])[0] })),
    );
  }

  /**
   * A new item's history started (as `start`) and the item read back in the same round trip
   * (POST /v1/items); undefined when the row is not there.
   */
  startAndRead(
    m: EntityManager,
    { itemId, ...initial }: InitialStatus & { itemId: string },
  ): Promise<ItemDetailRow | undefined> {
    return this.periods.insertFirstAndRead(m, { itemId, ...statusPeriods(initial, [])[0] });
  }

  async recompute(m: EntityManager, itemId: string, cause: ChangeCause): Promise<StatusChange> {
    const item = (await this.items.lockStatus(m, itemId))!;
    const entries = await this.timeline.statusEntries(m, itemId);
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
    await this.periods.write(m, itemId, periods);
    const now = currentPeriod(periods);
    const change = {
      changed: now.status !== item.status,
      from: item.status,
      to: now.status,
      since: now.from,
    };
    if (change.changed || now.from.getTime() !== item.status_since.getTime()) {
      await this.items.setStatus(m, itemId, now.status, now.from);
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
    return (await this.periods.at(m, itemId, at)) ?? null;
  }

  /** Each item's status at effective time `at`; items whose history starts later are absent. */
  async statusesAt(m: EntityManager, itemIds: string[], at: Date): Promise<Map<string, ItemStatus>> {
    if (itemIds.length === 0) return new Map();
    const rows = await this.periods.manyAt(m, itemIds, at);
    return new Map(rows.map((r) => [r.item_id, r.status]));
  }
}
