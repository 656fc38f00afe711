import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { ProblemError } from '../common/problem';
import { AcceptedCandidate, CandidateAcceptance } from '../items/candidate-acceptance';
import { CandidateDecisionsRepository, GoldRow } from './candidate-decisions.repository';
import { CandidateErrors } from './candidates.errors';
import { SourceCandidatesReader } from './source-candidates';

/** One label in the gold format of the extraction fixtures (LABELING.md). */
export interface GoldLabel {
  kind: string;
  actor: string | null;
  quote: string;
  amount: { value: string; currency: string } | null;
  statusHint: string;
  dueHint: string | null;
}

export interface GoldArticle {
  sourceId: string;
  language: string;
  publishedAt: Date | null;
  text: string;
  labels: GoldLabel[];
  dismissed: Array<{ key: string; kind: string; quote: string; reason: string | null }>;
}

/**
 * Reviewers' decisions on candidates: a dismissal (POST …/candidates/:key/dismiss), an acceptance
 * (an item created with `candidateKey`, through the CandidateAcceptance port of items), and both
 * exported as evaluation data (GET /v1/candidates/decisions?format=gold).
 */
@Injectable()
export class CandidateDecisionsService implements CandidateAcceptance {
  constructor(
    private readonly reader: SourceCandidatesReader,
    private readonly decisions: CandidateDecisionsRepository,
  ) {}

  async dismiss(sourceId: string, key: string, reason: string | null, by: string) {
    const candidate = await this.candidate(sourceId, key, by);
    if (!candidate)
      throw new ProblemError(
        CandidateErrors.NOT_FOUND,
        `Source ${sourceId} has no candidate with key ${key}`,
      );
    const { kind, quote } = candidate;
    const row = await this.decisions.dismiss({ sourceId, key, kind, quote, reason, by });
    if (!row)
      throw new ProblemError(CandidateErrors.ALREADY_ACCEPTED, `Candidate ${key} was accepted as an item`);
    return { key, kind, quote, dismissed: { reason: row.reason, at: row.decided_at, by: row.decided_by } };
  }

  async find(sourceId: string, key: string, by: string): Promise<AcceptedCandidate> {
    const candidate = await this.candidate(sourceId, key, by);
    if (!candidate) {
      const message = `source ${sourceId} has no candidate with this key`;
      throw new ProblemError(CandidateErrors.KEY_NOT_IN_SOURCE, `candidateKey: ${message}`, {}, [
        { path: 'candidateKey', message },
      ]);
    }
    return { sourceId, key, kind: candidate.kind, quote: candidate.quote };
  }

  accept(m: EntityManager, candidate: AcceptedCandidate, itemId: string, by: string): Promise<void> {
    return this.decisions.accept(m, { ...candidate, itemId, by });
  }

  /** The source's candidate with this key (its text read as GET …/candidates reads it), if any. */
  private async candidate(sourceId: string, key: string, by: string) {
    const { found } = await this.reader.read(sourceId, by);
    return found.find((f) => f.key === key)?.e;
  }

  /**
   * One page of decisions, by source (`limit` sources, in id order, after the cursor's): accepted
   * ones as gold labels of their items, dismissed ones as they were.
   */
  async gold(
    page: { limit: number; cursor?: string },
    m?: EntityManager,
  ): Promise<{ articles: GoldArticle[]; nextCursor: string | null }> {
    const sources = await this.decisions.goldSources(page, m);
    const ids = sources.data.map((s) => s.source_id);
    const articles = new Map<string, GoldArticle>();
    for (const row of ids.length ? await this.decisions.gold(ids, m) : []) {
      let article = articles.get(row.source_id);
      if (!article)
        articles.set(
          row.source_id,
          (article = {
            sourceId: row.source_id,
            language: row.language,
            publishedAt: row.published_at,
            text: row.text ?? '',
            labels: [],
            dismissed: [],
          }),
        );
      if (row.decision === 'dismissed')
        article.dismissed.push({ key: row.key, kind: row.kind, quote: row.quote, reason: row.reason });
      else article.labels.push(goldLabel(row));
    }
    return { articles: [...articles.values()], nextCursor: sources.nextCursor };
  }
}

/** An accepted candidate as LABELING.md writes a label: the item as recorded, quoted from this source. */
function goldLabel(row: GoldRow): GoldLabel {
  const kind = row.item_kind ?? row.kind;
  const pledge = kind === 'commitment';
  return {
    kind,
    actor: row.actor,
    quote: row.item_quote ?? row.quote,
    amount:
      pledge && row.amount_value && row.amount_currency
        ? { value: new Decimal(row.amount_value).toFixed(), currency: row.amount_currency }
        : null,
    statusHint: pledge ? (row.initial_status ?? 'proposed') : 'unverified',
    dueHint: dueHint(row.due_at, row.due_precision),
  };
}

/** "2030", "2024-07" or "2024-06-14", as precise as the item's deadline. */
function dueHint(dueAt: string | null, precision: string | null): string | null {
  if (!dueAt) return null;
  if (precision === 'year') return dueAt.slice(0, 4);
  if (precision === 'month') return dueAt.slice(0, 7);
  return dueAt;
}
