import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActorsRepository } from '../actors/actors.repository';
import { ItemsRepository } from '../items/items.repository';
import { SimilarItems } from '../items/similar';
import { CandidateDecisionsRepository } from './candidate-decisions.repository';
import { KeyedCandidate, withDecision } from './candidate-decision.view';
import { CandidateActor, toCandidate } from './candidate.view';
import { Extracted } from './extraction/extract';
import { foldName } from './extraction/fold';
import { selectorsIn } from './selectors';
import { SourceCandidatesReader } from './source-candidates';
import { ProposedUpdates } from './proposed-updates';

/**
 * GET /v1/sources/:id/candidates: reads the stored text on a worker thread (pure extraction,
 * bounded and cached: CandidateExtractions), then looks up what the text names among stored
 * actors, which candidates are already logged and what reviewers decided. Nothing is written.
 */
@Injectable()
export class CandidatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reader: SourceCandidatesReader,
    private readonly similar: SimilarItems,
    private readonly actors: ActorsRepository,
    private readonly items: ItemsRepository,
    private readonly decisions: CandidateDecisionsRepository,
    private readonly proposedUpdates: ProposedUpdates,
  ) {}

  /**
   * `m`: where it reads (the primary, or the read replica); `who`: the API key's name (the
   * per-key limit on extractions); `signal`: aborts the extraction when the client hangs up.
   * Dismissed candidates are left out unless `includeDismissed`.
   */
  async forSource(
    sourceId: string,
    options: { who: string; signal?: AbortSignal; includeDismissed?: boolean },
    m: EntityManager = this.db.manager,
  ): Promise<{ data: KeyedCandidate[]; language: string }> {
    const { text, language, publishedAt, found } = await this.reader.read(
      sourceId,
      options.who,
      options.signal,
      m,
    );
    const decisions = await this.decisions.forSource(sourceId, m);
    const shown = found.filter(
      (f) => options.includeDismissed || decisions.get(f.key)?.decision !== 'dismissed',
    );
    const extracted = shown.map((f) => f.e);
    const actors = await this.storedActors(extracted, m);
    const cited = await this.items.citedSpans(m, sourceId);
    const data: KeyedCandidate[] = [];
    const sameAs = new Map<string, string[]>();
    const selectorsAt = selectorsIn(text);
    for (const { key: candidateKey, e } of shown) {
      const selectors = selectorsAt(e.start, e.end);
      const existing = new Set(
        cited.filter((c) => c.start < selectors.end && c.end > selectors.start).map((c) => c.itemId),
      );
      // A text that repeats a passage asks once for it.
      const key = `${e.kind}\u0000${e.quote}\u0000${e.amount?.value ?? ''}`;
      let same = sameAs.get(key);
      if (!same) sameAs.set(key, (same = await this.similar.sameAs(m, e, language)));
      for (const s of same) existing.add(s);
      const candidate = toCandidate(e, {
        sourceId,
        language,
        selectors,
        actors: this.actorsOf(e, actors),
        existingItemIds: [...existing],
      });
      data.push(withDecision(candidate, candidateKey, decisions.get(candidateKey)));
    }
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
