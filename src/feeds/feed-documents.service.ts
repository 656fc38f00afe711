import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { EntityManager } from 'typeorm';
import { ChangeCounter } from '../common/conditional/change-counter';
import { ifNoneMatchHolds } from '../common/conditional/conditional-get';
import { WorkerPool } from '../common/worker-pool/worker-pool';
import { ProblemError } from '../common/problem';
import { APP_CONFIG, AppConfig } from '../config';
import { ReadReplica, ReadTarget } from '../database/read-replica';
import { renderAtom } from './atom';
import { CHANGES_PAGE } from './changes.query';
import { etagOf } from './feed-etag';
import { Feed } from './feed.entity';
import { FeedFormat, parseFeedFile } from './feed-token';
import { FeedErrors } from './feeds.errors';
import { FeedsRepository } from './feeds.repository';
import { FeedsService } from './feeds.service';

/** Bump when the rendering changes, so cached copies are not taken for current. */
const RENDERING = 'v3';

export type FeedDocument =
  | { notModified: true; etag: string }
  | { notModified: false; etag: string; contentType: string; body: string };

/** `/feeds/<token>.ics` and `/feeds/<token>.atom`: the token is the credential. */
@Injectable()
export class FeedDocumentsService {
  /**
   * The last document built per ETag, in this process: a calendar provider that polls without
   * If-None-Match (Google does) costs the fingerprint query, not another build. Bounded by size.
   */
  private readonly built = new LRUCache<string, string>({
    maxSize: 32 * 1024 * 1024,
    sizeCalculation: (body) => body.length,
  });

  constructor(
    private readonly repository: FeedsRepository,
    private readonly feeds: FeedsService,
    private readonly pool: WorkerPool,
    private readonly changes: ChangeCounter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly replica: ReadReplica,
  ) {}

  /** 304 when If-None-Match holds the current tag: nothing is queried or built then (the change counter is held in memory). */
  async get(
    file: string,
    before: string | undefined,
    ifNoneMatch: string | undefined,
  ): Promise<FeedDocument> {
    const parsed = parseFeedFile(file);
    if (!parsed) throw new ProblemError(FeedErrors.NOT_FOUND);
    // The feed itself from the primary (a feed just created resolves at once); its document where
    // reads go, tagged with that database's own change counter (a tag never newer than its data).
    const feed = await this.feeds.resolve(parsed.token, parsed.format);
    const at = await this.replica.target();
    try {
      return await this.document(feed, parsed, before, ifNoneMatch, at);
    } catch (error) {
      if (!at.replica || !this.replica.unavailable(error)) throw error;
      return this.document(feed, parsed, before, ifNoneMatch, this.replica.primaryRead);
    }
  }

  private async document(
    feed: Feed,
    parsed: { token: string; format: FeedFormat },
    before: string | undefined,
    ifNoneMatch: string | undefined,
    at: ReadTarget,
  ): Promise<FeedDocument> {
    // The change counter moves with every committed write to items, updates, citations, actors and
    // follow-ups, and its tag with the date (ended follow-ups age out of calendars by the day).
    const etag = etagOf(
      RENDERING,
      feed.id,
      this.config.PUBLIC_BASE_URL,
      before ?? null,
      await this.changes.tagAt(at),
    );
    if (ifNoneMatchHolds(ifNoneMatch, etag)) return { notModified: true, etag };
    let body = this.built.get(etag);
    if (body === undefined) {
      body =
        parsed.format === 'ics'
          ? await this.calendar(feed, at.manager)
          : await this.atom(feed, parsed.token, before ?? null, at.manager);
      this.built.set(etag, body);
    }
    const contentType =
      parsed.format === 'ics' ? 'text/calendar; charset=utf-8' : 'application/atom+xml; charset=utf-8';
    return { notModified: false, etag, contentType, body };
  }

  private async calendar(feed: Feed, m: EntityManager): Promise<string> {
    const followUps = await this.repository.calendarFollowUps(feed, m);
    return this.pool.run('renderCalendarTask', {
      followUps,
      name: feedTitle(feed),
      baseUrl: this.config.PUBLIC_BASE_URL,
    });
  }

  private async atom(feed: Feed, token: string, before: string | null, m: EntityManager): Promise<string> {
    const rows = await this.repository.changeEntries(feed, before, m);
    const entries = rows.slice(0, CHANGES_PAGE);
    const last = entries[entries.length - 1];
    return renderAtom({
      feedId: feed.id,
      title: feedTitle(feed),
      createdAt: feed.createdAt,
      baseUrl: this.config.PUBLIC_BASE_URL,
      selfUrl: this.feeds.feedUrl(token, 'atom', before ? `?before=${before}` : ''),
      firstUrl: this.feeds.feedUrl(token, 'atom'),
      nextUrl: rows.length > CHANGES_PAGE ? this.feeds.feedUrl(token, 'atom', `?before=${last.seq}`) : null,
      entries,
    });
  }
}

/** "Pledgewatch follow-ups (assignee desk-ukraine, tag military-aid)". */
function feedTitle(feed: Feed): string {
  const filters = [
    feed.assignee && `assignee ${feed.assignee}`,
    feed.tag && `tag ${feed.tag}`,
    feed.itemKind && `${feed.itemKind}s`,
    feed.itemId && 'one item',
    feed.actorId && 'one actor',
  ].filter(Boolean);
  const name = feed.kind === 'follow-ups' ? 'Pledgewatch follow-ups' : 'Pledgewatch changes';
  return filters.length ? `${name} (${filters.join(', ')})` : name;
}
