import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SqlRunner, sqlRows, sqlRun, sqlWrite } from '../database/sql';

/** A delivery due for one attempt, with what signing and sending it needs. */
export interface DueDelivery {
  id: string;
  attempt: number;
  webhookId: string;
  url: string;
  secret: string;
  eventId: string;
  eventType: string;
  body: string;
}

/** One recorded attempt per delivery, as parallel columns (unnest). */
export interface AttemptColumns {
  deliveryIds: string[];
  attempts: number[];
  startedAt: Date[];
  durationMs: number[];
  statusCodes: (number | null)[];
  errors: (string | null)[];
  states: string[];
  nextAttemptAt: (Date | null)[];
}

/**
 * One delivery per active subscription to the event's type, subscribed before the event happened,
 * due at once, for each event of `events` (a CTE with `id`, `type`, `created_at`); RETURNING id.
 */
const DELIVERIES_OF = (events: string) =>
  `INSERT INTO webhook_deliveries (webhook_id, event_id, next_attempt_at)
   SELECT w.id, b.id, now() FROM ${events} b
     JOIN webhooks w ON w.active AND b.type = ANY (w.events) AND w.created_at <= b.created_at
   ON CONFLICT (webhook_id, event_id) DO NOTHING
   RETURNING id`;

/** What pg-boss (the other channels' queue) runs its own SQL through. */
export interface SqlExecutor {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Every statement of webhook delivery: `webhook_deliveries` and `webhook_attempts`, the outbox
 * fan-out, and the disabling of a subscription whose receiver is gone. Methods that take an
 * EntityManager run in the caller's transaction.
 */
@Injectable()
export class DeliveriesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Takes up to `batch` undispatched events (SKIP LOCKED), marks them dispatched and creates one
   * delivery per active subscription to its type, subscribed before the event happened, due at
   * once (`claim` takes it) — in one statement that also writes `events.dispatched_at` (the
   * outbox), so a batch is one round trip.
   */
  async dispatch(
    m: EntityManager,
    batch: number,
  ): Promise<{ events: number; event_ids: string[]; deliveries: number }> {
    const [row] = await sqlRows<{ events: number; event_ids: string[]; deliveries: number }>(
      m,
      `WITH batch AS (
           SELECT id, type, created_at FROM events WHERE dispatched_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED
         ), marked AS (
           UPDATE events e SET dispatched_at = now() FROM batch WHERE e.id = batch.id RETURNING e.id
         ), deliveries AS (${DELIVERIES_OF('batch')})
         SELECT (SELECT count(*)::int FROM marked) AS events, coalesce((SELECT array_agg(id) FROM marked), '{}') AS event_ids,
                (SELECT count(*)::int FROM deliveries) AS deliveries`,
      [batch],
    );
    return row;
  }

  /**
   * The webhook deliveries of events written already dispatched in the caller's transaction (the
   * scheduler's `follow_up.due`, OutboxDispatcher.dispatchNew): as `dispatch` makes them, without
   * the events' second write. Answers how many.
   */
  async deliveriesOf(m: EntityManager, eventIds: string[]): Promise<number> {
    if (eventIds.length === 0) return 0;
    const [row] = await sqlRows<{ deliveries: number }>(
      m,
      `WITH batch AS (SELECT id, type, created_at FROM events WHERE id = ANY ($1::uuid[])),
            deliveries AS (${DELIVERIES_OF('batch')})
       SELECT count(*)::int AS deliveries FROM deliveries`,
      [eventIds],
    );
    return row.deliveries;
  }

  /**
   * Claims up to `batch` deliveries whose next attempt is due, soonest first, and answers what
   * signing and sending them needs (the body built here). One statement, no transaction: the
   * claim is a lease — `next_attempt_at` moves `leaseMs` ahead — and SKIP LOCKED keeps replicas
   * from taking the same row or waiting for each other. A worker that dies mid-attempt leaves its
   * deliveries to be claimed again when the lease runs out: the same attempt, the same webhook-id.
   */
  claim(batch: number, leaseMs: number): Promise<DueDelivery[]> {
    return sqlRows<DueDelivery>(
      this.db,
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id AND w.active
          WHERE d.state = 'pending' AND d.next_attempt_at <= now()
          ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED
       )
       UPDATE webhook_deliveries d SET next_attempt_at = now() + $2 * interval '1 millisecond'
         FROM due, webhooks w, events e
        WHERE d.id = due.id AND w.id = d.webhook_id AND e.id = d.event_id
       RETURNING d.id, d.attempts + 1 AS attempt, w.id AS "webhookId", w.url, w.secret, e.id AS "eventId", e.type AS "eventType",
              json_build_object('id', e.id, 'type', e.type,
                'createdAt', to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'data', e.data)::text AS body`,
      [batch, leaseMs],
    );
  }

  /**
   * Stores the attempts and moves each delivery on (delivered, pending a retry at `next_at`, or
   * failed), in one statement: atomic by itself, so a batch with nothing else to write needs no
   * transaction. A delivery already past the attempt (recorded by a worker that claimed it after
   * this one's lease ran out) is left as it is.
   */
  async recordAttempts(db: SqlRunner, c: AttemptColumns): Promise<void> {
    await sqlRun(
      db,
      `WITH v AS (
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::int[], $5::int[], $6::text[], $7::text[], $8::timestamptz[])
           AS v(id, attempt, started_at, duration_ms, status_code, error, state, next_at)
       ), moved AS (
         UPDATE webhook_deliveries d SET attempts = v.attempt, state = v.state, next_attempt_at = v.next_at,
                last_status_code = v.status_code, last_error = v.error, updated_at = now(),
                delivered_at = CASE WHEN v.state = 'delivered' THEN now() END
           FROM v WHERE d.id = v.id AND d.attempts = v.attempt - 1
         RETURNING d.id
       )
       INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error)
       SELECT v.id, v.attempt, v.started_at, v.duration_ms, v.status_code, v.error FROM v JOIN moved ON moved.id = v.id`,
      [
        c.deliveryIds,
        c.attempts,
        c.startedAt,
        c.durationMs,
        c.statusCodes,
        c.errors,
        c.states,
        c.nextAttemptAt,
      ],
    );
  }

  /** Subscriptions whose receiver answered 410: disabled, their other pending deliveries failed. */
  async disableGone(m: EntityManager, webhookIds: string[]): Promise<void> {
    await sqlWrite(
      m,
      `UPDATE webhooks SET active = false, disabled_reason = 'the receiver answered 410 Gone' WHERE id = ANY($1::uuid[])`,
      [webhookIds],
    );
    await sqlWrite(
      m,
      `UPDATE webhook_deliveries SET state = 'failed', next_attempt_at = NULL, last_error = 'subscription disabled (410 Gone)', updated_at = now()
                      WHERE webhook_id = ANY($1::uuid[]) AND state = 'pending'`,
      [webhookIds],
    );
  }

  /** An executor on the caller's transaction (`m` must be a transaction's manager). */
  executor(m: EntityManager): SqlExecutor {
    const runner = m.queryRunner;
    if (!runner) throw new Error('enqueue needs a transaction');
    return {
      executeSql: async (text: string, values: unknown[]) => ({
        rows: (await runner.query(text, values, true)).records,
      }),
    };
  }
}
