import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { KeyFields, Keyset } from '../common/keyset';
import { Page, PageQuery } from '../common/pagination';
import { invalid, ProblemError } from '../common/problem';
import { assertUnderCap } from '../security/caps';
import { APP_CONFIG, AppConfig } from '../config';
import { CreateWebhookDto } from './dto/webhook.dto';
import { checkWebhookUrl, ipLiteral, isPublicAddress } from './network-policy';
import { newWebhookSecret } from './signing';
import { resolveAll } from './target-guard';
import { Webhook } from './webhook.entity';
import { WebhookErrors } from './webhooks.errors';
import { sqlWrite } from '../common/sql';

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

@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The secret is in this answer and nowhere else: it is never listed. */
  async create(dto: CreateWebhookDto, by: string): Promise<Webhook & { secret: string }> {
    await this.assertAllowedTarget(dto.url);
    const secret = newWebhookSecret();
    return this.db.transaction(async (m) => {
      await assertUnderCap(m, 'webhooks', by, this.config.MAX_WEBHOOKS_PER_KEY);
      const saved = await m.save(
        m.create(Webhook, {
          url: dto.url,
          events: dto.events,
          description: dto.description ?? null,
          secret,
          createdBy: by,
        }),
      );
      await this.audit.record(m, {
        actor: by,
        action: 'create',
        entityType: 'webhook',
        entityId: saved.id,
        change: { url: dto.url, events: dto.events },
      });
      return { ...(await this.get(saved.id, m.getRepository(Webhook))), secret };
    });
  }

  /** Newest first, without secrets. */
  list(query: PageQuery): Promise<Page<Webhook>> {
    return NEWEST_FIRST('w').entityPage(this.db.getRepository(Webhook).createQueryBuilder('w'), query);
  }

  async get(id: string, repo = this.db.getRepository(Webhook)): Promise<Webhook> {
    const webhook = await repo.findOneBy({ id });
    if (!webhook) throw new ProblemError(WebhookErrors.NOT_FOUND, `Webhook ${id} does not exist`);
    return webhook;
  }

  /** Deletes the subscription and its delivery history; queued retries find nothing and stop. */
  async remove(id: string, by: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const affected = await sqlWrite(m, `DELETE FROM webhooks WHERE id = $1`, [id]);
      if (affected === 0) throw new ProblemError(WebhookErrors.NOT_FOUND, `Webhook ${id} does not exist`);
      await this.audit.record(m, { actor: by, action: 'delete', entityType: 'webhook', entityId: id });
    });
  }

  /** Newest first, each delivery with every attempt (status code or error, time, duration). */
  async deliveries(id: string, query: PageQuery): Promise<Page<DeliveryView>> {
    await this.get(id);
    const order = NEWEST_FIRST('d');
    const after = order.decode(query.cursor);
    const params: unknown[] = [id, query.limit + 1];
    const bind = (value: string) => `$${params.push(value)}`;
    const rows: (DeliveryView & KeyFields)[] = await this.db.query(
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

  /** http(s) only; and unless private networks are allowed, every resolved address must be public. */
  private async assertAllowedTarget(text: string): Promise<void> {
    const checked = checkWebhookUrl(text);
    if (!checked.ok) throw invalid('url', checked.reason, WebhookErrors.INVALID_URL);
    if (this.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS) return;
    const literal = ipLiteral(checked.url);
    let addresses: string[];
    try {
      addresses = literal ? [literal] : await resolveAll(checked.url.hostname);
    } catch {
      throw invalid('url', `host ${checked.url.hostname} does not resolve`, WebhookErrors.UNRESOLVABLE_HOST);
    }
    if (!addresses.every(isPublicAddress)) {
      throw invalid(
        'url',
        'must not point at a private, loopback or link-local address',
        WebhookErrors.PRIVATE_TARGET,
      );
    }
  }
}
