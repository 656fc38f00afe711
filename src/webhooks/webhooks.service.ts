import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Page, PageQuery } from '../common/pagination';
import { invalid, ProblemError } from '../common/problem';
import { assertUnderCap } from '../security/caps';
import { APP_CONFIG, AppConfig } from '../config';
import { CreateWebhookDto } from './dto/webhook.dto';
import { checkWebhookUrl, ipLiteral, isPublicAddress } from '../common/net/network-policy';
import { newWebhookSecret } from './signing';
import { resolveAll } from '../common/net/target-guard';
import { Webhook } from './webhook.entity';
import { WebhookErrors } from './webhooks.errors';
import { DeliveryView, WebhooksRepository } from './webhooks.repository';

export type { DeliveryView };

@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly webhooks: WebhooksRepository,
  ) {}

  /** The secret is in this answer and nowhere else: it is never listed. */
  async create(dto: CreateWebhookDto, by: string): Promise<Webhook & { secret: string }> {
    await this.assertAllowedTarget(dto.url);
    const secret = newWebhookSecret();
    return this.db.transaction(async (m) => {
      const active = await this.webhooks.countActiveBy(m, by);
      assertUnderCap('webhooks', active, this.config.MAX_WEBHOOKS_PER_KEY);
      const saved = await this.webhooks.insert(m, {
        url: dto.url,
        events: dto.events,
        description: dto.description ?? null,
        secret,
        createdBy: by,
      });
      await this.audit.record(m, {
        actor: by,
        action: 'create',
        entityType: 'webhook',
        entityId: saved.id,
        change: { url: dto.url, events: dto.events },
      });
      return { ...(await this.get(saved.id, m)), secret };
    });
  }

  /** Newest first, without secrets. */
  list(query: PageQuery): Promise<Page<Webhook>> {
    return this.webhooks.page(query);
  }

  async get(id: string, m?: EntityManager): Promise<Webhook> {
    const webhook = await this.webhooks.findById(id, m);
    if (!webhook) throw new ProblemError(WebhookErrors.NOT_FOUND, `Webhook ${id} does not exist`);
    return webhook;
  }

  /** Deletes the subscription and its delivery history; queued retries find nothing and stop. */
  async remove(id: string, by: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const affected = await this.webhooks.delete(m, id);
      if (affected === 0) throw new ProblemError(WebhookErrors.NOT_FOUND, `Webhook ${id} does not exist`);
      await this.audit.record(m, { actor: by, action: 'delete', entityType: 'webhook', entityId: id });
    });
  }

  /** Newest first, each delivery with every attempt (status code or error, time, duration). */
  async deliveries(id: string, query: PageQuery): Promise<Page<DeliveryView>> {
    await this.get(id);
    return this.webhooks.deliveries(id, query);
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
