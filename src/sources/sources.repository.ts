import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Keyset } from '../common/keyset';
import { escapeLike } from '../common/like';
import { Page } from '../common/pagination';
import { sqlRow, sqlRows, sqlWrite } from '../database/sql';
import { ListSourcesQuery } from './dto/source.dto';
import { Source } from './source.entity';

/** Newest first. */
const SOURCES_ORDER = new Keyset(
  [
    { sql: 's.created_at', type: 'timestamptz' },
    { sql: 's.id', type: 'uuid' },
  ],
  'DESC',
);

export type KnownUrl = { id: string; canonicalUrl: string; hasText: boolean };
export type NewSourceRow = {
  url: string;
  canonicalUrl: string;
  title: string;
  language: string;
  kind: string;
  /** ISO 8601, or null. */
  publishedAt: string | null;
};
export type InsertedSource = { id: string; url: string; title: string };
export type SourceText = { id: string; text: string | null; hash: string | null };
export type SourceHash = { id: string; hash: string | null; publishedAt: Date | null };
export type RecheckRow = {
  id: string;
  contentHash: string | null;
  liveStatus: string | null;
  failures: number;
};
export type CandidateSourceRow = {
  text: string | null;
  language: string;
  published_at: Date | null;
  created_at: Date;
};

/**
 * Every statement on `sources`. Methods that take an EntityManager run in the caller's
 * transaction; the others read outside any.
 */
