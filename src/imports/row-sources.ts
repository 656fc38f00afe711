import { Injectable } from '@nestjs/common';
import { canonicalizeUrl } from '../sources/canonical-url';
import { SourcesRepository } from '../sources/sources.repository';
import { SourcesService } from '../sources/sources.service';
import type { ImportMapping } from './columns';
import type { RowFields } from './row-map';

/** A row's source by its canonical URL: null id when an import would create it. */
export type KnownSource = { id: string | null; hasText: boolean } | { error: string };

/**
 * The source of each row's origin citation: the stored source with the same canonical URL,
 * else a new one (metadata only — `kind: other`, the row's date as its publication date, no
 * text; docs/imports.md says how its quotes are treated). A batch of rows is one lookup, and its
 * new sources one statement.
 */
@Injectable()
export class RowSources {
  constructor(
    private readonly repository: SourcesRepository,
    private readonly service: SourcesService,
  ) {}

  /** Each of `urls` (as the sheet writes it) as stored, or why it cannot be a source's. */
  async known(urls: string[]): Promise<Map<string, KnownSource>> {
    const canonical = new Map(urls.map((url) => [url, canonicalizeUrl(url)]));
    const wanted = [...new Set([...canonical.values()].filter((c): c is string => c !== null))];
    const stored = new Map(
      (wanted.length ? await this.repository.byCanonicalUrls(wanted) : []).map((s) => [s.canonicalUrl, s]),
    );
    return new Map(
      [...canonical].map(([url, c]): [string, KnownSource] => {
        if (!c) return [url, { error: `"${url}" is not a URL a source can have` }];
        const source = stored.get(c);
        return [url, { id: source?.id ?? null, hasText: source?.hasText ?? false }];
      }),
    );
  }

  /**
   * The source id of each row's URL: those `known` holds, and the missing ones created (one
   * statement, audited; one another writer created meanwhile is used as it is). The rows' URLs
   * were checked when they were planned.
   */
  async resolve(
    rows: RowFields[],
    known: Map<string, KnownSource>,
    mapping: ImportMapping,
    by: string,
  ): Promise<Map<string, string>> {
    const missing = new Map<string, RowFields>();
    for (const row of rows) {
      const source = known.get(row.sourceUrl);
      if (source && !('error' in source) && !source.id) missing.set(row.sourceUrl, row);
    }
    await this.service.createWithoutText(
      [...missing.values()].map((row) => ({
        url: row.sourceUrl,
        canonicalUrl: canonicalizeUrl(row.sourceUrl)!,
        title: row.sourceTitle ?? row.sourceUrl,
        language: mapping.language ?? 'en',
        kind: 'other',
        publishedAt: row.date ? `${row.date}T00:00:00Z` : null,
      })),
      by,
    );
    const after = missing.size > 0 ? await this.known([...missing.keys()]) : new Map<string, KnownSource>();
    const ids = new Map<string, string>();
    for (const [url, source] of [...known, ...after]) {
      const id = idOf(source);
      if (id) ids.set(url, id);
    }
    return ids;
  }
}

/** A stored source's id; null when it is still to be created. */
export function idOf(source: KnownSource | undefined): string | null {
  return source && !('error' in source) ? source.id : null;
}
