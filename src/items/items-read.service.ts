import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { CHANGES_CHANNEL } from '../common/conditional/change-counter';
import { NotifiedCache } from '../common/notified-cache';
import { Page, toPage } from '../common/pagination';
import { DatabaseListener } from '../database/listener';
import { CitedSource, claimReviewDocument } from './claim-review';
import { ItemFilterQuery, ListItemsQuery } from './dto/list-items.query';
import { exportItems, ExportOptions } from './export';
import { ItemListsRepository } from './item-lists.repository';
import { byIntervals, cursorOf, effectiveSort, FEW_AT_STATUS, ListHints, ListRow } from './items.query';
import { ItemsRepository } from './items.repository';
import { QuoteTest } from './search.query';
import { ItemsService } from './items.service';
import { ItemView, itemViews } from './items.view';
import { StatusHistory } from './status-history';

/** Items read in bulk or in other shapes: the list, the streamed export, ClaimReview markup. */
@Injectable()
export class ItemsReadService implements OnModuleInit {
  /**
   * Whether each recent `q` was broad (search.query.ts) and how its walk tests quotes, until a
   * write is notified (5 s at most).
   */
  private readonly broadQueries: NotifiedCache<{ broad: boolean; quotes?: QuoteTest }>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly items: ItemsService,
    private readonly itemRows: ItemsRepository,
    private readonly lists: ItemListsRepository,
    private readonly statusHistory: StatusHistory,
    private readonly listener: DatabaseListener,
  ) {
    this.broadQueries = new NotifiedCache<{ broad: boolean; quotes?: QuoteTest }>({
      ttlMs: 5000,
      maxEntries: 1000,
      trusted: () => listener.listening,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.listener.subscribe(CHANGES_CHANNEL, this.broadQueries);
  }

  /**
   * The list: filters, then keyset pagination on (sort key, id), so page 1,000 costs what page 1
   * costs. With `asOf`, each item also carries `statusAsOf`, its status at that time (null before its
   * history starts). The cursor holds the last row's sort key exactly as PostgreSQL prints it (microseconds
   * included). Dates may be missing: `dueAt` lists dated items first, then undated ones by id, in
   * two index range scans joined by UNION ALL.
   */
  async list(query: ListItemsQuery, m: EntityManager = this.db.manager): Promise<Page<ItemView>> {
    const rows = await this.pageRows(m, query, await this.listHints(m, query));
    const page = toPage(
      rows,
      query.limit,
      (r) => cursorOf(r),
      (r) => r,
    );
    const data = itemViews(page.data, await this.actorsOf(m, page.data));
    if (query.asOf === undefined) return { data, nextCursor: page.nextCursor };
    // The status each listed item had at asOf (the one the status filter matched), next to the current one.
    const then = await this.statusHistory.statusesAt(
      m,
      page.data.map((i) => i.id),
      query.asOf,
    );
    return {
      data: data.map((view) => ({ ...view, statusAsOf: then.get(view.id) ?? null })),
      nextCursor: page.nextCursor,
    };
  }

  /** A public page's items (publications): the list filters it was published with, newest first. */
  publicList(
    filter: { kind?: string; status?: string; actorId?: string; tag?: string },
    limit: number,
  ): Promise<Page<ItemView>> {
    const { kind, status, actorId, tag } = filter;
    // Validated when it was published (PublicFilterDto): the list filters' own rules.
    const query = { kind: kind as ItemFilterQuery['kind'], status, actorId, tag, limit };
    return this.list(Object.assign(new ListItemsQuery(), query));
  }

  /** `db`: where the export reads (the primary, or the read replica). */
  export(filters: ItemFilterQuery, options: ExportOptions, db: DataSource = this.db): Promise<Readable> {
    return exportItems(this.lists, filters, options, db);
  }

  async claimReview(id: string, baseUrl: string, reviewUrl?: string): Promise<Record<string, unknown>> {
    const item = await this.items.get(id);
    const rows = await this.itemRows.citedSources(this.db.manager, id);
    const sources: CitedSource[] = rows.map((r) => ({
      canonicalUrl: r.canonical_url,
      title: r.title,
      publisher: r.publisher,
      publishedAt: r.published_at,
      language: r.language,
      role: r.role,
    }));
    return claimReviewDocument(item, sources, baseUrl, reviewUrl);
  }

  private async actorsOf(m: EntityManager, items: ListRow[]) {
    return items.length === 0
      ? []
      : this.itemRows.actorsOf(
          m,
          items.map((i) => i.id),
        );
  }

  /** Whether few items had the asked status at `asOf`: a probe that stops at FEW_AT_STATUS rows. */
  private async listHints(m: EntityManager, query: ListItemsQuery): Promise<ListHints> {
    if (!query.status || !query.asOf || byIntervals(query, effectiveSort(query))) return {};
    return { fewAtStatus: (await this.lists.countAtStatus(m, query.status, query.asOf)) < FEW_AT_STATUS };
  }

  /**
   * Runs the page. The first page of `q` also tells whether the query is broad (its rows come
   * `byRank` or not, whatever the other filters) and, if so, whether its quotes were few;
   * `broadQueries` remembers that until the next write is notified, so the next first page of a
   * broad query skips the count, and its later pages test quotes the cheaper way.
   */
  private async pageRows(m: EntityManager, query: ListItemsQuery, hints: ListHints): Promise<ListRow[]> {
    const run = (h: ListHints) => this.lists.page(m, query, h);
    if (query.q === undefined || effectiveSort(query) !== 'relevance') return run(hints);
    if (query.cursor) return run({ ...hints, quotes: this.broadQueries.peek(query.q)?.quotes });
    let rows: ListRow[] | undefined;
    const known = await this.broadQueries.get(query.q, async () => {
      rows = await run(hints);
      if (rows.length === 0) return null;
      return rows[0].byRank === false
        ? { broad: true, quotes: rows[0].fewQuotes ? ('quoted' as const) : ('probe' as const) }
        : { broad: false };
    });
    return rows ?? run({ ...hints, broadQuery: known?.broad === true, quotes: known?.quotes });
  }
}
