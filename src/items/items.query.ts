import { decodeCursor } from '../common/pagination';
import { invalid } from '../common/problem';
import { ItemFilterQuery, ItemSort, ListItemsQuery } from './dto/list-items.query';
import { Item } from './item.entity';
import { ITEM_COLUMNS } from './item-detail.query';
import { bySearch, NEWEST, QuoteTest } from './search.query';

/*
 * The items list's statement builders, run by ItemListsRepository (and printed by the bench).
 * They build SQL text and run nothing.
 */

/** Positional parameters for hand-written SQL: `p(value)` appends one and answers `$n`. */
export class Params {
  readonly values: unknown[] = [];
  p(value: unknown): string {
    return `$${this.values.push(value)}`;
  }
}

/** What the list learnt before building its SQL. */
export interface ListHints {
  /** Fewer than FEW_AT_STATUS items had the asked status at `asOf`. */
  fewAtStatus?: boolean;
  /** `q` matched more than RANKED_HITS texts when last counted, and nothing was written since. */
  broadQuery?: boolean;
  /** How a newest-first page of `q` tests quotes (search.query.ts): 'quoted' when they were few. */
  quotes?: QuoteTest;
}

export const FEW_AT_STATUS = 50_000;

/**
 * Items that had one of `statuses` at `asOf`. One equality per status (OR), because the
 * (status, during) GiST index takes `status = x` but not `status = ANY(…)`.
 */
export function statusAtSql(statuses: string, asOf: Date, params: Params): string {
  const byStatus = statuses.split(',').map((status) => `sp.status = ${params.p(status)}`);
  return `SELECT sp.item_id FROM status_periods sp WHERE (${byStatus.join(' OR ')}) AND sp.during @> ${params.p(asOf.toISOString())}::timestamptz`;
}

/** The WHERE conditions of every list filter; merged items never appear. */
export function itemFilters(query: ItemFilterQuery, params: Params, hints: ListHints = {}): string[] {
  const where = ['i.merged_into_id IS NULL'];
  if (query.kind) where.push(`i.kind = ${params.p(query.kind)}`);
  if (query.status && query.asOf) {
    const atStatus = statusAtSql(query.status, query.asOf, params);
    // Few matches: fetch their ids first (an InitPlan), then the items by primary key. Many: walk
    // the sort order and probe each item's intervals, which soon finds a page.
    where.push(hints.fewAtStatus ? `i.id = ANY(ARRAY(${atStatus}))` : `i.id IN (${atStatus})`);
  } else if (query.status) {
    where.push(`i.status = ANY(${params.p(query.status.split(','))}::text[])`);
  }
  if (query.tag) where.push(`i.tags @> ARRAY[${params.p(query.tag)}::text]`);
  if (query.actorId || query.role) {
    const on = [
      'ia.item_id = i.id',
      query.actorId && `ia.actor_id = ${params.p(query.actorId)}::uuid`,
      query.role && `ia.role = ${params.p(query.role)}`,
    ];
    where.push(`EXISTS (SELECT 1 FROM item_actors ia WHERE ${on.filter(Boolean).join(' AND ')})`);
  }
  if (query.q) {
    const tsq = `pw_tsquery(${params.p(query.q)})`;
    where.push(
      `i.id IN (SELECT s.id FROM items s WHERE s.search @@ ${tsq} UNION SELECT c.item_id FROM citations c WHERE c.search @@ ${tsq})`,
    );
  }
  if (query.dueBefore) where.push(`i.due_at <= ${params.p(query.dueBefore)}::date`);
  if (query.dueAfter) where.push(`i.due_at >= ${params.p(query.dueAfter)}::date`);
  if (query.staleDays)
    where.push(`i.last_activity_at < now() - make_interval(days => ${params.p(query.staleDays)}::int)`);
  if (query.sourceChanged)
    where.push(
      `${query.sourceChanged === 'true' ? '' : 'NOT '}EXISTS (SELECT 1 FROM citations c WHERE c.item_id = i.id AND c.still_present = false)`,
    );
  return where;
}

/** `sort` as given, else best match first with `q`, else newest first. */
export function effectiveSort(query: ItemFilterQuery): ItemSort {
  if (query.sort === 'relevance' && !query.q) throw invalid('sort', 'relevance needs q');
  return query.sort ?? (query.q ? 'relevance' : '-createdAt');
}

const SORT_COLUMNS = { createdAt: 'i.created_at', updatedAt: 'i.updated_at', dueAt: 'i.due_at' } as const;
/** A row of a list page: the item, and its sort key for the cursor. */
export type ListRow = Item & {
  sortKey: string | number | null;
  byRank?: boolean;
  fewQuotes?: boolean | null;
};

/** The one SQL statement of a list page (also run by the benchmark's raw baseline). */
export function listSql(query: ListItemsQuery, hints: ListHints = {}): { sql: string; values: unknown[] } {
  const sort = effectiveSort(query);
  const after = decodeCursor(query.cursor, sort === 'relevance' ? [2, 3] : [2]);
  if (after && (typeof after[1] !== 'string' || !UUID.test(after[1])))
    throw invalid('cursor', 'is not a cursor this list produced');
  const params = new Params();
  if (byIntervals(query, sort))
    return { sql: atStatusByCreation(query, sort, params, after), values: params.values };
  const where = itemFilters(sort === 'relevance' ? { ...query, q: undefined } : query, params, hints);
  const take = params.p(query.limit + 1);
  const sql =
    sort === 'relevance'
      ? bySearch(
          where,
          params,
          query.q!,
          after,
          take,
          { broad: hints.broadQuery, quotes: hints.quotes },
          (extra, key) => bySortKey('-createdAt', [...where, ...extra], params, key, take),
        )
      : bySortKey(sort, where, params, after as [unknown, string] | undefined, take);
  return { sql, values: params.values };
}

