import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ProblemError } from '../common/problem';
import { locateQuotes } from '../common/text/locate-quotes';
import { WorkerPool } from '../common/worker-pool/worker-pool';
import { APP_CONFIG, AppConfig } from '../config';
import { Outbox } from '../events/outbox.service';
import { ItemsRepository } from '../items/items.repository';
import { LiveCitation, LiveCitationsRepository } from '../items/live-citations.repository';
import { FetchedPage, FetchFailure, fetchPage } from '../sources/fetching/fetch-page';
import { SourceFetchService } from '../sources/fetching/source-fetch.service';
import { SnapshotsRepository, SnapshotView } from '../sources/snapshots.repository';
import type { LiveStatus } from '../sources/source-kinds';
import { SourceErrors } from '../sources/sources.errors';
import { SourcesRepository } from '../sources/sources.repository';
import { SourcesService } from '../sources/sources.service';

/** Failed checks in a row after which a source is `unreachable`. */
export const UNREACHABLE_AFTER = 3;
/** Below this much live text, quotes are located on the event loop (as QuoteVerifier does). */
const INLINE_TEXT_LIMIT = 40_000;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export interface RecheckResult {
  sourceId: string;
  liveStatus: LiveStatus | null;
  checkedAt: Date | null;
  /** A new snapshot when the live bytes differed from the latest one; else null. */
  snapshot: SnapshotView | null;
  /** Why the URL could not be read this time (the status stays as it was until it is `unreachable`). */
  failure: string | null;
  citations: { id: string; itemId: string; stillPresent: boolean | null }[];
}

/** What the fetch found, before anything is written. */
type Found =
  | { kind: 'live'; page: FetchedPage; sha: string; text: string | null }
  | { kind: 'gone' }
  | { kind: 'failed'; reason: string };

/**
 * A source's URL fetched again (POST /v1/sources/:id/recheck, and the scheduler): the live copy
 * is archived when its bytes changed, the source's `liveStatus` says how it compares with the
 * archived copy its text came from, and each citation records whether its passage is still on
 * the live page. The stored text never changes. A citation whose passage left flags its item
 * (`sourceChanged`, a version bump) and emits `item.source_changed`, in the same transaction.
 */
