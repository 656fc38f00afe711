import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CommonErrors, ProblemError, throwIfViolations } from '../common/problem';
import { assertLiveItem } from '../items/items.errors';
import { QuoteVerifier } from '../sources/quote-verifier';
import { CreateUpdateDto } from './dto/update.dto';
import { readInstant } from '../common/instant';
import { StatusHistory } from '../items/status-history';
import { TimelineErrors } from './timeline.errors';
import { ItemHead, ItemsRepository, LockedItem } from '../items/items.repository';
import { TimelineRepository } from './timeline.repository';
import { UpdateView, updateViews } from './timeline.view';
import { Update } from './update.entity';
import { updateViolations } from './update-rules';
import { Page } from '../common/pagination';

export type { ItemHead };
export type TimelineResult = UpdateView & { item: ItemHead };

@Injectable()
export class TimelineService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly statusHistory: StatusHistory,
    private readonly quotes: QuoteVerifier,
    private readonly items: ItemsRepository,
    private readonly updates: TimelineRepository,
  ) {}

  /** Appends an entry and recomputes the status, all in one transaction serialised per item. */
  async append(
    itemId: string,
    dto: CreateUpdateDto,
    expectedVersions: number[] | undefined,
    by: string,
  ): Promise<TimelineResult> {
    const evidence = dto.evidence ?? [];
    const quotes = await this.quotes.check(
      evidence.map((e, i) => ({ sourceId: e.sourceId, quote: e.quote, path: `evidence.${i}` })),
    );
    return this.db.transaction(async (m) => {
      const item = await this.lockItem(m, itemId, '/updates');
      await this.bumpVersion(m, item, expectedVersions);
      throwIfViolations(updateViolations(item, dto, new Date()));
      throwIfViolations(quotes.violations);
      await this.quotes.confirmUnchanged(m, quotes);
      const { selectors } = quotes;
      const id = await this.updates.insert(m, itemId, [
        dto.status ?? null,
        dto.effectiveAt ? readInstant(dto.effectiveAt)!.toISOString() : null,
        by,
        dto.note,
        dto.progress?.delivered?.value ?? null,
        dto.progress?.delivered?.currency ?? null,
        dto.progress?.period ?? null,
        dto.progress?.percent ?? null,
        dto.progress?.stage ?? 'delivered',
        dto.progress?.achieved?.value ?? null,
        dto.progress?.achieved?.unit ?? null,
      ]);
      if (evidence.length) {
        await this.updates.insertEvidence(
          m,
          evidence.map((e, i) => ({
            updateId: id,
            sourceId: e.sourceId,
            quote: e.quote ?? null,
            selectors: selectors[i],
            position: i,
          })),
        );
      }
      await this.statusHistory.recompute(m, itemId, { cause: 'update', updateId: id });
      await this.audit.record(m, {
        actor: by,
        action: 'timeline.append',
        entityType: 'item',
        entityId: itemId,
        change: { updateId: id, ...dto },
      });
      return this.result(m, itemId, id);
    });
  }

  /** Flags an entry as retracted (it stays in the timeline) and recomputes the status. */
  async retract(
    itemId: string,
    updateId: string,
    reason: string,
    expectedVersions: number[] | undefined,
    by: string,
  ): Promise<TimelineResult> {
    return this.db.transaction(async (m) => {
      const item = await this.lockItem(m, itemId, `/updates/${updateId}/retract`);
      const update = await this.updates.find(m, { id: updateId, itemId });
      if (!update)
        throw new ProblemError(TimelineErrors.UPDATE_NOT_FOUND, `Item ${itemId} has no update ${updateId}`);
      if (update.retractedAt) {
        throw new ProblemError(
          TimelineErrors.ALREADY_RETRACTED,
          `Update ${updateId} was retracted at ${update.retractedAt.toISOString()} by ${update.retractedBy}`,
        );
      }
      await this.bumpVersion(m, item, expectedVersions);
      await this.updates.retract(m, updateId, by, reason);
      await this.statusHistory.recompute(m, itemId, { cause: 'retraction', updateId });
      await this.audit.record(m, {
        actor: by,
        action: 'timeline.retract',
        entityType: 'item',
        entityId: itemId,
        change: { updateId, reason },
      });
      return this.result(m, itemId, updateId);
    });
  }

  /** One page of the item's timeline, retracted entries included. */
  async list(itemId: string, limit: number, cursor?: string): Promise<Page<UpdateView>> {
    const m = this.db.manager;
    assertLiveItem(await this.items.mergedInto(m, itemId), itemId, '/updates');
    const page = await this.updates.page(m, itemId, limit, cursor);
    return { data: await this.views(m, page.data), nextCursor: page.nextCursor };
  }

  private async result(m: EntityManager, itemId: string, updateId: string): Promise<TimelineResult> {
    const [view] = await this.views(m, [await this.updates.findOrFail(m, updateId)]);
    const head = (await this.items.head(m, itemId))!;
    return { ...view, item: head };
  }

  /** API shapes of updates with their evidence, in one query for all of them. */
  private async views(m: EntityManager, updates: Update[]): Promise<UpdateView[]> {
    const ids = updates.map((u) => u.id);
    return updateViews(updates, ids.length ? await this.updates.evidenceOf(m, ids) : []);
  }

  /** Takes the item's row lock first: appends to one item queue here instead of deadlocking later. */
  private async lockItem(m: EntityManager, itemId: string, subPath: string): Promise<LockedItem> {
    const row = await this.items.lockForTimeline(m, itemId);
    assertLiveItem(row, itemId, subPath);
    return row;
  }

  /** Timeline writes change the item, so they bump its version; with If-Match, only from that version. */
  private async bumpVersion(
    m: EntityManager,
    item: LockedItem,
    expectedVersions: number[] | undefined,
  ): Promise<void> {
    const affected = await this.items.bumpVersion(m, item.id, expectedVersions);
    if (affected === 0) {
      throw new ProblemError(
        CommonErrors.PRECONDITION_FAILED,
        `Item ${item.id} is at version ${item.version}, not ${expectedVersions?.join(' or ')}`,
        { currentVersion: item.version },
      );
    }
  }
}
