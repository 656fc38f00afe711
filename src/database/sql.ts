import type { Pool } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

/** An EntityManager or a DataSource: anything that runs raw SQL. */
export type SqlRunner = Pick<EntityManager, 'query'>;

/**
 * The one way raw SQL rows enter typed code. TypeORM's `query()` answers `any`; this checks the
 * shape it can check (an array of row objects; for UPDATE/DELETE … RETURNING, pg's
 * `[rows, count]` pair is unwrapped) and hands the rows out as the row type the caller declares
 * next to its SQL. Column types are PostgreSQL's, as node-postgres parses them: timestamptz →
 * Date, bigint and numeric → string, json → parsed.
 */
export async function sqlRows<Row extends object>(
  db: SqlRunner,
  sql: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const result = await query(db, sql, params);
  const rows = isWriteResult(result) ? result[0] : result;
  if (!Array.isArray(rows) || rows.some((row) => typeof row !== 'object' || row === null))
    throw new TypeError(
      'sqlRows: the statement did not return rows (use sqlWrite for a plain UPDATE/DELETE)',
    );
  return rows as Row[];
}

/** The first row, or undefined. */
export async function sqlRow<Row extends object>(
  db: SqlRunner,
  sql: string,
  params: unknown[] = [],
): Promise<Row | undefined> {
  return (await sqlRows<Row>(db, sql, params))[0];
}

/** A plain UPDATE or DELETE: how many rows it touched. */
export async function sqlWrite(db: SqlRunner, sql: string, params: unknown[] = []): Promise<number> {
  const result = await query(db, sql, params);
  if (!isWriteResult(result)) throw new TypeError('sqlWrite: not an UPDATE or DELETE result');
  return result[1];
}

/** Anything with a `query` method: a TypeORM runner, or a node-postgres `Client` of its own. */
export type StatementRunner = { query(sql: string, params?: unknown[]): Promise<unknown> };

/**
 * A statement whose result is not read (an INSERT without RETURNING, a lock, a SET, a LISTEN).
 * With `sqlRows` and `sqlWrite`, the only place outside repositories that calls `.query(`.
 */
export async function sqlRun(db: StatementRunner, sql: string, params: unknown[] = []): Promise<void> {
  await db.query(sql, params);
}

/**
 * A statement outside a transaction goes to the driver's pool as `pool.query` sends it. TypeORM's
 * `query()` builds a query runner, a broadcaster and result objects around each statement (for
 * query logging and subscribers, which this service does not use): per-request work of every
 * read that the raw baseline does not do (docs/performance.md). The result and the errors are
 * TypeORM's: rows, `[rows, count]` for UPDATE and DELETE, QueryFailedError (which the problem
 * filter reads). In a transaction (an EntityManager with its query runner) TypeORM runs it.
 */
async function query(db: SqlRunner, sql: string, params: unknown[]): Promise<unknown> {
  const pool = poolOf(db);
  if (!pool) return db.query(sql, params);
  try {
    const raw = await pool.query(sql, params);
    return raw.command === 'UPDATE' || raw.command === 'DELETE' ? [raw.rows, raw.rowCount] : raw.rows;
  } catch (error) {
    throw new QueryFailedError(sql, params, error as Error);
  }
}

function poolOf(db: SqlRunner): Pool | undefined {
  const source =
    db instanceof DataSource
      ? db
      : db instanceof EntityManager && !db.queryRunner
        ? db.connection
        : undefined;
  if (source?.options.type !== 'postgres' || !source.isInitialized) return undefined;
  return (source.driver as { master?: Pool }).master;
}

function isWriteResult(result: unknown): result is [unknown[], number] {
  return (
    Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number'
  );
}

/**
 * A timestamptz as the API writes every instant, `2024-06-13T18:00:00.000Z`. Needed where SQL
 * builds JSON itself (row_to_json, json_build_object): PostgreSQL would write `…+00:00`.
 */
export function isoUtc(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
