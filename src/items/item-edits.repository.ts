import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sqlRow, sqlRows, sqlWrite } from '../database/sql';
import { Citation } from './citation.entity';
import type { CitationRole, ItemKind, ItemStatus, Recurrence } from './status-scales';

export type CitationRef = { id: string; role: CitationRole };
export type LockedRow = {
  id: string;
  version: number;
  mergedIntoId: string | null;
  discardedAt: Date | null;
  discardedBy: string | null;
};

/** An item a later source may move on, with the spans of that source it already records. */
export type TrackedItem = {
  id: string;
  kind: ItemKind;
  status: ItemStatus;
  currency: string | null;
  recurrence: Recurrence | null;
  /** Code-point spans of the source cited by the item or by the evidence of its live updates. */
  recorded: Array<{ start: number; end: number }>;
};

/**
 * Corrections to items after they were logged (issue #24): citations added and removed, discard and
 * restore, and what a later source already records on an item. `items` and `citations` are the
 * items feature's (ADR 0005); `trackedItems` also reads the timeline's `updates` and `evidence` in
 * the same statement (listed in the ADR).
 */
@Injectable()
export class ItemEditsRepository {
  /** Citations added after the item's creation (a create writes its own in ItemsRepository.insertNew). */
  async insertCitations(m: EntityManager, rows: Partial<Citation>[]): Promise<void> {
    await m.insert(Citation, rows);
  }

  citation(m: EntityManager, itemId: string, citationId: string): Promise<CitationRef | undefined> {
    return sqlRow<CitationRef>(m, `SELECT id, role FROM citations WHERE id = $1 AND item_id = $2`, [
      citationId,
      itemId,
    ]);
  }

  deleteCitation(m: EntityManager, citationId: string): Promise<number> {
    return sqlWrite(m, `DELETE FROM citations WHERE id = $1`, [citationId]);
  }

  /**
   * Discards a live item at one of `expectedVersions` (any when undefined): it points at itself,
   * so every list, count and look-alike leaves it out (migrations/1732703400000-DiscardedItems.ts).
   */
  discard(m: EntityManager, id: string, expectedVersions: number[] | undefined, by: string): Promise<number> {
    return sqlWrite(
      m,
      `UPDATE items SET merged_into_id = id, discarded_at = now(), discarded_by = $3, version = version + 1, updated_at = now()
        WHERE id = $1 AND merged_into_id IS NULL AND ($2::int[] IS NULL OR version = ANY($2::int[]))`,
      [id, expectedVersions ?? null, by],
    );
  }

  restore(m: EntityManager, id: string): Promise<number> {
    return sqlWrite(
      m,
      `UPDATE items SET merged_into_id = NULL, discarded_at = NULL, discarded_by = NULL, version = version + 1, updated_at = now()
        WHERE id = $1 AND merged_into_id = id`,
      [id],
    );
  }

  /** The row, locked FOR UPDATE: what a correction checks before it writes. */
  lockRow(m: EntityManager, id: string): Promise<LockedRow | undefined> {
    return sqlRow<LockedRow>(
      m,
      `SELECT id, version, merged_into_id AS "mergedIntoId", discarded_at AS "discardedAt", discarded_by AS "discardedBy"
         FROM items WHERE id = $1 FOR UPDATE`,
      [id],
    );
  }

  /**
   * Live items among `itemIds`, each with the spans of `sourceId` it already records: its own
   * citations, and the evidence of its updates that are not retracted (evidence without a quote
   * records the whole source).
   */
  trackedItems(m: EntityManager, itemIds: string[], sourceId: string): Promise<TrackedItem[]> {
    if (itemIds.length === 0) return Promise.resolve([]);
    return sqlRows<TrackedItem>(
      m,
      `SELECT i.id, i.kind, i.status, trim(coalesce(i.amount_currency, i.schedule->0->'amount'->>'currency')) AS currency, i.recurrence,
         (SELECT coalesce(json_agg(json_build_object('start', s.start, 'end', s."end")), '[]') FROM (
            SELECT coalesce((c.selectors #>> '{textPosition,start}')::int, 0) AS start,
                   coalesce((c.selectors #>> '{textPosition,end}')::int, 2147483647) AS "end"
              FROM citations c WHERE c.item_id = i.id AND c.source_id = $2
            UNION ALL
            SELECT coalesce((e.selectors #>> '{textPosition,start}')::int, 0),
                   coalesce((e.selectors #>> '{textPosition,end}')::int, 2147483647)
              FROM updates u JOIN evidence e ON e.update_id = u.id
             WHERE u.item_id = i.id AND u.retracted_at IS NULL AND e.source_id = $2) s) AS recorded
         FROM items i WHERE i.id = ANY($1::uuid[]) AND i.merged_into_id IS NULL`,
      [itemIds, sourceId],
    );
  }
}