/**
 * Distances to these instants order creation times newest or oldest first. The GiST index walks by
 * distance in float8 seconds, exact to the microsecond within ~130 years, so creation times must
 * lie between them (they are the server's clock).
 */
const AFTER_ALL = `'2100-01-01T00:00:00Z'::timestamptz`;
const BEFORE_ALL = `'1970-01-01T00:00:00Z'::timestamptz`;

/** `status` at `asOf` in creation order: served from the intervals, which carry their item's creation time. */
export function byIntervals(query: ItemFilterQuery, sort: ItemSort): boolean {
  return Boolean(query.status && query.asOf) && (sort === 'createdAt' || sort === '-createdAt');
}

/**
 * Items that had one of the statuses at `asOf`, by creation time: per status, a nearest-first walk
 * of the GiST index on (status, during, item_created_at) that skips the intervals not covering
 * `asOf` and stops after a page, whether ten or half a million items match. Several statuses are
 * one such page each, merged. Cursors are those of the plain createdAt list.
 */
function atStatusByCreation(
  query: ListItemsQuery,
  sort: ItemSort,
  params: Params,
  after?: unknown[],
): string {
  if (after && typeof after[0] !== 'string') throw invalid('cursor', 'is not a cursor this list produced');
  const where = itemFilters({ ...query, status: undefined, asOf: undefined }, params);
  const at = params.p(query.asOf!.toISOString());
  const take = params.p(query.limit + 1);
  const [op, dir, end] = sort === '-createdAt' ? ['<', 'DESC', AFTER_ALL] : ['>', 'ASC', BEFORE_ALL];
  const keyed: string[] = [];
  if (after) {
    const [createdAt, id] = [params.p(after[0]), params.p(after[1])];
    keyed.push(
      `sp.item_created_at ${op}= ${createdAt}::timestamptz`,
      `(sp.item_created_at, sp.item_id) ${op} (${createdAt}::timestamptz, ${id}::uuid)`,
    );
  }
  const page = (status: string) => `(SELECT ${ITEM_COLUMNS}, i.created_at::text AS "sortKey"
    FROM status_periods sp JOIN items i ON i.id = sp.item_id
    WHERE ${[`sp.status = ${params.p(status)}`, `sp.during @> ${at}::timestamptz`, ...keyed, ...where].join(' AND ')}
    ORDER BY sp.item_created_at <-> ${end}, sp.item_id ${dir} LIMIT ${take})`;
  const statuses = [...new Set(query.status!.split(','))];
  if (statuses.length === 1) return page(statuses[0]);
  return `SELECT * FROM (${statuses.map(page).join(' UNION ALL ')}) page ORDER BY "createdAt" ${dir}, id ${dir} LIMIT ${take}`;
}

/** A ranked row's cursor is [rank, id]; a broad query's newest-first row's is [createdAt, id, NEWEST]. */
export function cursorOf(row: ListRow): unknown[] {
  if (row.byRank === undefined) return [row.sortKey, row.id];
  return row.byRank ? [Number(row.sortKey), row.id] : [row.sortKey, row.id, NEWEST];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function bySortKey(
  sort: Exclude<ItemSort, 'relevance'>,
  where: string[],
  params: Params,
  after: [unknown, string] | undefined,
  take: string,
): string {
  const descending = sort.startsWith('-');
  const field = sort.replace('-', '') as keyof typeof SORT_COLUMNS;
  const column = SORT_COLUMNS[field];
  const [op, dir] = descending ? ['<', 'DESC'] : ['>', 'ASC'];
  const select = (extra: string[], order: string) =>
    `(SELECT ${ITEM_COLUMNS}, ${column}::text AS "sortKey" FROM items i WHERE ${[...where, ...extra].join(' AND ')} ORDER BY ${order} LIMIT ${take})`;
  if (after && typeof after[0] !== 'string' && after[0] !== null)
    throw invalid('cursor', 'is not a cursor this list produced');
  const keyed =
    after && after[0] !== null
      ? [
          `(${column}, i.id) ${op} (${params.p(after[0])}::${field === 'dueAt' ? 'date' : 'timestamptz'}, ${params.p(after[1])}::uuid)`,
        ]
      : [];
  if (field !== 'dueAt') return `${select(keyed, `${column} ${dir}, i.id ${dir}`)}`;
  const undated = select(
    ['i.due_at IS NULL', ...(after && after[0] === null ? [`i.id ${op} ${params.p(after[1])}::uuid`] : [])],
    `i.due_at ${dir}, i.id ${dir}`,
  );
  if (after && after[0] === null) return undated;
  const dated = select(['i.due_at IS NOT NULL', ...keyed], `i.due_at ${dir}, i.id ${dir}`);
  return `SELECT * FROM (${dated} UNION ALL ${undated}) page ORDER BY "dueAt" ${dir} NULLS LAST, id ${dir} LIMIT ${take}`;
}
