import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Page } from '../common/pagination';
import { invalid, ProblemError } from '../common/problem';
import { canonicalizeUrl } from './canonical-url';
import { CreateSourceDto, ListSourcesQuery, UpdateSourceDto } from './dto/source.dto';
import { Source } from './source.entity';
import { SourceErrors } from './sources.errors';
import { NewSourceRow, SourcesRepository } from './sources.repository';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

@Injectable()
export class SourcesService {
  constructor(
    private readonly sources: SourcesRepository,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateSourceDto, by: string): Promise<Source> {
    const canonicalUrl = this.canonical(dto.url);
    return this.sources.transaction(async (m) => {
      const saved = await this.record(
        m,
        {
          ...dto,
          canonicalUrl,
          kind: dto.kind ?? 'news_article',
          publishedAt: dto.publishedAt ? new Date(dto.publishedAt) : null,
          contentHash: dto.text == null ? null : sha256(dto.text), // @IsOptional lets null through: no text
        },
        by,
      );
      return this.get(saved.id, m);
    });
  }

  /**
   * Sources without text, many at once (an import's new sources): one statement, each audited as
   * `create` audits; a canonical URL already stored is left as it is (another writer got there first).
   */
  async createWithoutText(rows: NewSourceRow[], by: string): Promise<void> {
    if (rows.length === 0) return;
    await this.sources.transaction(async (m) => {
      const inserted = await this.sources.insertWithoutText(m, rows, by);
      await this.audit.recordMany(
        m,
        inserted.map((s) => ({
          actor: by,
          action: 'create',
          entityType: 'source',
          entityId: s.id,
          change: { url: s.url, title: s.title },
        })),
      );
    });
  }

  /** Inside the caller's transaction: a new source (409 when its canonical URL is taken), audited. */
  async record(
    m: EntityManager,
    fields: Partial<Source> & { canonicalUrl: string; url: string },
    by: string,
  ) {
    await this.assertUrlFree(m, fields.canonicalUrl);
    const saved = await this.sources.insert(m, { ...fields, createdBy: by });
    await this.audit.record(m, {
      actor: by,
      action: 'create',
      entityType: 'source',
      entityId: saved.id,
      change: { url: fields.url, title: fields.title },
    });
    return saved;
  }

  async get(id: string, m?: EntityManager): Promise<Source> {
    const source = await this.sources.findById(id, m);
    if (!source) throw new ProblemError(SourceErrors.NOT_FOUND, `Source ${id} does not exist`);
    return source;
  }

  /** The stored full text, or null when the source was logged without it. */
  async text(id: string): Promise<string | null> {
    const row = await this.sources.text(id);
    if (!row) throw new ProblemError(SourceErrors.NOT_FOUND, `Source ${id} does not exist`);
    return row.text;
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.sources.transaction(work);
  }

  list(query: ListSourcesQuery): Promise<Page<Source>> {
    return this.sources.page(query);
  }

  async update(id: string, dto: UpdateSourceDto, by: string): Promise<Source> {
    return this.sources.transaction(async (m) => {
      const current = await this.sources.lockWithText(m, id);
      if (!current) throw new ProblemError(SourceErrors.NOT_FOUND, `Source ${id} does not exist`);
      const changes: Partial<Source> = {
        ...dto,
        publishedAt: dto.publishedAt ? new Date(dto.publishedAt) : current.publishedAt,
      };
      if (dto.url != null) {
        changes.canonicalUrl = this.canonical(dto.url);
        if (changes.canonicalUrl !== current.canonicalUrl) await this.assertUrlFree(m, changes.canonicalUrl);
      }
      if (dto.text != null) {
        if (current.text !== null && current.text !== dto.text)
          throw new ProblemError(
            SourceErrors.TEXT_IMMUTABLE,
            'This source already has a text; it cannot change',
          );
        changes.contentHash = sha256(dto.text);
      }
      await this.sources.update(m, id, changes);
      await this.audit.record(m, {
        actor: by,
        action: 'update',
        entityType: 'source',
        entityId: id,
        change: { ...dto, text: dto.text ? '(set)' : undefined },
      });
      return this.get(id, m);
    });
  }

  canonical(url: string): string {
    const canonical = canonicalizeUrl(url);
    if (!canonical) throw invalid('url', 'must be an absolute http(s) URL', SourceErrors.INVALID_URL);
    return canonical;
  }

  /** 409 with `existingId` when a source has this canonical URL (on `m`, else outside any transaction). */
  async assertUrlFree(m: EntityManager | undefined, canonicalUrl: string): Promise<void> {
    const existing = await this.sources.findByCanonicalUrl(m, canonicalUrl);
    if (existing)
      throw new ProblemError(SourceErrors.DUPLICATE_URL, `${canonicalUrl} is already source ${existing.id}`, {
        existingId: existing.id,
      });
  }
}
