import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CommonErrors, ProblemError, throwIfViolations } from '../common/problem';
import { assertLiveItem } from '../items/items.errors';
import type { ItemKind, ItemStatus, Recurrence, TargetUnit } from '../items/status-scales';
import { confirmUnchanged, QuoteVerifier } from '../sources/quote-verifier';
import { CreateUpdateDto } from './dto/update.dto';
import { readInstant } from '../common/instant';
import { StatusHistory } from '../items/status-history';
import { TimelineErrors } from './timeline.errors';
import { listUpdates, loadUpdateViews, UpdateView } from './timeline.view';
import { Evidence, Update } from './update.entity';
import { updateViolations } from './update-rules';
import { sqlWrite } from '../common/sql';

/** The item as a timeline write leaves it; its `version` is the new ETag. */
export interface ItemHead {
  id: string;
  status: ItemStatus;
  statusSince: Date;
  version: number;
}

export type TimelineResult = UpdateView & { item: ItemHead };

interface LockedItem {
  id: string;
  kind: ItemKind;
  amountCurrency: string | null;
  recurrence: Recurrence | null;
  targetUnit: TargetUnit | null;
  version: number;
}

@Injectable()
export class TimelineService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly statusHistory: StatusHistory,
    private readonly quotes: QuoteVerifier,
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
      const item = await lockItem(m, itemId, '/updates');
      await bumpVersion(m, item, expectedVersions);
      throwIfViolations(updateViolations(item, dto, new Date()));
      throwIfViolations(quotes.violations);
      await confirmUnchanged(m, quotes);
      const { selectors } = quotes;
      const [{ id }]: { id: string }[] = await m.query(
        `INSERT INTO updates (item_id, status, effective_at, recorded_at, recorded_by, note, delivered_value, delivered_currency, progress_period, progress_percent, progress_stage, achieved_value, achieved_unit)
         VALUES ($1, $2, COALESCE($3::timestamptz, date_trunc('milliseconds', now())), date_trunc('milliseconds', now()), $4, $5, $6, $7, $8, $9, $10, $11, $12)
         RETURNING id`,
        [
          itemId,
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
        ],
      );
      if (evidence.length) {
        await m.insert(
          Evidence,
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
      const item = await lockItem(m, itemId, `/updates/${updateId}/retract`);
      const update = await m.findOneBy(Update, { id: updateId, itemId });
      if (!update)
        throw new ProblemError(TimelineErrors.UPDATE_NOT_FOUND, `Item ${itemId} has no update ${updateId}`);
      if (update.retractedAt) {
        throw new ProblemError(
          TimelineErrors.ALREADY_RETRACTED,
          `Update ${updateId} was retracted at ${update.retractedAt.toISOString()} by ${update.retractedBy}`,
        );
      }
      await bumpVersion(m, item, expectedVersions);
      await m.query(
        `UPDATE updates SET retracted_at = now(), retracted_by = $2, retraction_reason = $3 WHERE id = $1`,
        [updateId, by, reason],
      );
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

  async list(itemId: string, limit: number, cursor?: string) {
    const [item]: { mergedIntoId: string | null }[] = await this.db.query(
      `SELECT merged_into_id AS "mergedIntoId" FROM items WHERE id = $1`,
      [itemId],
    );
    assertLiveItem(item, itemId, '/updates');
    return listUpdates(this.db.manager, itemId, limit, cursor);
  }

  private async result(m: EntityManager, itemId: string, updateId: string): Promise<TimelineResult> {
    const [view] = await loadUpdateViews(m, [await m.findOneByOrFail(Update, { id: updateId })]);
    const [head]: ItemHead[] = await m.query(
      `SELECT id, status, status_since AS "statusSince", version FROM items WHERE id = $1`,
      [itemId],
    );
    return { ...view, item: head };
  }
}

/** Takes the item's row lock first: appends to one item queue here instead of deadlocking later. */
async function lockItem(m: EntityManager, itemId: string, subPath: string): Promise<LockedItem> {
  const [row]: (LockedItem & { mergedIntoId: string | null })[] = await m.query(
    `SELECT id, kind, trim(coalesce(amount_currency, schedule->0->'amount'->>'currency')) AS "amountCurrency", recurrence,
            target_unit AS "targetUnit", version, merged_into_id AS "mergedIntoId"
     FROM items WHERE id = $1 FOR UPDATE`,
    [itemId],
  );
  assertLiveItem(row, itemId, subPath);
  return row;
}

/** Timeline writes change the item, so they bump its version; with If-Match, only from that version. */
async function bumpVersion(
  m: EntityManager,
  item: LockedItem,
  expectedVersions: number[] | undefined,
): Promise<void> {
  const affected = await sqlWrite(
    m,
    `UPDATE items SET version = version + 1, updated_at = now() WHERE id = $1 AND ($2::int[] IS NULL OR version = ANY($2::int[]))`,
    [item.id, expectedVersions ?? null],
  );
  if (affected === 0) {
    throw new ProblemError(
      CommonErrors.PRECONDITION_FAILED,
      `Item ${item.id} is at version ${item.version}, not ${expectedVersions?.join(' or ')}`,
      { currentVersion: item.version },
    );
  }
}
