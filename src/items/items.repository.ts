import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sqlRow, sqlRows, sqlRun, sqlWrite } from '../database/sql';
import type { DuePrecision } from './due-window';
import {
  ACTORS_OF,
  ACTORS_ORDER,
  ActorRow,
  ITEM_DETAIL_AS_OF_SQL,
  ITEM_DETAIL_SQL,
  ItemDetailRow,
  LIVE_TAG_SQL,
} from './item-detail.query';
import { INSERT_NEW_ITEMS, NewItem } from './item-create.query';
import { ItemActor } from './item-actor.entity';
import { Item } from './item.entity';
import type { ItemKind, ItemStatus, Recurrence, TargetUnit } from './status-scales';

/** Columns a versioned write may set, by entity field, in the order its SET lists them. */
export const SETTABLE = {
  title: 'title',
  statement: 'statement',
  language: 'language',
  tags: 'tags',
  recurrence: 'recurrence',
  periodStart: 'period_start',
  periodEnd: 'period_end',
  dueAt: 'due_at',
  duePrecision: 'due_precision',
  amountValue: 'amount_value',
  amountCurrency: 'amount_currency',
  amountQualifier: 'amount_qualifier',
  amountValueMax: 'amount_value_max',
  schedule: 'schedule',
  targetValue: 'target_value',
  targetUnit: 'target_unit',
  targetLabel: 'target_label',
} as const;

/** Column values for `bumpVersion`; an absent (undefined) field is left as it is. */
export type ItemChanges = Partial<Record<keyof typeof SETTABLE, unknown>>;

/** The item as a timeline write locks it. */
export interface LockedItem {
  id: string;
  kind: ItemKind;
  amountCurrency: string | null;
  recurrence: Recurrence | null;
  targetUnit: TargetUnit | null;
  version: number;
}

/** The item as a timeline write leaves it; its `version` is the new ETag. */
export interface ItemHead {
  id: string;
  status: ItemStatus;
  statusSince: Date;
  version: number;
}

export type StatusRow = {
  initial_status: string;
  initial_status_since: Date;
  status: string;
  status_since: Date;
};
export type MergeLock = { id: string; kind: string; merged_into_id: string | null };
export type DueDateRow = {
  kind: string;
  title: string;
  due_at: string | null;
  due_precision: DuePrecision;
  merged_into_id: string | null;
};

/**
 * Every write to `items`, `item_actors` and `citations`, and the reads of one item. Every method
 * runs on the EntityManager it is given: the caller's transaction, or `dataSource.manager`.
 * Lists, search, look-alikes and the export are in item-lists.repository.ts.
 */
@Injectable()
export class ItemsRepository {
  /**
   * Creates in one round trip: the items, their actors and citations, audit entries and
   * `item.created` events (one statement that writes `audit_log` and `events` too; ADR 0005).
   */
  async insertNew(m: EntityManager, items: NewItem[]): Promise<void> {
    if (items.length === 0) return;
    const actors = items.flatMap(({ row, parts }) => parts.actors.map((a) => ({ itemId: row.id, ...a })));
    const citations = items.flatMap(({ row, parts }) =>
      parts.citations.map((c) => ({ itemId: row.id, ...c })),
    );
    await sqlRun(m, INSERT_NEW_ITEMS, [
      JSON.stringify(
        items.map(({ row, parts }) => ({ ...row, audit_change: parts.auditChange, event: parts.event })),
      ),
      actors.map((a) => a.itemId),
      actors.map((a) => a.actorId),
      actors.map((a) => a.role),
      citations.map((c) => c.itemId),
      citations.map((c) => c.sourceId),
      citations.map((c) => c.role),
      citations.map((c) => c.language ?? null),
      citations.map((c) => c.quote),
      citations.map((c) => c.translation ?? null),
      citations.map((c) => (c.selectors ? JSON.stringify(c.selectors) : null)),
    ]);
  }

  findById(m: EntityManager, id: string): Promise<Item | null> {
    return m.findOneBy(Item, { id });
  }