@Injectable()
export class SourcesRepository {
  constructor(@InjectRepository(Source) private readonly sources: Repository<Source>) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.sources.manager.transaction(work);
  }

  findById(id: string, m: EntityManager = this.sources.manager): Promise<Source | null> {
    return m.getRepository(Source).findOneBy({ id });
  }

  findByCanonicalUrl(m: EntityManager = this.sources.manager, canonicalUrl: string): Promise<Source | null> {
    return m.getRepository(Source).findOneBy({ canonicalUrl });
  }

  /** The stored sources with these canonical URLs: id and whether each has text. */
  byCanonicalUrls(canonicalUrls: string[], m: EntityManager = this.sources.manager): Promise<KnownUrl[]> {
    return sqlRows<KnownUrl>(
      m,
      `SELECT id, canonical_url AS "canonicalUrl", content_hash IS NOT NULL AS "hasText"
         FROM sources WHERE canonical_url = ANY($1::text[])`,
      [canonicalUrls],
    );
  }

  /**
   * Sources without text in one statement; a canonical URL already stored (or given twice) is
   * skipped. Answers the rows it inserted.
   */
  insertWithoutText(m: EntityManager, rows: NewSourceRow[], by: string): Promise<InsertedSource[]> {
    return sqlRows<InsertedSource>(
      m,
      `INSERT INTO sources (url, canonical_url, title, language, kind, published_at, created_by)
       SELECT s.url, s.canonical_url, s.title, s.language, s.kind, s.published_at, $7
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
           AS s(url, canonical_url, title, language, kind, published_at)
       ON CONFLICT (canonical_url) DO NOTHING
       RETURNING id, url, title`,
      [
        rows.map((r) => r.url),
        rows.map((r) => r.canonicalUrl),
        rows.map((r) => r.title),
        rows.map((r) => r.language),
        rows.map((r) => r.kind),
        rows.map((r) => r.publishedAt),
        by,
      ],
    );
  }

  insert(m: EntityManager, fields: Partial<Source>): Promise<Source> {
    return m.save(m.create(Source, fields));
  }

  /** The row with its text, locked for update. */
  lockWithText(m: EntityManager, id: string): Promise<Source | null> {
    return m
      .getRepository(Source)
      .createQueryBuilder('s')
      .addSelect('s.text')
      .where('s.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  async update(m: EntityManager, id: string, changes: Partial<Source>): Promise<void> {
    await m.getRepository(Source).update(id, changes);
  }

  /** Undefined when the source does not exist; `text` null when it was logged without it. */
  text(id: string): Promise<{ text: string | null } | undefined> {
    return this.sources
      .createQueryBuilder('s')
      .select('s.text', 'text')
      .where('s.id = :id', { id })
      .getRawOne<{ text: string | null }>();
  }

  page(query: ListSourcesQuery): Promise<Page<Source>> {
    const qb = this.sources.createQueryBuilder('s');
    if (query.q) {
      qb.andWhere(
        `pw_fold(s.title || ' ' || coalesce(s.publisher, '') || ' ' || coalesce(s.author, '')) LIKE '%' || pw_fold(:q) || '%'`,
        { q: escapeLike(query.q) },
      );
    }
    if (query.publisher)
      qb.andWhere('pw_fold(s.publisher) = pw_fold(:publisher)', { publisher: query.publisher });
    if (query.language) qb.andWhere('lower(s.language) = lower(:language)', { language: query.language });
    return SOURCES_ORDER.entityPage(qb, query);
  }

  /** Texts and content hashes of the sources that exist among `ids`. */
  texts(ids: string[]): Promise<SourceText[]> {
    return sqlRows<SourceText>(
      this.sources.manager,
      `SELECT id, text, content_hash AS hash FROM sources WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /**
   * Content hashes and publication dates, the rows locked against a concurrent first text
   * (FOR SHARE), in id order.
   */
  hashesForShare(m: EntityManager, ids: string[]): Promise<SourceHash[]> {
    return sqlRows<SourceHash>(
      m,
      `SELECT id, content_hash AS hash, published_at AS "publishedAt" FROM sources WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE`,
      [ids],
    );
  }

  /** What candidates are read from: the text, its language and dates (on `m`: the primary or the read replica). */
  async forCandidates(
    id: string,
    m: EntityManager = this.sources.manager,
  ): Promise<CandidateSourceRow | undefined> {
    const [row] = await sqlRows<CandidateSourceRow>(
      m,
      `SELECT text, language, published_at, created_at FROM sources WHERE id = $1`,
      [id],
    );
    return row;
  }

  /** The source as a recheck sees it, locked until the recheck's transaction ends. */
  lockForRecheck(m: EntityManager, id: string): Promise<RecheckRow | undefined> {
    return sqlRow<RecheckRow>(
      m,
      `SELECT id, content_hash AS "contentHash", live_status AS "liveStatus", check_failures AS failures
         FROM sources WHERE id = $1 FOR UPDATE`,
      [id],
    );
  }

  /**
   * What a recheck found; the next scheduled one `every` (an ISO 8601 duration) from now, ±10 %
   * so that sources fetched together spread out over time. A source never scheduled stays so.
   */
  async recordCheck(
    m: EntityManager,
    id: string,
    liveStatus: string | null,
    failures: number,
    every: string,
  ) {
    await sqlWrite(
      m,
      `UPDATE sources SET live_status = $2, check_failures = $3, checked_at = now(),
              next_check_at = CASE WHEN next_check_at IS NULL THEN NULL
                                   ELSE now() + $4::interval * (0.9 + random() * 0.2) END
        WHERE id = $1`,
      [id, liveStatus, failures, every],
    );
  }

  /** A fetched source joins the recheck schedule. */
  async scheduleRecheck(m: EntityManager, id: string, every: string): Promise<void> {
    await sqlWrite(
      m,
      `UPDATE sources SET next_check_at = now() + $2::interval * (0.9 + random() * 0.2) WHERE id = $1`,
      [id, every],
    );
  }

  /**
   * Takes up to `limit` sources whose recheck is due, for this replica alone: the claim moves
   * their next check a whole period on (SKIP LOCKED: replicas never take the same row), so a
   * replica that dies mid-check leaves the source for the next period, never for two checkers.
   */
  async claimDue(limit: number, every: string): Promise<string[]> {
    const rows = await sqlRows<{ id: string }>(
      this.sources.manager,
      `UPDATE sources SET next_check_at = now() + $2::interval
        WHERE id IN (SELECT id FROM sources WHERE next_check_at <= now()
                      ORDER BY next_check_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [limit, every],
    );
    return rows.map((r) => r.id);
  }
}
