import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActorsRepository } from '../actors/actors.repository';
import { ProblemError } from '../common/problem';
import { WorkerPool } from '../common/worker-pool/worker-pool';
import { ItemsRepository } from '../items/items.repository';
import { SimilarItems } from '../items/similar';
import { SourceErrors } from '../sources/sources.errors';
import { SourcesRepository } from '../sources/sources.repository';
import { CandidateErrors } from './candidates.errors';
import { Candidate, CandidateActor, toCandidate } from './candidate.view';
import { Extracted } from './extraction/extract';
import { foldName } from './extraction/fold';
import { candidateLanguage } from './extraction/language';
import { ProposedUpdate, ProposedUpdates } from './proposed-updates';
import { selectorsAt } from './selectors';

/**
 * GET /v1/sources/:id/candidates: reads the stored text on a worker thread (pure extraction),
 * then looks up what the text names among stored actors and which candidates are already
 * logged. Nothing is written.
 */
@Injectable()
export class CandidatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly pool: WorkerPool,
    private readonly similar: SimilarItems,
    private readonly sources: SourcesRepository,
    private readonly actors: ActorsRepository,
    private readonly items: ItemsRepository,
    private readonly proposedUpdates: ProposedUpdates,
  ) {}

  /** `m`: where it reads (the primary, or the read replica). */
  async forSource(
    sourceId: string,
    m: EntityManager = this.db.manager,
  ): Promise<{ data: Array<Candidate & { proposedUpdates: ProposedUpdate[] }>; language: string }> {
    const row = await this.sources.forCandidates(sourceId, m);
    if (!row) throw new ProblemError(SourceErrors.NOT_FOUND, `Source ${sourceId} does not exist`);
    if (!row.text?.trim())
      throw new ProblemError(CandidateErrors.NO_TEXT, 'Store the source with its text to get candidates');
    const language = candidateLanguage(row.language, row.text);
    if (!language)
      throw new ProblemError(
        CandidateErrors.UNSUPPORTED_LANGUAGE,
        `This source's language is "${row.language}"; candidates are read in French (fr) or English (en)`,
      );
    const text = row.text;
    const extracted = await this.pool.run('extractSourceCandidates', {
      text,
      language,
      publishedAt: row.published_at ?? row.created_at,
    });
    const actors = await this.storedActors(extracted, m);
    const cited = await this.items.citedSpans(m, sourceId);
    const data: Candidate[] = [];
    const sameAs = new Map<string, string[]>();
    for (const e of extracted) {
      const selectors = selectorsAt(text, e.start, e.end);
      const existing = new Set(
        cited.filter((c) => c.start < selectors.end && c.end > selectors.start).map((c) => c.itemId),
      );
      // A text that repeats a passage asks once for it.
      const key = `${e.kind}\u0000${e.quote}\u0000${e.amount?.value ?? ''}`;
      let same = sameAs.get(key);
      if (!same) sameAs.set(key, (same = await this.similar.sameAs(m, e, language)));
      for (const s of same) existing.add(s);
      data.push(
        toCandidate(e, {
          sourceId,
          language,
          selectors,
          actors: this.actorsOf(e, actors),
          existingItemIds: [...existing],
        }),
      );
    }
    const publishedAt = row.published_at ? new Date(row.published_at) : null;
    return { data: await this.proposedUpdates.add(m, sourceId, publishedAt, data), language };
  }

  /** Stored actors by any folded name or alias the text mentions (one indexed query). */
  private async storedActors(
    extracted: Extracted[],
    m: EntityManager,
  ): Promise<Map<string, { id: string; name: string }>> {
    const names = [...new Set(extracted.flatMap((e) => e.actors.map((a) => a.name)))];
    if (!names.length) return new Map();
    const rows = await this.actors.byMentions(names, m);
    return new Map(rows.map((r) => [foldName(r.mention), { id: r.id, name: r.name }]));
  }

  private actorsOf(e: Extracted, stored: Map<string, { id: string; name: string }>): CandidateActor[] {
    const out: CandidateActor[] = [];
    for (const a of e.actors) {
      const match = stored.get(foldName(a.name));
      if (!match && !a.known) continue;
      if (match && out.some((o) => o.actorId === match.id)) continue;
      out.push({ name: a.name, actorId: match?.id ?? null, role: a.role });
    }
    return out;
  }
}
