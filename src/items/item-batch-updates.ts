import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ActorsRepository } from '../actors/actors.repository';
import { AuditService } from '../audit/audit.service';
import { CommonErrors, ProblemError, throwIfViolations } from '../common/problem';
import { DueDateFollowUps } from './due-date-follow-ups';
import { UpdateItemDto } from './dto/item.dto';
import { uniqueActors } from './item-create.query';
import { patchChanges, patchViolations } from './item-patch';
import { unknownActorViolations } from './item-rules';
import { ItemUpdatesRepository, VersionedChange } from './item-updates.repository';
import { assertLiveItem, itemNotFound } from './items.errors';

/** One PATCH of a batch: the item, the version its writer read (`If-Match`), the body. */
export interface BatchUpdate {
  id: string;
  version: number;
  dto: UpdateItemDto;
}

/**
 * Many PATCHes in the caller's transaction with the guarantees of `ItemsService.update` (the
 * rules, the optimistic version check, the actors replaced, one `update` audit entry each with the
 * body as its change, the automatic follow-ups kept), in a fixed number of statements however
 * many items: an import writes its changed rows this way (docs/imports.md). Anything refused —
 * an item gone or merged, a rule, an unknown actor, a version another writer moved — refuses the
 * whole batch with the error a single PATCH of that item would get; the caller decides what to do
 * with the rows (an import tries each row alone).
 */
@Injectable()
export class ItemBatchUpdates {
  constructor(
    private readonly items: ItemUpdatesRepository,
    private readonly actors: ActorsRepository,
    private readonly audit: AuditService,
    private readonly dueDateFollowUps: DueDateFollowUps,
  ) {}

  async update(m: EntityManager, updates: BatchUpdate[], by: string): Promise<void> {
    if (updates.length === 0) return;
    const ids = updates.map((u) => u.id);
    const current = new Map((await this.items.findMany(m, ids)).map((item) => [item.id, item]));
    for (const { id } of updates) {
      const item = current.get(id);
      if (item?.mergedIntoId === id) assertLiveItem(item, id); // discarded: 410
      if (!item || item.mergedIntoId) throw itemNotFound(id);
    }
    throwIfViolations(updates.flatMap((u) => patchViolations(current.get(u.id)!, u.dto)));
    const actorIds = [...new Set(updates.flatMap((u) => (u.dto.actors ?? []).map((a) => a.actorId)))];
    if (actorIds.length > 0) {
      const found = await this.actors.existing(m, actorIds);
      throwIfViolations(updates.flatMap((u) => unknownActorViolations(u.dto.actors ?? [], found)));
    }
    // One statement per set of columns changed (an import's rows all change the same ones).
    const byColumns = new Map<string, VersionedChange[]>();
    for (const { id, version, dto } of updates) {
      const changes = patchChanges(dto);
      const key = Object.keys(changes).join();
      byColumns.set(key, [...(byColumns.get(key) ?? []), { id, version, changes }]);
    }
    for (const rows of byColumns.values()) {
      const changed = new Set(await this.items.bumpVersions(m, rows));
      const stale = rows.find((r) => !changed.has(r.id));
      if (stale)
        throw new ProblemError(
          CommonErrors.PRECONDITION_FAILED,
          `Item ${stale.id} is at version ${current.get(stale.id)!.version}, not ${stale.version}`,
          { currentVersion: current.get(stale.id)!.version },
        );
    }
    const withActors = updates.filter((u) => u.dto.actors);
    await this.items.replaceActors(
      m,
      withActors.map((u) => u.id),
      withActors.flatMap((u) => uniqueActors(u.dto.actors!).map((a) => ({ itemId: u.id, ...a }))),
    );
    await this.audit.recordMany(
      m,
      updates.map((u) => ({
        actor: by,
        action: 'update',
        entityType: 'item',
        entityId: u.id,
        change: { ...u.dto },
      })),
    );
    await this.dueDateFollowUps.syncMany(m, ids, by);
  }
}