  /** The row, locked FOR SHARE: it cannot be merged or deleted until the caller commits. */
  findForShare(m: EntityManager, id: string): Promise<Item | null> {
    return m.findOne(Item, { where: { id }, lock: { mode: 'pessimistic_read' } });
  }

  async insertActors(
    m: EntityManager,
    rows: Pick<ItemActor, 'itemId' | 'actorId' | 'role'>[],
  ): Promise<void> {
    await m.insert(ItemActor, rows);
  }

  async deleteActors(m: EntityManager, itemId: string): Promise<void> {
    await m.delete(ItemActor, { itemId });
  }

  /**
   * The optimistic version bump, and the one statement of a versioned write: `version + 1` and
   * `changes`, only from one of `expectedVersions` when given. Of two racing writers exactly one
   * matches; the other writes nothing. Answers how many rows it changed (0 or 1).
   */
  bumpVersion(
    m: EntityManager,
    id: string,
    expectedVersions: number[] | undefined,
    changes: ItemChanges = {},
  ): Promise<number> {
    const sets: string[] = ['version = version + 1', 'updated_at = now()'];
    const params: unknown[] = [id, expectedVersions ?? null];
    for (const [field, column] of Object.entries(SETTABLE)) {
      const value = changes[field as keyof ItemChanges];
      if (value !== undefined) sets.push(`${column} = $${params.push(value)}`);
    }
    return sqlWrite(
      m,
      `UPDATE items SET ${sets.join(', ')} WHERE id = $1 AND ($2::int[] IS NULL OR version = ANY($2::int[]))`,
      params,
    );
  }

  /** Whether a row with this id exists, merged or not. */
  async exists(m: EntityManager, id: string): Promise<boolean> {
    return (await sqlRow<object>(m, `SELECT 1 FROM items WHERE id = $1`, [id])) !== undefined;
  }

  /** The item's version and ETag stamp when it is live (not merged or discarded): what a conditional GET compares. */
  liveTag(m: EntityManager, id: string): Promise<{ version: number; stamp: string | null } | undefined> {
    return sqlRow<{ version: number; stamp: string | null }>(m, LIVE_TAG_SQL, [id]);
  }

  /**
   * GET /:id in one round trip: the item row with its actors, citations, latest progress and
   * next follow-up as JSON sub-selects (item-detail.query.ts). Merged items come back as they are.
   */
  detail(m: EntityManager, id: string, asOf?: Date): Promise<ItemDetailRow | undefined> {
    return asOf
      ? sqlRow<ItemDetailRow>(m, ITEM_DETAIL_AS_OF_SQL, [id, asOf.toISOString()])
      : sqlRow<ItemDetailRow>(m, ITEM_DETAIL_SQL, [id]);
  }

  /** The actors of all `itemIds`, in one statement. */
  actorsOf(m: EntityManager, itemIds: string[]): Promise<ActorRow[]> {
    return sqlRows<ActorRow>(m, `${ACTORS_OF} WHERE ia.item_id = ANY($1::uuid[]) ${ACTORS_ORDER}`, [itemIds]);
  }

  /** The item's merge pointer, or undefined when it does not exist. */
  mergedInto(m: EntityManager, id: string): Promise<{ mergedIntoId: string | null } | undefined> {
    return sqlRow<{ mergedIntoId: string | null }>(
      m,
      `SELECT merged_into_id AS "mergedIntoId" FROM items WHERE id = $1`,
      [id],
    );
  }

  /** Takes the item's row lock first: timeline writes to one item queue here instead of deadlocking later. */
  lockForTimeline(
    m: EntityManager,
    id: string,
  ): Promise<(LockedItem & { mergedIntoId: string | null }) | undefined> {
    return sqlRow<LockedItem & { mergedIntoId: string | null }>(
      m,
      `SELECT id, kind, trim(coalesce(amount_currency, schedule->0->'amount'->>'currency')) AS "amountCurrency", recurrence,
            target_unit AS "targetUnit", version, merged_into_id AS "mergedIntoId"
     FROM items WHERE id = $1 FOR UPDATE`,
      [id],
    );
  }

