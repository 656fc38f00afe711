import { Injectable, OnModuleInit } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { AuditService } from '../audit/audit.service';
import { ChangeCounter } from '../common/conditional/change-counter';
import { addMoney } from '../common/money';
import { NotifiedCache } from '../common/notified-cache';
import { ProblemError } from '../common/problem';
import { DatabaseListener } from '../database/listener';
import { ItemsReadService } from '../items/items-read.service';
import { ItemsService } from '../items/items.service';
import { ItemView } from '../items/items.view';
import { SourcesService } from '../sources/sources.service';
import { TimelineService } from '../timeline/timeline.service';
import { CreatePublicationDto, PublicFilterDto } from './dto/create-publication.dto';
import { embedHtml, pageHtml } from './public-page.html';
import { KeptPage, keptPage, PageAsked } from './public-page.reply';
import { PublicationErrors } from './publications.errors';
import { PUBLICATIONS_CHANNEL, PublicationRow, PublicationsRepository } from './publications.repository';
import { PublicItem, PublicPage, PublicPassage, PublicationView } from './publication.schema';

/** A page shows at most this many items (the newest), and says when there were more. */
export const PAGE_ITEMS = 100;
const TIMELINE_ENTRIES = 50;
/** Rendered pages kept per replica, in UTF-16 code units (about bytes). */
const RENDERED_SIZE = 32 * 1024 * 1024;

/** Compressed once when rendered (on libuv's thread pool), so no request compresses a page. */
const gzipped = promisify(gzip);

/** A fallback only: a notification normally drops a kept row within milliseconds. */
const ROW_TTL_MS = 5000;

@Injectable()
export class PublicationsService implements OnModuleInit {
  /**
   * Publication rows by slug, dropped on every replica by the notification the publishing or
   * unpublishing transaction sends as it commits (as API keys are on revocation); nothing is kept
   * while the LISTEN connection is down, so the row is then read on every request.
   */
  private readonly rows: NotifiedCache<PublicationRow>;
  /** Rendered bodies by `<publication id>.<change counter>.<shape>.<language>`: what the ETag names. */
  private readonly rendered = new LRUCache<string, KeptPage>({
    max: 1000,
    maxSize: RENDERED_SIZE,
    sizeCalculation: (kept) => kept.body.length + kept.gzip.length,
  });

