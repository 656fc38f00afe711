import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { KeyFields } from '../common/keyset';
import { Page, PageQuery } from '../common/pagination';
import { sqlRows, sqlRun } from '../database/sql';
import type { DuePrecision } from '../items/due-window';
import {
  DELIVERIES_ORDER,
  followUpDeliveriesQuery,
  ReminderDeliveryView,
} from './follow-up-deliveries.query';
import { BudgetedMail, MailCandidate } from './mail-budget';

/** A follow_up.due event with its follow-up's requesting key, before the assignee is checked. */
export type DueEvent = Omit<MailCandidate, 'recipient'> & { assignee: string | null };

/** A pending delivery waiting for this attempt, with what its mail says. */
export interface DueMail {
  id: string;
  attempt: number;
  recipient: string;
  eventId: string;
  followUpId: string;
  itemId: string;
  itemTitle: string;
  dueAt: string;
  note: string;
  automatic: boolean;
  itemDueAt: string | null;
  duePrecision: DuePrecision;
}

export interface MailAttemptRow {
  deliveryId: string;
  attempt: number;
  startedAt: Date;
  durationMs: number;
  responseCode: number | null;
  error: string | null;
}

/** A delivery's state after an attempt; applied only if no other run recorded that attempt. */
export interface DeliveryOutcomeRow {
  id: string;
  attempt: number;
  state: string;
  nextAt: Date | null;
  error: string | null;
  messageId: string | null;
}

/**
 * Every statement on `mail_deliveries` and `mail_attempts` (ADR 0005), with the reads that join
 * them to `events`, `follow_ups` and `items` in one round trip, and a follow-up's delivery history
 * (mails and webhooks together). Writes run in the caller's transaction.
 */
@Injectable()
export class MailDeliveriesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Among `eventIds`, the follow_up.due events in outbox order, with the follow-up's creator. */
  dueEvents(m: EntityManager, eventIds: string[]): Promise<DueEvent[]> {
    return sqlRows<DueEvent>(
      m,
      `SELECT e.id AS "eventId", e.data->>'followUpId' AS "followUpId", e.data->>'assignee' AS assignee,
            f.created_by AS "requestedBy"
       FROM events e LEFT JOIN follow_ups f ON f.id = (e.data->>'followUpId')::uuid
      WHERE e.id = ANY ($1::uuid[]) AND e.type = 'follow_up.due'
      ORDER BY e.seq`,
      [eventIds],
    );
  }

  /** Mail budgets are counted by one dispatcher at a time, whatever the number of replicas. */
  async lockBudgets(m: EntityManager): Promise<void> {
    await sqlRun(m, `SELECT pg_advisory_xact_lock(hashtext('pw_mail_budgets'))`);
  }

  /** Mails of the last hour (skipped ones do not count), grouped by `column` among `values`. */
  async recentCounts(
    m: EntityManager,
    column: 'lower(recipient)' | 'requested_by',
    values: string[],
  ): Promise<Map<string, number>> {
    const rows = await sqlRows<{ k: string; n: number }>(
      m,
      `SELECT ${column} AS k, count(*)::int AS n FROM mail_deliveries
        WHERE ${column} = ANY ($1::text[]) AND state <> 'skipped' AND created_at > now() - interval '1 hour'
        GROUP BY 1`,
      [values],
    );
    return new Map(rows.map((r) => [r.k, r.n]));
  }

  /** One delivery per event (a second dispatch of the same event adds none): the rows added. */
  insertDeliveries(m: EntityManager, mails: BudgetedMail[]): Promise<{ id: string; state: string }[]> {
    const column = <T>(pick: (mail: BudgetedMail) => T) => mails.map(pick);
    return sqlRows<{ id: string; state: string }>(
      m,
      `INSERT INTO mail_deliveries (event_id, follow_up_id, recipient, requested_by, state, last_error, next_attempt_at)
     SELECT event_id, follow_up_id, recipient, requested_by,
            CASE WHEN skipped IS NULL THEN 'pending' ELSE 'skipped' END, skipped,
            CASE WHEN skipped IS NULL THEN now() END
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[])
            AS v(event_id, follow_up_id, recipient, requested_by, skipped)
     ON CONFLICT (event_id) DO NOTHING RETURNING id, state`,
      [
        column((d) => d.eventId),
        column((d) => d.followUpId),
        column((d) => d.recipient),
        column((d) => d.requestedBy),
        column((d) => d.skipped),
      ],
    );
  }

  /** Deliveries still waiting for exactly this attempt; a re-run of a recorded attempt finds nothing. */
  dueMails(jobs: { deliveryId: string; attempt: number }[]): Promise<DueMail[]> {
    return sqlRows<DueMail>(
      this.db.manager,
      `SELECT d.id, j.attempt, d.recipient, d.event_id AS "eventId", d.follow_up_id AS "followUpId",
              e.data->>'itemId' AS "itemId", e.data->>'itemTitle' AS "itemTitle", e.data->>'dueAt' AS "dueAt",
              e.data->>'note' AS note, coalesce((e.data->>'automatic')::boolean, false) AS automatic,
              to_char(i.due_at, 'YYYY-MM-DD') AS "itemDueAt", i.due_precision AS "duePrecision"
         FROM unnest($1::uuid[], $2::int[]) AS j(delivery_id, attempt)
         JOIN mail_deliveries d ON d.id = j.delivery_id AND d.state = 'pending' AND d.attempts = j.attempt - 1
         JOIN events e ON e.id = d.event_id
         JOIN items i ON i.id = (e.data->>'itemId')::uuid`,
      [jobs.map((j) => j.deliveryId), jobs.map((j) => j.attempt)],
    );
  }

  async insertAttempts(m: EntityManager, attempts: MailAttemptRow[]): Promise<void> {
    const column = <T>(pick: (a: MailAttemptRow) => T) => attempts.map(pick);
    await sqlRun(
      m,
      `INSERT INTO mail_attempts (delivery_id, attempt, started_at, duration_ms, response_code, error)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::int[], $5::int[], $6::text[])`,
      [
        column((a) => a.deliveryId),
        column((a) => a.attempt),
        column((a) => a.startedAt),
        column((a) => a.durationMs),
        column((a) => a.responseCode),
        column((a) => a.error),
      ],
    );
  }

  async recordOutcomes(m: EntityManager, outcomes: DeliveryOutcomeRow[]): Promise<void> {
    const column = <T>(pick: (o: DeliveryOutcomeRow) => T) => outcomes.map(pick);
    await sqlRun(
      m,
      `UPDATE mail_deliveries d SET attempts = v.attempt, state = v.state, next_attempt_at = v.next_at,
              last_error = v.error, message_id = v.message_id, updated_at = now(),
              delivered_at = CASE WHEN v.state = 'delivered' THEN now() END
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::timestamptz[], $5::text[], $6::text[])
              AS v(id, attempt, state, next_at, error, message_id)
        WHERE d.id = v.id AND d.attempts = v.attempt - 1`,
      [
        column((o) => o.id),
        column((o) => o.attempt),
        column((o) => o.state),
        column((o) => o.nextAt),
        column((o) => o.error),
        column((o) => o.messageId),
      ],
    );
  }

  /** A follow-up's deliveries, mails and webhooks together, newest first (see the query). */
  async followUpDeliveries(followUpId: string, query: PageQuery): Promise<Page<ReminderDeliveryView>> {
    const { sql, params } = followUpDeliveriesQuery(followUpId, query);
    const rows = await sqlRows<ReminderDeliveryView & KeyFields>(this.db.manager, sql, params);
    return DELIVERIES_ORDER.rawPage(rows, query.limit);
  }
}