  head(m: EntityManager, id: string): Promise<ItemHead | undefined> {
    return sqlRow<ItemHead>(
      m,
      `SELECT id, status, status_since AS "statusSince", version FROM items WHERE id = $1`,
      [id],
    );
  }

  /** The status columns, the row locked for update (StatusHistory). */
  lockStatus(m: EntityManager, id: string): Promise<StatusRow | undefined> {
    return sqlRow<StatusRow>(
      m,
      `SELECT initial_status, initial_status_since, status, status_since FROM items WHERE id = $1 FOR UPDATE`,
      [id],
    );
  }

  async setStatus(m: EntityManager, id: string, status: string, since: Date): Promise<void> {
    await sqlWrite(m, `UPDATE items SET status = $2, status_since = $3 WHERE id = $1`, [id, status, since]);
  }

  /** Both rows locked in id order, so two merges of the same pair cannot deadlock. */
  lockPair(m: EntityManager, ids: [string, string]): Promise<MergeLock[]> {
    return sqlRows<MergeLock>(
      m,
      `SELECT id, kind, merged_into_id FROM items WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
  }

  /** The duplicate keeps only a pointer to its survivor; earlier merges into it point at the survivor too. */
  async markMerged(m: EntityManager, id: string, intoId: string): Promise<void> {
    await sqlWrite(
      m,
      `UPDATE items SET merged_into_id = $2, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, intoId],
    );
    // One redirect, never a chain.
    await sqlWrite(m, `UPDATE items SET merged_into_id = $2 WHERE merged_into_id = $1`, [id, intoId]);
  }

  /** The survivor of a merge changed: a new version, whatever the client last saw. */
  async touch(m: EntityManager, id: string): Promise<void> {
    await sqlWrite(m, `UPDATE items SET version = version + 1, updated_at = now() WHERE id = $1`, [id]);
  }

  moveCitations(m: EntityManager, id: string, intoId: string): Promise<number> {
    return sqlWrite(m, `UPDATE citations SET item_id = $2 WHERE item_id = $1`, [id, intoId]);
  }

  /** Copies the duplicate's actors to the survivor (those it lacks); how many were added. */
  async copyActors(m: EntityManager, id: string, intoId: string): Promise<number> {
    const rows = await sqlRows<{ actor_id: string }>(
      m,
      `INSERT INTO item_actors (item_id, actor_id, role) SELECT $2, actor_id, role FROM item_actors WHERE item_id = $1 ON CONFLICT DO NOTHING RETURNING actor_id`,
      [id, intoId],
    );
    return rows.length;
  }

  /** The origin and support sources an item cites, oldest first. */
  citedSources(m: EntityManager, itemId: string) {
    return sqlRows<{
      canonical_url: string;
      title: string;
      publisher: string | null;
      published_at: Date | null;
      language: string;
      role: string;
    }>(
      m,
      `SELECT s.canonical_url, s.title, s.publisher, s.published_at, s.language, c.role FROM citations c JOIN sources s ON s.id = c.source_id
       WHERE c.item_id = $1 AND c.role IN ('origin', 'support') ORDER BY s.published_at NULLS LAST, c.created_at`,
      [itemId],
    );
  }

  /** Items already logged from this source (not merged): the code-point span each citation covers. */
  citedSpans(m: EntityManager, sourceId: string): Promise<{ itemId: string; start: number; end: number }[]> {
    return sqlRows<{ itemId: string; start: number; end: number }>(
      m,
      `SELECT c.item_id AS "itemId", (c.selectors #>> '{textPosition,start}')::int AS start,
              (c.selectors #>> '{textPosition,end}')::int AS "end"
         FROM citations c JOIN items i ON i.id = c.item_id
        WHERE c.source_id = $1 AND i.merged_into_id IS NULL AND c.selectors IS NOT NULL`,
      [sourceId],
    );
  }
}