  constructor(
    private readonly publications: PublicationsRepository,
    private readonly audit: AuditService,
    private readonly reads: ItemsReadService,
    private readonly items: ItemsService,
    private readonly timeline: TimelineService,
    private readonly sources: SourcesService,
    private readonly changes: ChangeCounter,
    private readonly listener: DatabaseListener,
  ) {
    this.rows = new NotifiedCache<PublicationRow>({
      ttlMs: ROW_TTL_MS,
      maxEntries: 1000,
      trusted: () => listener.listening,
      keyOf: (slug) => slug,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.listener.subscribe(PUBLICATIONS_CHANNEL, this.rows);
  }

  async publish(dto: CreatePublicationDto, by: string): Promise<PublicationView> {
    const slug = dto.slug ?? slugOf(dto.title);
    if (!slug)
      throw new ProblemError(
        PublicationErrors.NO_SLUG,
        'The title has no letter or digit to make a slug of: give one',
      );
    const row = await this.publications.db.transaction(async (m) => {
      const saved = await this.publications.insert(m, {
        slug,
        title: dto.title,
        description: dto.description ?? null,
        filter: { ...dto.filter },
        language: dto.language ?? null,
        created_by: by,
      });
      if (!saved)
        throw new ProblemError(PublicationErrors.SLUG_TAKEN, `/p/${slug} is already published`, { slug });
      await this.audit.record(m, {
        actor: by,
        action: 'publish',
        entityType: 'publication',
        entityId: saved.id,
        change: { ...dto, slug },
      });
      return saved;
    });
    return viewOf(row);
  }

  async get(id: string): Promise<PublicationView> {
    const row = await this.publications.byId(id);
    if (!row) throw new ProblemError(PublicationErrors.NOT_FOUND, `Publication ${id} does not exist`);
    return viewOf(row);
  }

  /** Gone on this replica before the answer goes out, on the others when the notification arrives. */
  async unpublish(id: string, by: string): Promise<void> {
    const slug = await this.publications.db.transaction(async (m) => {
      const row = await this.publications.byId(id, m);
      if (!row || !(await this.publications.delete(m, id)))
        throw new ProblemError(PublicationErrors.NOT_FOUND, `Publication ${id} does not exist`);
      await this.publications.notifyChanged(m, row.slug);
      await this.audit.record(m, {
        actor: by,
        action: 'unpublish',
        entityType: 'publication',
        entityId: id,
        change: { slug: row.slug },
      });
      return row.slug;
    });
    this.rows.invalidate(slug);
  }

  /**
   * The published row (kept until a notification drops it: `rows`), and the tag of what the page shows: the row and the change counter.
   */
  async published(slug: string): Promise<{ row: PublicationRow; tag: string }> {
    const found = await this.find(slug);
    if (!found) throw new ProblemError(PublicationErrors.NOT_FOUND, `Nothing is published at /p/${slug}`);
    return found;
  }

  /** `published`, or undefined when nothing is published at `slug`. */
  async find(slug: string): Promise<{ row: PublicationRow; tag: string } | undefined> {
    const row = await this.rows.get(slug, async () => (await this.publications.bySlug(slug)) ?? null);
    if (!row) return undefined;
    return { row, tag: tagOf(row, await this.changes.tag()) };
  }

  /**
   * `find` when the row and the change counter are both in memory, without a promise: what the
   * door answers most requests with. Undefined when either must be read (or nothing is published).
   */
  findKept(slug: string): { row: PublicationRow; tag: string } | undefined {
    const row = this.rows.peek(slug);
    const counter = row && this.changes.peekTag();
    return row && counter ? { row, tag: tagOf(row, counter) } : undefined;
  }

  /**
   * The page's body (HTML, or JSON text) as `asked.etag` names it: rendered once per publication,
   * change counter, shape and language, so a request while nothing changed renders nothing. The
   * publication row is looked up before a kept body is sent (`published`, and the door:
   * public-pages.door.ts), so an unpublished page is not served from here. The counter is
   * read before the page is built: a body may be newer than its tag, never older.
   */
  async body(row: PublicationRow, asked: PageAsked): Promise<KeptPage> {
    const hit = this.kept(asked);
    if (hit !== undefined) return hit;
    const page = await this.page(row);
    const { shape, lang } = asked;
    const text =
      shape === 'json'
        ? JSON.stringify(page)
        : shape === 'embed'
          ? embedHtml(page, lang)
          : pageHtml(page, lang);
    const body = Buffer.from(text, 'utf8');
    const kept = keptPage(asked, body, await gzipped(body));
    this.rendered.set(asked.etag, kept);
    return kept;
  }

  /** The kept body `asked.etag` names, if it was rendered and not evicted. */
  kept(asked: PageAsked): KeptPage | undefined {
    return this.rendered.get(asked.etag);
  }

  /** What a page shows: only public fields of the filter's items (no key names, notes or follow-ups). */
  async page(row: PublicationRow): Promise<PublicPage> {
    const found = await this.reads.publicList(row.filter, PAGE_ITEMS);
    const sources = new Map<string, Promise<PublicPassage['source']>>();
    const sourceOf = (id: string) => {
      if (!sources.has(id))
        sources.set(
          id,
          this.sources.get(id).then((s) => ({ title: s.title, url: s.url, publisher: s.publisher ?? null })),
        );
      return sources.get(id)!;
    };
    const items = await Promise.all(found.data.map((item) => this.publicItem(item.id, sourceOf)));
    const tally: Record<string, number> = {};
    for (const item of items) tally[item.status] = (tally[item.status] ?? 0) + 1;
    return {
      slug: row.slug,
      title: row.title,
      description: row.description,
      tally,
      totals: totalsOf(items),
      truncated: found.nextCursor !== null,
      items,
    };
  }

  private async publicItem(
    id: string,
    sourceOf: (id: string) => Promise<PublicPassage['source']>,
  ): Promise<PublicItem> {
    const item: ItemView = await this.items.get(id);
    const origin = item.citations?.find((c) => c.role === 'origin');
    const entries = (await this.timeline.list(id, TIMELINE_ENTRIES)).data.filter((u) => !u.retracted);
    return {
      id: item.id,
      kind: item.kind,
      title: item.title,
      statement: item.statement,
      status: item.status,
      statusSince: item.statusSince.toISOString(),
      actors: item.actors.map((a) => ({ name: a.name, role: a.role })),
      amount: item.amount ? { ...item.amount } : null,
      dueAt: item.dueAt,
      origin: origin ? { quote: origin.quote, source: await sourceOf(origin.sourceId) } : null,
      timeline: await Promise.all(
        entries.map(async (u) => ({
          status: u.status,
          effectiveAt: u.effectiveAt.toISOString(),
          evidence: await Promise.all(
            u.evidence.map(async (e) => ({ quote: e.quote, source: await sourceOf(e.sourceId) })),
          ),
        })),
      ),
    };
  }
}

/** What the page's ETag starts with: the publication and the change counter's tag. */
function tagOf(row: PublicationRow, counterTag: string): string {
  return `${row.id}.${counterTag.replace(/"/g, '')}`;
}

function viewOf(row: PublicationRow): PublicationView {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    filter: row.filter as PublicFilterDto,
    language: (row.language as 'en' | 'fr' | null) ?? null,
    url: `/p/${row.slug}`,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** "Aide à l’Ukraine 2024" → "aide-a-l-ukraine-2024". */
export function slugOf(title: string): string {
  return title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/** Pledged money per currency (never added across currencies): `between` counts its lower bound; withdrawn items count nothing. */
function totalsOf(items: PublicItem[]): { currency: string; pledged: string }[] {
  const sums = new Map<string, string>();
  for (const item of items)
    if (item.amount && item.status !== 'withdrawn')
      sums.set(item.amount.currency, addMoney(sums.get(item.amount.currency) ?? '0', item.amount.value));
  return [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, pledged]) => ({ currency, pledged }));
}
