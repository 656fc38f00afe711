import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { KeyFields, Keyset } from '../common/keyset';
import { Page } from '../common/pagination';
import { sqlRow, sqlRows } from '../database/sql';

/** The gold export pages by source. */
const GOLD_KEY = new Keyset([{ sql: 'source_id', type: 'uuid' }], 'ASC');

export type Decision = 'accepted' | 'dismissed';

export interface DecisionRow {
  key: string;
  decision: Decision;
  reason: string | null;
  item_id: string | null;
  decided_by: string;
  decided_at: Date;
}

/** One decision with what the gold export needs of its source and, when accepted, of its item. */
export interface GoldRow {
  source_id: string;
  language: string;
  published_at: Date | null;
  text: string | null;
  key: string;
  decision: Decision;
  kind: string;
  quote: string;
  reason: string | null;
  item_kind: string | null;
  item_quote: string | null;
  actor: string | null;
  amount_value: string | null;
  amount_currency: string | null;
  initial_status: string | null;
  due_at: string | null;
  due_precision: string | null;
}

/** Every statement on `candidate_decisions` (ADR 0005). */
@Injectable()
export class CandidateDecisionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The decisions on a source's candidates by key (on `m`: the primary or the read replica). */
  async forSource(sourceId: string, m: EntityManager = this.db.manager): Promise<Map<string, DecisionRow>> {
    const rows = await sqlRows<DecisionRow>(
      m,
      `SELECT key, decision, reason, item_id, decided_by, decided_at
         FROM candidate_decisions WHERE source_id = $1`,
      [sourceId],
    );
    return new Map(rows.map((r) => [r.key, r]));
  }

  /**
   * Dismisses the candidate (again, with the new reason) unless it was accepted: the row as it
   * stands, or undefined when an accepted decision kept it from changing.
   */
  dismiss(
    d: { sourceId: string; key: string; kind: string; quote: string; reason: string | null; by: string },
    m: EntityManager = this.db.manager,
  ): Promise<DecisionRow | undefined> {
    return sqlRow<DecisionRow>(
      m,
      `INSERT INTO candidate_decisions (source_id, key, decision, kind, quote, reason, decided_by)
       VALUES ($1, $2, 'dismissed', $3, $4, $5, $6)
       ON CONFLICT (source_id, key) DO UPDATE
          SET reason = EXCLUDED.reason, decided_by = EXCLUDED.decided_by, decided_at = now()
        WHERE candidate_decisions.decision = 'dismissed'
       RETURNING key, decision, reason, item_id, decided_by, decided_at`,
      [d.sourceId, d.key, d.kind, d.quote, d.reason, d.by],
    );
  }

  /** Marks the candidate accepted by `itemId`, in the item's transaction; a later item takes it over. */
  async accept(
    m: EntityManager,
    d: { sourceId: string; key: string; kind: string; quote: string; itemId: string; by: string },
  ): Promise<void> {
    await sqlRows(
      m,
      `INSERT INTO candidate_decisions (source_id, key, decision, kind, quote, item_id, decided_by)
       VALUES ($1, $2, 'accepted', $3, $4, $5, $6)
       ON CONFLICT (source_id, key) DO UPDATE
          SET decision = 'accepted', kind = EXCLUDED.kind, quote = EXCLUDED.quote, reason = NULL,
              item_id = EXCLUDED.item_id, decided_by = EXCLUDED.decided_by, decided_at = now()
       RETURNING key`,
      [d.sourceId, d.key, d.kind, d.quote, d.itemId, d.by],
    );
  }

  /**
   * A page of the sources with a decision, in id order: keyset paging on the primary key's index
   * (a page far in is as cheap as the first).
   */
  async goldSources(
    page: { limit: number; cursor?: string },
    m: EntityManager = this.db.manager,
  ): Promise<Page<{ source_id: string }>> {
    const after = GOLD_KEY.decode(page.cursor);
    const rows = await sqlRows<{ source_id: string } & KeyFields>(
      m,
      `SELECT DISTINCT source_id, ${GOLD_KEY.selectKeys()} FROM candidate_decisions
        ${after ? `WHERE ${GOLD_KEY.after(after, () => '$2')}` : ''}
        ORDER BY ${GOLD_KEY.orderBy()} LIMIT $1`,
      after ? [page.limit + 1, after[0]] : [page.limit + 1],
    );
    return GOLD_KEY.rawPage(rows, page.limit);
  }

  /**
   * The decisions on these sources, each with its source and, when accepted, its item's kind,
   * origin quote from that source, first pledger or speaker, amount, initial status and deadline —
   * one statement across owners (sources, items, citations, item_actors, actors; listed in ADR
   * 0005). By source id, then in the order they were made.
   */
  gold(sourceIds: string[], m: EntityManager = this.db.manager): Promise<GoldRow[]> {
    return sqlRows<GoldRow>(
      m,
      `SELECT d.source_id, s.language, s.published_at, s.text, d.key, d.decision, d.kind, d.quote,
              d.reason, i.kind AS item_kind,
              (SELECT c.quote FROM citations c
                WHERE c.item_id = i.id AND c.source_id = d.source_id
                ORDER BY c.role <> 'origin', c.created_at LIMIT 1) AS item_quote,
              (SELECT a.name FROM item_actors ia JOIN actors a ON a.id = ia.actor_id
                WHERE ia.item_id = i.id
                ORDER BY ia.role NOT IN ('pledger', 'speaker'), ia.role, a.name LIMIT 1) AS actor,
              coalesce(i.amount_value_max, i.amount_value)::text AS amount_value,
              i.amount_currency, i.initial_status, i.due_at::text AS due_at, i.due_precision
         FROM candidate_decisions d
         JOIN sources s ON s.id = d.source_id
         LEFT JOIN items i ON i.id = d.item_id
        WHERE d.source_id = ANY($1::uuid[])
        ORDER BY d.source_id, d.decided_at, d.key`,
      [sourceIds],
    );
  }
}
