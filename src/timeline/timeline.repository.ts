import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Keyset } from '../common/keyset';
import { Page } from '../common/pagination';
import { sqlRows, sqlWrite } from '../database/sql';
import { StatusEntry, TimelineEntries } from '../items/timeline-entries';
import { Evidence, Update } from './update.entity';

/** Timeline order: when it happened, then when it was logged, then insertion order. */
const TIMELINE_ORDER = new Keyset(
  [
    { sql: 'u.effective_at', type: 'timestamptz' },
    { sql: 'u.recorded_at', type: 'timestamptz' },
    { sql: 'u.seq', type: 'bigint' },
  ],
  'ASC',
);

/** The columns of a new entry, in the order of the INSERT's parameters $2 to $12. */
export type NewUpdate = [
  status: string | null,
  effectiveAt: string | null,
  recordedBy: string,
  note: string,
  deliveredValue: string | null,
  deliveredCurrency: string | null,
  progressPeriod: string | null,
  progressPercent: number | null,
  progressStage: string,
  achievedValue: string | null,
  achievedUnit: string | null,
];

/**
 * Every statement on `updates` and `evidence`. Every method runs on the EntityManager it is
 * given: the caller's transaction, or `dataSource.manager`. Also the items feature's port to
 * the timeline (TimelineEntries, bound in AppModule).
 */
@Injectable()
export class TimelineRepository implements TimelineEntries {
  /** Appends an entry; effective now (to the millisecond) unless `effectiveAt` says otherwise. */
  async insert(m: EntityManager, itemId: string, values: NewUpdate): Promise<string> {
    const [{ id }] = await sqlRows<{ id: string }>(
      m,
      `INSERT INTO updates (item_id, status, effective_at, recorded_at, recorded_by, note, delivered_value, delivered_currency, progress_period, progress_percent, progress_stage, achieved_value, achieved_unit)
         VALUES ($1, $2, COALESCE($3::timestamptz, date_trunc('milliseconds', now())), date_trunc('milliseconds', now()), $4, $5, $6, $7, $8, $9, $10, $11, $12)
         RETURNING id`,
      [itemId, ...values],
    );
    return id;
  }

  async insertEvidence(m: EntityManager, rows: Partial<Evidence>[]): Promise<void> {
    await m.insert(Evidence, rows);
  }

  find(m: EntityManager, where: { id: string; itemId?: string }): Promise<Update | null> {
    return m.findOneBy(Update, where);
  }

  findOrFail(m: EntityManager, id: string): Promise<Update> {
    return m.findOneByOrFail(Update, { id });
  }

  async retract(m: EntityManager, updateId: string, by: string, reason: string): Promise<void> {
    await sqlWrite(
      m,
      `UPDATE updates SET retracted_at = now(), retracted_by = $2, retraction_reason = $3 WHERE id = $1`,
      [updateId, by, reason],
    );
  }

  /** One page of an item's timeline, retracted entries included; keyset on the timeline order. */
  page(m: EntityManager, itemId: string, limit: number, cursor?: string): Promise<Page<Update>> {
    const qb = m.getRepository(Update).createQueryBuilder('u').where('u.item_id = :itemId', { itemId });
    return TIMELINE_ORDER.entityPage(qb, { limit, cursor });
  }

  /** The evidence of all `updateIds`, in one statement, by position. */
  evidenceOf(m: EntityManager, updateIds: string[]): Promise<Evidence[]> {
    return m
      .getRepository(Evidence)
      .createQueryBuilder('e')
      .where('e.update_id = ANY(:ids)', { ids: updateIds })
      .orderBy('e.position')
      .getMany();
  }

  statusEntries(m: EntityManager, itemId: string): Promise<StatusEntry[]> {
    return sqlRows<StatusEntry>(
      m,
      `SELECT status, effective_at, recorded_at, seq FROM updates WHERE item_id = $1 AND status IS NOT NULL AND retracted_at IS NULL`,
      [itemId],
    );
  }

  moveToItem(m: EntityManager, fromItemId: string, toItemId: string): Promise<number> {
    return sqlWrite(m, `UPDATE updates SET item_id = $2 WHERE item_id = $1`, [fromItemId, toItemId]);
  }
}
