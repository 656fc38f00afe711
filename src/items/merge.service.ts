import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ProblemError } from '../common/problem';
import { StatusHistory } from './status-history';
import { assertLiveItem, itemNotFound } from './items.errors';
import { ItemsService } from './items.service';
import { ItemView } from './items.view';
import { MergeErrors } from './merge.errors';
import { DueDateFollowUps } from './due-date-follow-ups';
import { ItemsRepository, MergeLock } from './items.repository';
import { TimelineEntries } from './timeline-entries';

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
    private readonly rows: ItemsRepository,
    private readonly timeline: TimelineEntries,
    private readonly followUps: DueDateFollowUps,
  ) {}

  async merge(id: string, intoId: string, by: string): Promise<ItemView> {
    if (id === intoId)
      throw new ProblemError(MergeErrors.INTO_ITSELF, `Item ${id} cannot be merged into itself`);
    return this.db.transaction(async (m) => {
      const [merged, survivor] = await this.lockBoth(m, id, intoId);
      for (const row of [merged, survivor])
        if (row.merged_into_id === row.id) assertLiveItem({ mergedIntoId: row.id }, row.id); // discarded: 410
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
      const moved = await this.moveRecords(m, id, intoId);
      // Earlier merges into the duplicate now point at the survivor too: one redirect, never a chain.
      await this.rows.markMerged(m, id, intoId);
      await this.rows.touch(m, intoId);
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

  /** Row locks in id order, so two merges of the same pair cannot deadlock. */
  private async lockBoth(m: EntityManager, id: string, intoId: string): Promise<[MergeLock, MergeLock]> {
    const rows = await this.rows.lockPair(m, [id, intoId]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const wanted of [id, intoId]) if (!byId.has(wanted)) throw itemNotFound(wanted);
    return [byId.get(id)!, byId.get(intoId)!];
  }

  /** Citations, updates, follow-ups (automatic ones are cancelled: see DueDateFollowUps) and actors. */
  private async moveRecords(m: EntityManager, id: string, intoId: string): Promise<Record<string, number>> {
    const citations = await this.rows.moveCitations(m, id, intoId);
    const updates = await this.timeline.moveToItem(m, id, intoId);
    const followUps = await this.followUps.moveToSurvivor(m, id, intoId);
    return { citations, updates, ...followUps, actors: await this.rows.copyActors(m, id, intoId) };
  }
}
