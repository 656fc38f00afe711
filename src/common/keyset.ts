import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, Page, toPage } from './pagination';
import { invalid } from './problem';

/** How a key column is compared, and how its value travels in a cursor (always as exact text). */
export type KeyType = 'timestamptz' | 'text' | 'uuid' | 'bigint';

export interface KeyColumn {
  /** SQL expression of the column, e.g. `s.created_at`. */
  sql: string;
  type: KeyType;
}

const VALID: Record<KeyType, (v: string) => boolean> = {
  timestamptz: (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(v) && !Number.isNaN(Date.parse(v)),
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  bigint: (v) => /^-?\d{1,19}$/.test(v),
  text: (v) => v.length <= 1000,
};

/** The key columns a raw query selected with `selectKeys()`. */
export type KeyFields = { [key: `_k${number}`]: string };

/** The key as PostgreSQL holds it, as text: timestamps to the microsecond (a JS Date keeps milliseconds). */
function exact({ sql, type }: KeyColumn): string {
  if (type === 'timestamptz') return `to_char(${sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  // An expression, never the bare column: TypeORM would take `a.name AS _k0` as the entity's own column.
  return `(${sql})::text`;
}

/**
 * Keyset pagination on a unique sort key (the last column is the tie-breaker, usually the id),
 * the one way every list pages: rows are ordered by the key, a page asks for limit+1 rows after
 * the cursor, and the cursor is the last row's key read back from PostgreSQL as exact text — so
 * rows written in the same millisecond, or while a client pages, are never skipped or repeated,
 * and page 1,000 costs what page 1 costs.
 */
export class Keyset {
  constructor(
    private readonly columns: readonly KeyColumn[],
    private readonly direction: 'ASC' | 'DESC',
  ) {}

  /** The cursor's values, checked against the key's types; a foreign cursor is a 422. */
  decode(cursor: string | undefined): string[] | undefined {
    const values = decodeCursor(cursor, this.columns.length);
    if (values === undefined) return undefined;
    if (!values.every((v, i) => typeof v === 'string' && VALID[this.columns[i].type](v)))
      throw invalid('cursor', 'is not a cursor this list produced');
    return values as string[];
  }

  /** `(a, b) < ($1::timestamptz, $2::uuid)` for rows after the cursor; `param` binds a value and names it. */
  after(values: string[], param: (value: string, index: number) => string): string {
    const op = this.direction === 'ASC' ? '>' : '<';
    const left = this.columns.map((c) => c.sql).join(', ');
    const right = this.columns.map((c, i) => `${param(values[i], i)}::${c.type}`).join(', ');
    return `(${left}) ${op} (${right})`;
  }

  orderBy(): string {
    return this.columns.map((c) => `${c.sql} ${this.direction}`).join(', ');
  }

  /** Select list entries carrying the key as exact text, as `"_k0"`, `"_k1"`, … */
  selectKeys(): string {
    return this.columns.map((c, i) => `${exact(c)} AS "_k${i}"`).join(', ');
  }

  /** A page of raw SQL rows that selected `selectKeys()`; the key columns are dropped from the rows. */
  rawPage<T extends object>(rows: (T & KeyFields)[], limit: number): Page<T> {
    const keys = this.columns.map((_, i) => `_k${i}` as const);
    return toPage(
      rows,
      limit,
      (row) => keys.map((k) => row[k]),
      (row) => {
        const view: Record<string, unknown> = { ...row };
        for (const k of keys) delete view[k];
        return view as T;
      },
    );
  }

  /**
   * One page of entities from a query builder over a single table (no joins, so raw rows and
   * entities correspond one to one): adds the key, the cursor condition, the order and the limit.
   */
  async entityPage<E extends ObjectLiteral>(
    qb: SelectQueryBuilder<E>,
    page: { limit: number; cursor?: string },
  ): Promise<Page<E>> {
    const values = this.decode(page.cursor);
    this.columns.forEach((c, i) => qb.addSelect(exact(c), `_k${i}`));
    if (values) {
      const params: Record<string, string> = {};
      qb.andWhere(
        this.after(values, (value, i) => {
          params[`_k${i}`] = value;
          return `:_k${i}`;
        }),
        params,
      );
    }
    this.columns.forEach((c, i) =>
      i === 0 ? qb.orderBy(c.sql, this.direction) : qb.addOrderBy(c.sql, this.direction),
    );
    const { entities, raw } = await qb.limit(page.limit + 1).getRawAndEntities<Record<string, unknown>>();
    if (entities.length !== raw.length)
      throw new Error('Keyset.entityPage: one raw row per entity expected (no joins)');
    const rows = entities.map((entity, i) => ({ entity, raw: raw[i] }));
    return toPage(
      rows,
      page.limit,
      ({ raw: r }) => this.columns.map((_, i) => r[`_k${i}`]),
      ({ entity }) => entity,
    );
  }
}
