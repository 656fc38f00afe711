import { escapeLike } from '../common/like';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Keyset } from '../common/keyset';
import { Page } from '../common/pagination';
import { invalid, ProblemError } from '../common/problem';
import { canonicalizeUrl } from './canonical-url';
import { CreateSourceDto, ListSourcesQuery, UpdateSourceDto } from './dto/source.dto';
import { Source } from './source.entity';
import { SourceErrors } from './sources.errors';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Newest first. */
const SOURCES_ORDER = new Keyset(
  [
    { sql: 's.created_at', type: 'timestamptz' },
    { sql: 's.id', type: 'uuid' },
  ],
  'DESC',
);

@Injectable()
export class SourcesService {
  constructor(
    @InjectRepository(Source) private readonly sources: Repository<Source>,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateSourceDto, by: string): Promise<Source> {
    const canonicalUrl = this.canonical(dto.url);
    return this.sources.manager.transaction(async (m) => {
      await this.assertUrlFree(m.getRepository(Source), canonicalUrl);
      const source = m.create(Source, {
        ...dto,
        canonicalUrl,
        kind: dto.kind ?? 'news_article',
        publishedAt: dto.publishedAt ? new Date(dto.publishedAt) : null,
        contentHash: dto.text == null ? null : sha256(dto.text), // @IsOptional lets null through: no text
        createdBy: by,
      });
      const saved = await m.save(source);
      await this.audit.record(m, {
        actor: by,
        action: 'create',
        entityType: 'source',
        entityId: saved.id,
        change: { url: dto.url, title: dto.title },
      });
      return this.get(saved.id, m.getRepository(Source));
    });
  }

  async get(id: string, repo = this.sources): Promise<Source> {
    const source = await repo.findOneBy({ id });
    if (!source) throw new ProblemError(SourceErrors.NOT_FOUND, `Source ${id} does not exist`);
    return source;
  }

  /** The stored full text, or null when the source was logged without it. */
  async text(id: string): Promise<string | null> {
    const row = await this.sources
      .createQueryBuilder('s')
      .select('s.text', 'text')
      .where('s.id = :id', { id })
      .getRawOne<{ text: string | null }>();
    if (!row) throw new ProblemError(SourceErrors.NOT_FOUND, `Source ${id} does not exist`);
    return row.text;
  }

  async list(query: ListSourcesQuery): Promise<Page<Source>> {
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

  async update(id: string, dto: UpdateSourceDto, by: string): Promise<Source> {
    return this.sources.manager.transaction(async (m) => {
      const repo = m.getRepository(Source);
      const current = await repo
        .createQueryBuilder('s')
        .addSelect('s.text')
        .where('s.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!current) throw new ProblemError(SourceErrors.NOT_FOUND, `Source ${id} does not exist`);
      const changes: Partial<Source> = {
        ...dto,
        publishedAt: dto.publishedAt ? new Date(dto.publishedAt) : current.publishedAt,
      };
      if (dto.url != null) {
        changes.canonicalUrl = this.canonical(dto.url);
        if (changes.canonicalUrl !== current.canonicalUrl)
          await this.assertUrlFree(repo, changes.canonicalUrl);
      }
      if (dto.text != null) {
        if (current.text !== null && current.text !== dto.text)
          throw new ProblemError(
            SourceErrors.TEXT_IMMUTABLE,
            'This source already has a text; it cannot change',
          );
        changes.contentHash = sha256(dto.text);
      }
      await repo.update(id, changes);
      await this.audit.record(m, {
        actor: by,
        action: 'update',
        entityType: 'source',
        entityId: id,
        change: { ...dto, text: dto.text ? '(set)' : undefined },
      });
      return this.get(id, repo);
    });
  }

  private canonical(url: string): string {
    const canonical = canonicalizeUrl(url);
    if (!canonical) throw invalid('url', 'must be an absolute http(s) URL', SourceErrors.INVALID_URL);
    return canonical;
  }

  private async assertUrlFree(repo: Repository<Source>, canonicalUrl: string): Promise<void> {
    const existing = await repo.findOneBy({ canonicalUrl });
    if (existing)
      throw new ProblemError(SourceErrors.DUPLICATE_URL, `${canonicalUrl} is already source ${existing.id}`, {
        existingId: existing.id,
      });
  }
}
