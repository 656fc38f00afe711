import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActorsRepository } from '../actors/actors.repository';
import { AuditService } from '../audit/audit.service';
import { hashKey } from '../auth/authenticator';
import { Page, PageQuery } from '../common/pagination';
import { ProblemError, throwIfViolations, Violation } from '../common/problem';
import { APP_CONFIG, AppConfig } from '../config';
import { ItemsRepository } from '../items/items.repository';
import { CreateFeedDto } from './dto/feed.dto';
import { Feed, FEED_FILTERS } from './feed.entity';
import { FeedFormat, newFeedToken } from './feed-token';
import { FeedErrors } from './feeds.errors';
import { FeedsRepository } from './feeds.repository';

export type CreatedFeed = Feed & { token: string; feedUrl: string };

const FORMAT_OF = { 'follow-ups': 'ics', changes: 'atom' } as const;

@Injectable()
export class FeedsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly feeds: FeedsRepository,
    private readonly items: ItemsRepository,
    private readonly actors: ActorsRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The token and the URL holding it are in this answer and nowhere else. */
  async create(dto: CreateFeedDto, by: string): Promise<CreatedFeed> {
    const allowed = FEED_FILTERS[dto.kind] as readonly string[];
    throwIfViolations(
      (['assignee', 'tag', 'itemId', 'actorId', 'itemKind'] as const)
        .filter((f) => dto[f] !== undefined && !allowed.includes(f))
        .map((path) => ({
          path,
          message: `is not a filter of ${dto.kind} feeds (they take ${allowed.join(', ')})`,
          spec: FeedErrors.FILTER_NOT_FOR_KIND,
        })),
    );
    const token = newFeedToken();
    return this.db.transaction(async (m) => {
      await this.assertTargetsExist(m, dto);
      const saved = await this.feeds.insert(m, {
        kind: dto.kind,
        tokenHash: hashKey(token),
        tokenPrefix: token.slice(0, 8),
        assignee: dto.assignee ?? null,
        tag: dto.tag ?? null,
        itemId: dto.itemId ?? null,
        actorId: dto.actorId ?? null,
        itemKind: dto.itemKind ?? null,
        createdBy: by,
      });
      await this.audit.record(m, {
        actor: by,
        action: 'create',
        entityType: 'feed',
        entityId: saved.id,
        change: { ...dto },
      });
      const feed = await this.feeds.findByIdOrFail(m, saved.id);
      return { ...feed, token, feedUrl: this.feedUrl(token, FORMAT_OF[feed.kind]) };
    });
  }

  /** Active feeds, newest first, without their tokens. */
  async list(query: PageQuery): Promise<Page<Feed>> {
    return this.feeds.page(query);
  }

  /** Revoked at once, on every replica: each feed request looks its token up. */
  async revoke(id: string, by: string): Promise<void> {
    await this.db.transaction(async (m) => {
      if (!(await this.feeds.revoke(m, id)))
        throw new ProblemError(FeedErrors.NOT_FOUND, `Feed ${id} does not exist or is already revoked`);
      await this.audit.record(m, { actor: by, action: 'revoke', entityType: 'feed', entityId: id });
    });
  }

  /** The active feed behind a token, if the file type is the feed's own; otherwise 404. */
  async resolve(token: string, format: FeedFormat): Promise<Feed> {
    const feed = await this.feeds.findActiveByTokenHash(hashKey(token));
    if (!feed || FORMAT_OF[feed.kind] !== format) throw new ProblemError(FeedErrors.NOT_FOUND);
    return feed;
  }

  feedUrl(token: string, format: FeedFormat, query = ''): string {
    return `${this.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/feeds/${token}.${format}${query}`;
  }

  private async assertTargetsExist(m: EntityManager, dto: CreateFeedDto): Promise<void> {
    const violations: Violation[] = [];
    if (dto.itemId) {
      if (!(await this.items.exists(m, dto.itemId)))
        violations.push({ path: 'itemId', message: 'no such item', spec: FeedErrors.UNKNOWN_ITEM });
    }
    if (dto.actorId) {
      if (!(await this.actors.existing(m, [dto.actorId])).has(dto.actorId))
        violations.push({ path: 'actorId', message: 'no such actor', spec: FeedErrors.UNKNOWN_ACTOR });
    }
    throwIfViolations(violations);
  }
}
