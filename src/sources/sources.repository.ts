import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Keyset } from '../common/keyset';
import { escapeLike } from '../common/like';
import { Page } from '../common/pagination';
import { sqlRows } from '../database/sql';
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

export type SourceText = { id: string; text: string | null; hash: string | null };
export type SourceHash = { id: string; hash: string | null; publishedAt: Date | null };
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

  findByCanonicalUrl(m: EntityManager, canonicalUrl: string): Promise<Source | null> {
    return m.getRepository(Source).findOneBy({ canonicalUrl });
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
}