@Injectable()
export class RecheckService {
  constructor(
    private readonly sourcesService: SourcesService,
    private readonly sources: SourcesRepository,
    private readonly snapshots: SnapshotsRepository,
    private readonly fetcher: SourceFetchService,
    private readonly citations: LiveCitationsRepository,
    private readonly items: ItemsRepository,
    private readonly outbox: Outbox,
    private readonly pool: WorkerPool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async recheck(id: string): Promise<RecheckResult> {
    const source = await this.sourcesService.get(id);
    // The first snapshot (the copy the text was read from) never changes: live bytes equal to it
    // need no reading, which is most rechecks.
    const archived = await this.snapshots.hashes(id);
    const found = await this.look(source.url, archived.first);
    return this.sources.transaction(async (m) => {
      const row = await this.sources.lockForRecheck(m, id);
      if (!row) throw new ProblemError(SourceErrors.NOT_FOUND, `Source ${id} does not exist`);
      if (found.kind === 'failed') {
        const failures = row.failures + 1;
        const status = failures >= UNREACHABLE_AFTER ? 'unreachable' : (row.liveStatus as LiveStatus | null);
        await this.sources.recordCheck(m, id, status, failures, this.config.RECHECK_EVERY);
        return this.result(m, id, status, null, found.reason, []);
      }
      const cited = await this.citations.ofSource(m, id);
      let snapshot: SnapshotView | null = null;
      let status: LiveStatus = 'gone';
      let present: (c: LiveCitation) => boolean = () => false;
      if (found.kind === 'live') {
        const hashes = await this.snapshots.hashes(id, m);
        const { sha } = found;
        if (sha !== hashes.latest)
          snapshot = await this.snapshots.insert(m, {
            sourceId: id,
            contentType: found.page.contentType || 'application/octet-stream',
            sha256: sha,
            finalUrl: found.page.finalUrl,
            bytes: found.page.bytes,
          });
        const same = sha === hashes.first || (found.text !== null && sha256(found.text) === row.contentHash);
        status = same ? 'unchanged' : 'changed';
        present = same ? () => true : await this.finder(found.text ?? '', cited);
      }
      await this.sources.recordCheck(m, id, status, 0, this.config.RECHECK_EVERY);
      const changes = await this.apply(m, id, status, cited, present);
      return this.result(m, id, status, snapshot, null, changes);
    });
  }

  /**
   * Fetches the URL; reads the text of a 2xx answer (null when it has none readable, or when the
   * bytes are the archived copy's `first`: the same text, so nothing to read).
   */
  private async look(url: string, first: string | null): Promise<Found> {
    let page: FetchedPage;
    try {
      page = await fetchPage(url, this.fetcher.limits);
    } catch (error) {
      if (error instanceof FetchFailure) return { kind: 'failed', reason: error.message };
      throw error;
    }
    if (page.status === 404 || page.status === 410) return { kind: 'gone' };
    if (page.status < 200 || page.status > 299)
      return { kind: 'failed', reason: `the page answered ${page.status}` };
    const sha = sha256(page.bytes);
    if (sha === first) return { kind: 'live', page, sha, text: null };
    try {
      return { kind: 'live', page, sha, text: (await this.fetcher.extract(page)).document.text };
    } catch (error) {
      if (error instanceof ProblemError && error.spec.status === 422)
        return { kind: 'live', page, sha, text: null };
      throw error;
    }
  }

  /** Whether each citation's quote occurs in the live text (folded as quotes are checked). */
  private async finder(text: string, cited: LiveCitation[]): Promise<(c: LiveCitation) => boolean> {
    const search = [{ hash: sha256(text), text, quotes: cited.map((c) => c.quote) }];
    const [found] =
      text.length <= INLINE_TEXT_LIMIT ? locateQuotes(search) : await this.pool.run('locateQuotes', search);
    const present = new Map(cited.map((c, i) => [c.id, found[i] !== null]));
    return (c) => present.get(c.id) ?? false;
  }

  /** Records each citation's presence; a passage that has just left the page flags its item once. */
  private async apply(
    m: EntityManager,
    sourceId: string,
    status: LiveStatus,
    cited: LiveCitation[],
    present: (c: LiveCitation) => boolean,
  ): Promise<RecheckResult['citations']> {
    const now = cited.map((c) => ({ ...c, stillPresent: present(c) }));
    const kept = now.filter((c) => c.stillPresent).map((c) => c.id);
    const left = now.filter((c) => !c.stillPresent);
    if (kept.length) await this.citations.setStillPresent(m, kept, true);
    if (left.length)
      await this.citations.setStillPresent(
        m,
        left.map((c) => c.id),
        false,
      );
    const newlyLeft = left.filter((c) => cited.find((before) => before.id === c.id)?.stillPresent !== false);
    // In id order: two sources rechecked at once that flag the same items lock them in one order.
    for (const itemId of [...new Set(newlyLeft.map((c) => c.itemId))].sort())
      await this.items.bumpVersion(m, itemId, undefined);
    for (const c of newlyLeft)
      await this.outbox.emit(m, 'item.source_changed', {
        itemId: c.itemId,
        sourceId,
        citationId: c.id,
        quote: c.quote,
        liveStatus: status === 'gone' ? 'gone' : 'changed',
      });
    return now.map(({ id, itemId, stillPresent }) => ({ id, itemId, stillPresent }));
  }

  private async result(
    m: EntityManager,
    id: string,
    status: LiveStatus | null,
    snapshot: SnapshotView | null,
    failure: string | null,
    citations: RecheckResult['citations'],
  ): Promise<RecheckResult> {
    const { checkedAt } = await this.sourcesService.get(id, m);
    return { sourceId: id, liveStatus: status, checkedAt, snapshot, failure, citations };
  }
}
