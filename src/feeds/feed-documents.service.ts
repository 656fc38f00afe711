import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ifNoneMatchHolds } from '../common/conditional/conditional-get';
import { WorkerPool } from '../common/worker-pool/worker-pool';
import { ProblemError } from '../common/problem';
import { APP_CONFIG, AppConfig } from '../config';
import { renderAtom } from './atom';
import { calendarFingerprint, calendarFollowUps } from './calendar.query';
import { changeEntries, changesFingerprint, CHANGES_PAGE } from './changes.query';
import { etagOf } from './feed-etag';
import { Feed } from './feed.entity';
import { parseFeedFile } from './feed-token';
import { FeedErrors } from './feeds.errors';
import { FeedsService } from './feeds.service';

/** Bump when the rendering changes, so cached copies are not taken for current. */
const RENDERING = 'v1';

export type FeedDocument =
  | { notModified: true; etag: string }
  | { notModified: false; etag: string; contentType: string; body: string };

/** `/feeds/<token>.ics` and `/feeds/<token>.atom`: the token is the credential. */
@Injectable()
export class FeedDocumentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly feeds: FeedsService,
    private readonly pool: WorkerPool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 304 when If-None-Match holds the current tag: only the fingerprint query runs then. */
  async get(
    file: string,
    before: string | undefined,
    ifNoneMatch: string | undefined,
  ): Promise<FeedDocument> {
    const parsed = parseFeedFile(file);
    if (!parsed) throw new ProblemError(FeedErrors.NOT_FOUND);
    const feed = await this.feeds.resolve(parsed.token, parsed.format);
    const fingerprint =
      parsed.format === 'ics'
        ? await calendarFingerprint(this.db.manager, feed)
        : await changesFingerprint(this.db.manager);
    const etag = etagOf(RENDERING, feed.id, this.config.PUBLIC_BASE_URL, before ?? null, fingerprint);
    if (ifNoneMatchHolds(ifNoneMatch, etag)) return { notModified: true, etag };
    if (parsed.format === 'ics')
      return {
        notModified: false,
        etag,
        contentType: 'text/calendar; charset=utf-8',
        body: await this.calendar(feed),
      };
    return {
      notModified: false,
      etag,
      contentType: 'application/atom+xml; charset=utf-8',
      body: await this.atom(feed, parsed.token, before ?? null),
    };
  }

  private async calendar(feed: Feed): Promise<string> {
    const followUps = await calendarFollowUps(this.db.manager, feed);
    return this.pool.run('renderCalendarTask', {
      followUps,
      name: feedTitle(feed),
      baseUrl: this.config.PUBLIC_BASE_URL,
    });
  }

  private async atom(feed: Feed, token: string, before: string | null): Promise<string> {
    const rows = await changeEntries(this.db.manager, feed, before);
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
