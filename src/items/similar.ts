import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface SimilarItem {
  id: string;
  kind: string;
  title: string;
  status: string;
  score: number;
}

/** Below this pg_trgm similarity (0–1) two texts are not worth a look. */
export const SIMILARITY_THRESHOLD = 0.4;

/** $1 title text, $2 statement text, $3 kind or NULL, $4 id to leave out or NULL, $5 limit, $6 also find candidates by statement. */
export const SIMILAR_SQL = `SELECT i.id, i.kind, i.title, i.status,
         round(greatest(similarity(pw_fold(i.title), pw_fold($1)), similarity(pw_fold(i.statement), pw_fold($2)))::numeric, 3)::float8 AS score
  FROM items i
  WHERE i.merged_into_id IS NULL
    AND (pw_fold(i.title) % pw_fold($1) OR ($6::boolean AND pw_fold(i.statement) % pw_fold($2)))
    AND ($3::text IS NULL OR i.kind = $3)
    AND ($4::uuid IS NULL OR i.id <> $4)
  ORDER BY score DESC, i.id
  LIMIT $5`;

/**
 * Items that look like the same claim or pledge: trigram similarity (pg_trgm) of the folded
 * title and statement, best first. Only pairs above SIMILARITY_THRESHOLD are candidates,
 * which lets the trigram indexes answer. `statement` defaults to the text compared with titles.
 * Candidates come from titles, and from statements when `byStatement` (GET /similar): long
 * statements share trigrams with many others, too slow a scan for every POST at a million items.
 */
@Injectable()
export class SimilarItems {
  private readonly logger = new Logger('SimilarItems');

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** GET /v1/items/similar: candidates by title and by statement. */
  search(text: string, options: { limit: number; kind?: string }): Promise<SimilarItem[]> {
    return this.find(this.db.manager, { title: text }, { ...options, byStatement: true });
  }

  /**
   * `possibleDuplicates` of a new item, inside its create transaction. Hints only: the lookup
   * runs in a savepoint, and when it fails the savepoint is rolled back and the item is created
   * with no hints — a failing hint never fails (or half-commits) the write.
   */
  async hintsFor(
    m: EntityManager,
    item: { id: string; kind: string; title: string; statement: string },
  ): Promise<SimilarItem[]> {
    try {
      return await this.find(
        m,
        { title: item.title, statement: item.statement },
        { limit: 5, kind: item.kind, excludeId: item.id, byStatement: false },
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(
        `possibleDuplicates lookup for item ${item.id} failed (${reason}); created without hints`,
      );
      return [];
    }
  }

  /** Runs in its own (nested: a savepoint) transaction so SET LOCAL stays inside it. */
  find(
    m: EntityManager,
    text: { title: string; statement?: string },
    options: { limit: number; kind?: string; excludeId?: string; byStatement: boolean },
  ): Promise<SimilarItem[]> {
    // The threshold also prunes the trigram index scan: long statements share many trigrams with anything.
    return m.transaction(async (tx) => {
      await tx.query(`SET LOCAL pg_trgm.similarity_threshold = ${SIMILARITY_THRESHOLD}`);
      return tx.query(SIMILAR_SQL, [
        text.title,
        text.statement ?? text.title,
        options.kind ?? null,
        options.excludeId ?? null,
        options.limit,
        options.byStatement,
      ]);
    });
  }
}
