import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Keyset } from '../common/keyset';
import { Page, PageQuery } from '../common/pagination';
import { sqlRows } from '../database/sql';
import { CalendarFollowUp } from './calendar';
import { calendarQuery } from './calendar.query';
import { ChangeEntry, changesQuery } from './changes.query';
import { Feed } from './feed.entity';

/** Newest first. */
const FEEDS_ORDER = new Keyset(
  [
    { sql: 'f.created_at', type: 'timestamptz' },
    { sql: 'f.id', type: 'uuid' },
  ],
  'DESC',
);

/**
 * Every statement on `feeds`, and the two reads that build a feed's document in one round trip
 * each (ADR 0005): the calendar (`follow_ups` with `items`) and the changes (`events` with
 * `items`, `updates`, `evidence`, `sources`, `item_actors`). Writes run in the caller's transaction.
 */
@Injectable()
export class FeedsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  insert(m: EntityManager, fields: Partial<Feed>): Promise<Feed> {
    return m.save(m.create(Feed, fields));
  }

  findByIdOrFail(m: EntityManager, id: string): Promise<Feed> {
    return m.findOneByOrFail(Feed, { id });
  }

  /** Active feeds, newest first. */
  page(query: PageQuery): Promise<Page<Feed>> {
    const qb = this.db.createQueryBuilder(Feed, 'f').where('f.revoked_at IS NULL');
    return FEEDS_ORDER.entityPage(qb, query);
  }

  /** Marks an active feed revoked; answers whether there was one. */
  async revoke(m: EntityManager, id: string): Promise<boolean> {
    const result = await m.update(Feed, { id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return Boolean(result.affected);
  }

  findActiveByTokenHash(tokenHash: string): Promise<Feed | null> {
    return this.db.getRepository(Feed).findOneBy({ tokenHash, revokedAt: IsNull() });
  }

  calendarFollowUps(feed: Feed, m: EntityManager = this.db.manager): Promise<CalendarFollowUp[]> {
    const { sql, params } = calendarQuery(feed);
    return sqlRows<CalendarFollowUp>(m, sql, params);
  }

  /** One more than a page, so the caller knows whether a next page exists. */
  changeEntries(
    feed: Feed,
    before: string | null,
    m: EntityManager = this.db.manager,
  ): Promise<ChangeEntry[]> {
    const { sql, params } = changesQuery(feed, before);
    return sqlRows<ChangeEntry>(m, sql, params);
  }
}
