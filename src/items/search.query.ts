import { invalid } from '../common/problem';
import { ITEM_COLUMNS } from './item-detail.query';

/**
 * A query is ranked when it matches at most this many texts (a listed item's title and statement
 * are one text, each quote one more). Ranking reads every matching tsvector, so a broader
 * query (a common word matches 50,000 texts at a million items) lists its matches newest first:
 * that order is an index walk that stops after one page.
 */
export const RANKED_HITS = 5_000;

/** The third element of a broad query's cursor (a ranked query's cursor has two). */
export const NEWEST = 'newest';

/** Binds a value as the next positional parameter and answers its placeholder (`Params` of the list). */
interface Binder {
  p(value: unknown): string;
}

/** The SQL of the newest-first list with these extra conditions, after this cursor. */
export type NewestFirst = (extra: string[], after: [string, string] | undefined) => string;

/**
 * `q` in relevance order: the better of the item's own rank and its best quote's, ties by id.
 * The first page counts the matching texts up to RANKED_HITS + 1 and ranks them when that is
 * all of them; otherwise it is the newest-first page of the same matches. Later pages keep the
 * order their cursor came from, whatever was written since. `broad`: the query was counted broad
 * and nothing was written since, so the first page skips the count. Every page answers `byRank`.
 */
export function bySearch(
  where: string[],
  params: Binder,
  q: string,
  after: unknown[] | undefined,
  take: string,
  broad: boolean | undefined,
  newest: NewestFirst,
): string {
  const tsq = `pw_tsquery(${params.p(q)})`;
  const matchesEach = `(i.search @@ ${tsq} OR (SELECT true FROM citations c WHERE c.item_id = i.id AND c.search @@ ${tsq} LIMIT 1))`;
  const newestPage = (extra: string[], key?: [string, string]) =>
    `SELECT page.*, false AS "byRank" FROM (${newest([matchesEach, ...extra], key)}) page`;
  if (after?.length === 3) {
    if (after[2] !== NEWEST || typeof after[0] !== 'string' || typeof after[1] !== 'string')
      throw invalid('cursor', 'is not a cursor this list produced');
    return newestPage([], [after[0], after[1]]);
  }
  if (after && typeof after[0] !== 'number') throw invalid('cursor', 'is not a cursor this list produced');
  if (!after && broad) return newestPage([]);
  const texts = `SELECT s.id, ts_rank(s.search, ${tsq}) AS rank FROM items s WHERE s.search @@ ${tsq} AND s.merged_into_id IS NULL
      UNION ALL
      SELECT c.item_id, ts_rank(c.search, ${tsq}) FROM citations c WHERE c.search @@ ${tsq}`;
  const ranked = (hits: string, extra: string[]) =>
    `SELECT ${ITEM_COLUMNS}, m.rank::text AS "sortKey", true AS "byRank"
    FROM (SELECT id, max(rank) AS rank FROM ${hits} GROUP BY id) m JOIN items i ON i.id = m.id
    WHERE ${[...where, ...extra].join(' AND ')} ORDER BY m.rank DESC, i.id DESC LIMIT ${take}`;
  if (after)
    return ranked(`(${texts}) hits`, [
      `(m.rank, i.id) < (${params.p(after[0])}::real, ${params.p(after[1])}::uuid)`,
    ]);
  // Up to RANKED_HITS + 1 matching texts, each read once: their count picks the order, and they are ranked if they are all.
  return `WITH capped AS MATERIALIZED (${texts} LIMIT ${RANKED_HITS + 1}),
      broad AS (SELECT count(*) > ${RANKED_HITS} AS yes FROM capped)
    (${ranked('capped', ['NOT (SELECT yes FROM broad)'])})
    UNION ALL
    (${newestPage(['(SELECT yes FROM broad)'])})`;
}
