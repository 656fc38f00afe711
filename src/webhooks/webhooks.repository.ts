import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { KeyFields, Keyset } from '../common/keyset';
import { Page, PageQuery } from '../common/pagination';
import { sqlRows, sqlWrite } from '../database/sql';
import { Webhook } from './webhook.entity';

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  state: string;
  attemptCount: number;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
  attempts: {
    attempt: number;
    at: Date;
    durationMs: number;
    statusCode: number | null;
    error: string | null;
  }[];
}

/** Subscriptions and deliveries: newest first, by (created_at, id) of the given table alias. */
const NEWEST_FIRST = (alias: string) =>
  new Keyset(
    [
      { sql: `${alias}.created_at`, type: 'timestamptz' },
      { sql: `${alias}.id`, type: 'uuid' },
    ],
    'DESC',
  );

/**
 * Every statement of the subscriptions API on `webhooks` and its delivery history (the
 * deliveries' own writes are in deliveries.repository.ts). Methods that take an EntityManager
 * run in the caller's transaction.
 */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  insert(m: EntityManager, fields: Partial<Webhook>): Promise<Webhook> {
    return m.save(m.create(Webhook, fields));
  }

  findById(id: string, m: EntityManager = this.db.manager): Promise<Webhook | null> {
    return m.getRepository(Webhook).findOneBy({ id });
  }

  /** Newest first, without secrets. */
  page(query: PageQuery): Promise<Page<Webhook>> {
    return NEWEST_FIRST('w').entityPage(this.db.getRepository(Webhook).createQueryBuilder('w'), query);
  }

  /** The key's active subscriptions, for its cap (security/caps.ts); rows name their key in `created_by`. */
  async countActiveBy(m: EntityManager, createdBy: string): Promise<number> {
    const [{ n }] = await sqlRows<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM webhooks WHERE created_by = $1 AND active`,
      [createdBy],
    );
    return n;
  }

  /** Deletes the subscription and (by cascade) its delivery history; how many rows went. */
  delete(m: EntityManager, id: string): Promise<number> {
    return sqlWrite(m, `DELETE FROM webhooks WHERE id = $1`, [id]);
  }

  /** Newest first, each delivery with every attempt (status code or error, time, duration). */
  async deliveries(id: string, query: PageQuery): Promise<Page<DeliveryView>> {
    const order = NEWEST_FIRST('d');
    const after = order.decode(query.cursor);
    const params: unknown[] = [id, query.limit + 1];
    const bind = (value: string) => `$${params.push(value)}`;
    const rows = await sqlRows<DeliveryView & KeyFields>(
      this.db,
      `SELECT d.id, d.event_id AS "eventId", e.type AS "eventType", d.state, d.attempts AS "attemptCount",
              d.next_attempt_at AS "nextAttemptAt", d.delivered_at AS "deliveredAt", d.created_at AS "createdAt",
              ${order.selectKeys()},
              coalesce((SELECT json_agg(json_build_object('attempt', a.attempt,
                         'at', to_char(a.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'durationMs', a.duration_ms,
                         'statusCode', a.status_code, 'error', a.error) ORDER BY a.attempt, a.id)
                        FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]') AS attempts
         FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
        WHERE d.webhook_id = $1 ${after ? `AND ${order.after(after, bind)}` : ''}
        ORDER BY ${order.orderBy()} LIMIT $2`,
      params,
    );
    return order.rawPage(rows, query.limit);
  }
}
