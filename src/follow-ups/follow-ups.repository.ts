import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Keyset } from '../common/keyset';
import { Page } from '../common/pagination';
import { SqlRunner, sqlRow, sqlRows, sqlWrite } from '../database/sql';
import { ListFollowUpsQuery } from './dto/follow-up.dto';
import { FollowUpState } from './follow-up-state';
import { FollowUp } from './follow-up.entity';

const FOLLOW_UPS_ORDER = new Keyset(
  [
    { sql: 'f.due_at', type: 'timestamptz' },
    { sql: 'f.id', type: 'uuid' },
  ],
  'ASC',
);

/**
 * Every statement on `follow_ups`. Every method runs on the EntityManager it is given: the
 * caller's transaction, or `dataSource.manager`.
 */
@Injectable()
export class FollowUpsRepository {
  insert(m: EntityManager, fields: Partial<FollowUp>): Promise<FollowUp> {
    return m.save(m.create(FollowUp, fields));
  }

  findById(m: EntityManager, id: string): Promise<FollowUp | null> {
    return m.findOneBy(FollowUp, { id });
  }

  async exists(m: EntityManager, id: string): Promise<boolean> {
    return (await sqlRow<object>(m, `SELECT 1 FROM follow_ups WHERE id = $1`, [id])) !== undefined;
  }

