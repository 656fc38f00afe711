import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ProblemError } from '../common/problem';
import { StatusHistory } from './status-history';
import { itemNotFound } from './items.errors';
import { ItemsService } from './items.service';
import { ItemView } from './items.view';
import { MergeErrors } from './merge.errors';
import { sqlRows, sqlWrite } from '../common/sql';

interface Locked {
  id: string;
  kind: string;
  merged_into_id: string | null;
}

/**
 * Folds a duplicate into the item that survives, in one transaction: citations, updates,
 * follow-ups and actors move over, the survivor's status is recomputed from the combined
 * timeline and its version bumped, and the duplicate keeps only a pointer (GET answers 308).
 */
@Injectable()
export class MergeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly items: ItemsService,
    private readonly statusHistory: StatusHistory,
  ) {}

  async merge(id: string, intoId: string, by: string): Promise<ItemView> {
    if (id === intoId)
      throw new ProblemError(MergeErrors.INTO_ITSELF, `Item ${id} cannot be merged into itself`);
    return this.db.transaction(async (m) => {
      const [merged, survivor] = await lockBoth(m, id, intoId);
      if (merged.merged_into_id)
        throw new ProblemError(
          MergeErrors.ALREADY_MERGED,
          `Item ${id} was already merged into ${merged.merged_into_id}`,
          { mergedIntoId: merged.merged_into_id },
        );
      if (survivor.merged_into_id)
        throw new ProblemError(
          MergeErrors.TARGET_MERGED,
          `Item ${intoId} was merged into ${survivor.merged_into_id}`,
          { mergedIntoId: survivor.merged_into_id },
        );
      if (merged.kind !== survivor.kind)
        throw new ProblemError(
          MergeErrors.KIND_MISMATCH,
          `Item ${id} is a ${merged.kind}, item ${intoId} a ${survivor.kind}`,
        );
      const moved = await moveRecords(m, id, intoId);
      await m.query(
        `UPDATE items SET merged_into_id = $2, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, intoId],
      );
      // Earlier merges into the duplicate now point at the survivor: one redirect, never a chain.
      await m.query(`UPDATE items SET merged_into_id = $2 WHERE merged_into_id = $1`, [id, intoId]);
      await m.query(`UPDATE items SET version = version + 1, updated_at = now() WHERE id = $1`, [intoId]);
      await this.statusHistory.recompute(m, intoId, { cause: 'merge' });
      await this.audit.record(m, {
        actor: by,
        action: 'merge',
        entityType: 'item',
        entityId: id,
        change: { intoId, ...moved },
      });
      await this.audit.record(m, {
        actor: by,
        action: 'merge.survivor',
        entityType: 'item',
        entityId: intoId,
        change: { mergedId: id, ...moved },
      });
      return this.items.view(m, intoId);
    });
  }
}

/** Row locks in id order, so two merges of the same pair cannot deadlock. */
async function lockBoth(m: EntityManager, id: string, intoId: string): Promise<[Locked, Locked]> {
  const rows: Locked[] = await m.query(
    `SELECT id, kind, merged_into_id FROM items WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [[id, intoId]],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const wanted of [id, intoId]) if (!byId.has(wanted)) throw itemNotFound(wanted);
  return [byId.get(id)!, byId.get(intoId)!];
}

/** Automatic follow-ups belong to the duplicate's own due date, so they are cancelled rather than moved. */
async function moveRecords(m: EntityManager, id: string, intoId: string): Promise<Record<string, number>> {
  const affected = (sql: string, params: unknown[]) => sqlWrite(m, sql, params);
  return {
    citations: await affected(`UPDATE citations SET item_id = $2 WHERE item_id = $1`, [id, intoId]),
    updates: await affected(`UPDATE updates SET item_id = $2 WHERE item_id = $1`, [id, intoId]),
    followUps: await affected(
      `UPDATE follow_ups SET item_id = $2, sequence = sequence + 1, updated_at = now() WHERE item_id = $1 AND NOT automatic`,
      [id, intoId],
    ),
    cancelledAutomaticFollowUps: await affected(
      `UPDATE follow_ups SET state = 'cancelled', sequence = sequence + 1, updated_at = now() WHERE item_id = $1 AND automatic AND state IN ('scheduled', 'notified')`,
      [id],
    ),
    actors: (
      await sqlRows(
        m,
        `INSERT INTO item_actors (item_id, actor_id, role) SELECT $2, actor_id, role FROM item_actors WHERE item_id = $1 ON CONFLICT DO NOTHING RETURNING actor_id`,
        [id, intoId],
      )
    ).length,
  };
}
