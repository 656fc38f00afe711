import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProblemError } from '../common/problem';
import { canonicalizeUrl } from '../sources/canonical-url';
import { SourceErrors } from '../sources/sources.errors';
import { SourcesRepository } from '../sources/sources.repository';
import { SourcesService } from '../sources/sources.service';
import type { ImportMapping } from './columns';
import type { RowFields } from './row-map';

/** A row's source by its canonical URL: null id when an import would create it. */
export type KnownSource = { id: string | null; hasText: boolean } | { error: string };

/**
 * The source of each row's origin citation: the stored source with the same canonical URL,
 * else a new one (metadata only — `kind: other`, the row's date as its publication date, no
 * text; docs/imports.md says how its quotes are treated).
 */
@Injectable()
export class RowSources {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repository: SourcesRepository,
    private readonly service: SourcesService,
  ) {}

  async known(url: string): Promise<KnownSource> {
    const canonical = canonicalizeUrl(url);
    if (!canonical) return { error: `"${url}" is not a URL a source can have` };
    const source = await this.repository.findByCanonicalUrl(this.db.manager, canonical);
    return { id: source?.id ?? null, hasText: source?.contentHash != null };
  }

  async resolve(fields: RowFields, mapping: ImportMapping, by: string): Promise<{ id: string }> {
    const known = await this.known(fields.sourceUrl);
    if ('error' in known) throw new ProblemError(SourceErrors.INVALID_URL, known.error);
    if (known.id) return { id: known.id };
    try {
      const created = await this.service.create(
        {
          url: fields.sourceUrl,
          title: fields.sourceTitle ?? fields.sourceUrl,
          language: mapping.language ?? 'en',
          kind: 'other',
          ...(fields.date ? { publishedAt: `${fields.date}T00:00:00Z` } : {}),
        },
        by,
      );
      return { id: created.id };
    } catch (error) {
      // Another import created it first: use that one.
      if (!(error instanceof ProblemError) || error.spec !== SourceErrors.DUPLICATE_URL) throw error;
      const again = await this.known(fields.sourceUrl);
      if ('error' in again || !again.id) throw error;
      return { id: again.id };
    }
  }
}
