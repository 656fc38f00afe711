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
 * How a newest-first walk tests an item's quotes. `probe`: one index probe of the item's
 * citations per walked item (cheap when matches are dense, so the walk is short). `quoted`: the
 * matching quotes read once from the GIN index into a hashed set, as long as there are at most
 * RANKED_HITS of them (more: the probe after all); a rare query walks thousands of items, and a
 * probe each cost 4 of every 5 buffers of the walk at a million items (docs/performance.md).
 */
export type QuoteTest = 'probe' | 'quoted';

/**
 * `q` in relevance order: the better of the item's own rank and its best quote's, ties by id.
 * The first page counts the matching texts up to RANKED_HITS + 1 (quotes first, then the items'
 * own texts) and ranks them when that is all of them; otherwise it is the newest-first page of
 * the same matches, and says in `fewQuotes` whether the quotes were at most RANKED_HITS. Later
 * pages keep the order their cursor came from, whatever was written since. `broad`: the query was
 * counted broad and nothing was written since, so the first page skips the count. `quotes`: how
 * a newest-first page without the count tests quotes. Every page answers `byRank`. Every choice
 * here picks a plan, never the rows: each form returns the same matches.
 */
export function bySearch(
  where: string[],
  params: Binder,
  q: string,
  after: unknown[] | undefined,
  take: string,
  hints: { broad?: boolean; quotes?: QuoteTest },
  newest: NewestFirst,
): string {
  const tsq = `pw_tsquery(${params.p(q)})`;
  const probe = `(SELECT true FROM citations c WHERE c.item_id = i.id AND c.search @@ ${tsq} LIMIT 1)`;
  const fewQuotes = `(SELECT count(*) <= ${RANKED_HITS} FROM quoted)`;
  const matchesEach = (quotes: QuoteTest) =>
    quotes === 'probe'
      ? `(i.search @@ ${tsq} OR ${probe})`
      : `(i.search @@ ${tsq} OR CASE WHEN ${fewQuotes} THEN i.id IN (SELECT id FROM quoted) ELSE ${probe} END)`;
  const quoted = (rank: string) =>
    `quoted AS MATERIALIZED (SELECT c.item_id AS id${rank} FROM citations c WHERE c.search @@ ${tsq} LIMIT ${RANKED_HITS + 1})`;
  const newestPage = (quotes: QuoteTest, extra: string[], key?: [string, string]) =>
    `SELECT page.*, false AS "byRank" FROM (${newest([matchesEach(quotes), ...extra], key)}) page`;
  /** A newest-first page on its own: with the quotes' set when asked for. */
  const walk = (key?: [string, string]) =>
    hints.quotes === 'quoted'
      ? `WITH ${quoted('')} ${newestPage('quoted', [], key)}`
      : newestPage('probe', [], key);
  if (after?.length === 3) {
    if (after[2] !== NEWEST || typeof after[0] !== 'string' || typeof after[1] !== 'string')
      throw invalid('cursor', 'is not a cursor this list produced');
    return walk([after[0], after[1]]);
  }
  if (after && typeof after[0] !== 'number') throw invalid('cursor', 'is not a cursor this list produced');
  if (!after && hints.broad) return walk();
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
  // Up to RANKED_HITS + 1 matching texts, each read once: their count picks the order, and they
  // are ranked if they are all. Quotes first, so that a broad query's walk can reuse them.
  return `WITH ${quoted(`, ts_rank(c.search, ${tsq}) AS rank`)},
      own AS MATERIALIZED (SELECT s.id, ts_rank(s.search, ${tsq}) AS rank FROM items s WHERE s.search @@ ${tsq} AND s.merged_into_id IS NULL
        LIMIT ${RANKED_HITS + 1} - (SELECT count(*) FROM quoted)),
      capped AS (SELECT * FROM quoted UNION ALL SELECT * FROM own),
      broad AS (SELECT count(*) > ${RANKED_HITS} AS yes FROM capped)
    (SELECT ranked.*, NULL::boolean AS "fewQuotes" FROM (${ranked('capped', ['NOT (SELECT yes FROM broad)'])}) ranked)
    UNION ALL
    (SELECT walked.*, ${fewQuotes} AS "fewQuotes" FROM (${newestPage('quoted', ['(SELECT yes FROM broad)'])}) walked)`;
}