  /** The row locked for update (the scheduler skips locked rows). */
  lock(m: EntityManager, id: string): Promise<FollowUp | null> {
    return m.findOne(FollowUp, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(m: EntityManager, id: string, changes: Partial<FollowUp>): Promise<void> {
    await m.update(FollowUp, id, changes);
  }

  /** The key's open follow-ups (automatic ones aside), for its cap (security/caps.ts). */
  async countOpenBy(m: EntityManager, createdBy: string): Promise<number> {
    const [{ n }] = await sqlRows<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM follow_ups WHERE created_by = $1 AND state IN ('scheduled', 'notified') AND NOT automatic`,
      [createdBy],
    );
    return n;
  }

  /** GET /v1/follow-ups: soonest due first, keyset-paged on (due_at, id). */
  page(m: EntityManager, query: ListFollowUpsQuery): Promise<Page<FollowUp>> {
    const qb = m.createQueryBuilder(FollowUp, 'f');
    if (query.state) qb.andWhere('f.state IN (:...states)', { states: query.state.split(',') });
    if (query.dueBefore) qb.andWhere('f.due_at < :dueBefore::timestamptz', { dueBefore: query.dueBefore });
    const overdue = `(f.state IN ('scheduled', 'notified') AND f.due_at < now())`;
    if (query.overdue === 'true') qb.andWhere(overdue);
    if (query.overdue === 'false') qb.andWhere(`NOT ${overdue}`);
    if (query.assignee) qb.andWhere('f.assignee = :assignee', { assignee: query.assignee });
    if (query.itemId) qb.andWhere('f.item_id = :itemId', { itemId: query.itemId });
    return FOLLOW_UPS_ORDER.entityPage(qb, query);
  }

  /** The item's latest automatic follow-up, locked for update. */
  async latestAutomatic(
    m: EntityManager,
    itemId: string,
  ): Promise<{ id: string; due_at: Date; state: FollowUpState } | undefined> {
    const [row] = await sqlRows<{ id: string; due_at: Date; state: FollowUpState }>(
      m,
      `SELECT id, due_at, state FROM follow_ups WHERE item_id = $1 AND automatic ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE`,
      [itemId],
    );
    return row;
  }

  /** `latestAutomatic` of many items in one statement, with their item ids. */
  latestAutomaticOf(
    m: EntityManager,
    itemIds: string[],
  ): Promise<{ id: string; item_id: string; due_at: Date; state: FollowUpState }[]> {
    return sqlRows<{ id: string; item_id: string; due_at: Date; state: FollowUpState }>(
      m,
      `SELECT id, item_id, due_at, state FROM follow_ups
        WHERE id IN (SELECT DISTINCT ON (item_id) id FROM follow_ups
                      WHERE item_id = ANY($1::uuid[]) AND automatic
                      ORDER BY item_id, created_at DESC, id DESC)
          FOR UPDATE`,
      [itemIds],
    );
  }

  /** Automatic follow-ups in one statement; their ids in the order given. */
  async insertAutomatic(
    m: EntityManager,
    rows: { itemId: string; dueAt: Date; note: string }[],
    by: string,
  ): Promise<string[]> {
    const inserted = await sqlRows<{ id: string }>(
      m,
      `INSERT INTO follow_ups (item_id, due_at, note, automatic, created_by)
       SELECT f.item_id, f.due_at, f.note, true, $4
         FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) WITH ORDINALITY AS f(item_id, due_at, note, n)
        ORDER BY f.n
       RETURNING id`,
      [rows.map((r) => r.itemId), rows.map((r) => r.dueAt.toISOString()), rows.map((r) => r.note), by],
    );
    return inserted.map((r) => r.id);
  }

  /** Each follow-up scheduled again at its new time, in one statement. */
  async reschedule(m: EntityManager, moves: { id: string; dueAt: Date }[]): Promise<void> {
    if (moves.length === 0) return;
    await sqlWrite(
      m,
      `UPDATE follow_ups AS f SET due_at = mv.due_at, state = 'scheduled', notified_at = NULL, sequence = f.sequence + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::timestamptz[]) AS mv(id, due_at) WHERE f.id = mv.id`,
      [moves.map((mv) => mv.id), moves.map((mv) => mv.dueAt)],
    );
  }

  async cancel(m: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await sqlWrite(
      m,
      `UPDATE follow_ups SET state = 'cancelled', sequence = sequence + 1, updated_at = now() WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** A merge: the duplicate's own follow-ups move to the survivor (how many). */
  moveOwnToItem(m: EntityManager, itemId: string, intoId: string): Promise<number> {
    return sqlWrite(
      m,
      `UPDATE follow_ups SET item_id = $2, sequence = sequence + 1, updated_at = now() WHERE item_id = $1 AND NOT automatic`,
      [itemId, intoId],
    );
  }

  /** A merge: the duplicate's open automatic follow-ups are cancelled (how many). */
  cancelOpenAutomatic(m: EntityManager, itemId: string): Promise<number> {
    return sqlWrite(
      m,
      `UPDATE follow_ups SET state = 'cancelled', sequence = sequence + 1, updated_at = now() WHERE item_id = $1 AND automatic AND state IN ('scheduled', 'notified')`,
      [itemId],
    );
  }

  /** Whether any follow-up is due (the scheduler's probe before notifyDue). */
  async anyDue(m: EntityManager): Promise<boolean> {
    const [{ due }] = await sqlRows<{ due: boolean }>(
      m,
      `SELECT EXISTS (SELECT 1 FROM follow_ups WHERE state = 'scheduled' AND due_at <= now()) AS due`,
    );
    return due;
  }

  /**
   * How long until the soonest scheduled follow-up comes due, in milliseconds by the database's
   * clock (≤ 0: due now), or null when none is scheduled: the scheduler sleeps that long, not more
   * than its poll interval. (The follow_ups_due index answers it.)
   */
  async msUntilNextDue(db: SqlRunner): Promise<number | null> {
    const [{ ms }] = await sqlRows<{ ms: number | null }>(
      db,
      `SELECT (extract(epoch FROM min(due_at) - now()) * 1000)::float8 AS ms FROM follow_ups WHERE state = 'scheduled'`,
    );
    return ms;
  }

  /**
   * Up to `limit` due follow-ups turned into `follow_up.due` events in one statement (see
   * DueFollowUps): it also writes their `audit_log` rows and `events`, and reads the item titles,
   * so that the whole batch is one round trip. The events are written already dispatched (their
   * deliveries are made by the caller in the same transaction), so they are written once and never
   * enter the outbox's index of undispatched events. Answers the events' ids.
   */
  notifyDue(m: EntityManager, limit: number): Promise<{ id: string }[]> {
    return sqlRows<{ id: string }>(
      m,
      `WITH due AS (
       SELECT id FROM follow_ups WHERE state = 'scheduled' AND due_at <= now()
        ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED
     ), notified AS (
       UPDATE follow_ups f SET state = 'notified', notified_at = now(), updated_at = now()
         FROM due WHERE f.id = due.id
       RETURNING f.id, f.item_id, f.due_at, f.note, f.assignee, f.repeat_every, f.automatic
     ), audited AS (
       INSERT INTO audit_log (actor, action, entity_type, entity_id, change)
       SELECT 'scheduler', 'notify', 'follow_up', n.id, '{}'::jsonb FROM notified n
     )
     INSERT INTO events (type, data, dispatched_at)
     SELECT 'follow_up.due', jsonb_build_object(
              'followUpId', n.id, 'itemId', n.item_id, 'itemTitle', i.title,
              'dueAt', to_char(n.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'note', n.note, 'assignee', n.assignee, 'repeatEvery', n.repeat_every, 'automatic', n.automatic), now()
       FROM notified n JOIN items i ON i.id = n.item_id
     RETURNING id`,
      [limit],
    );
  }
}
