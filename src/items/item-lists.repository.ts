import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { DataSource, EntityManager } from 'typeorm';
import { sqlRows } from '../database/sql';
import { ItemFilterQuery, ListItemsQuery } from './dto/list-items.query';
import { EXPORT_COLUMNS } from './export.query';
import { FEW_AT_STATUS, itemFilters, ListHints, ListRow, listSql, Params, statusAtSql } from './items.query';
import type { BatchCandidateRow } from './similarity/batch-query';
import type { CandidateRow } from './similarity/queries';
import type { SearchLexemeStatsRow } from './similarity/word-rarity';

/** `items.search` as ANALYZE saw it (word-rarity.ts); the bench's raw baseline runs it too. */
export const SEARCH_LEXEME_STATS = `SELECT s.most_common_elems::text::text[] AS elems,
       s.most_common_elem_freqs::float8[] AS freqs, c.reltuples::float8 AS rows
  FROM pg_stats s JOIN pg_class c ON c.oid = 'items'::regclass
 WHERE s.schemaname = current_schema() AND s.tablename = 'items' AND s.attname = 'search'`;

/** A server-side cursor over the export's rows, and the way to give its connection back. */
export interface ExportCursor {
  rows: QueryStream;
  release: () => void;
}

/**
 * The statements that read items in bulk: list pages (items.query.ts, search.query.ts build
 * them), look-alikes (similarity/queries.ts) and the streamed export.
 */
@Injectable()
export class ItemListsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** How many items had the asked status at `asOf`, counting no further than FEW_AT_STATUS. */
  async countAtStatus(m: EntityManager, statuses: string, asOf: Date): Promise<number> {
    const params = new Params();
    const [{ n }] = await sqlRows<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM (${statusAtSql(statuses, asOf, params)} LIMIT ${FEW_AT_STATUS}) few`,
      params.values,
    );
    return n;
  }

  /** One list page (limit + 1 rows). */
  page(m: EntityManager, query: ListItemsQuery, hints: ListHints): Promise<ListRow[]> {
    const { sql, values } = listSql(query, hints);
    return sqlRows<ListRow>(m, sql, values);
  }

  /**
   * One look-alike statement. Inside a transaction (a create's hints) it runs in a savepoint, so
   * a failing lookup rolls back only itself.
   */
  async similar(m: EntityManager, lookup: { sql: string; values: unknown[] }): Promise<CandidateRow[]> {
    const { sql, values } = lookup;
    return m.queryRunner?.isTransactionActive
      ? await m.transaction((tx) => sqlRows<CandidateRow>(tx, sql, values))
      : await sqlRows<CandidateRow>(m, sql, values);
  }

  /**
   * What ANALYZE last estimated of `items.search`: its most common lexemes with the share of items
   * holding each, and the table's size (word-rarity.ts); no row before the first ANALYZE.
   */
  async searchLexemeStats(m: EntityManager): Promise<SearchLexemeStatsRow | undefined> {
    const [row] = await sqlRows<SearchLexemeStatsRow>(m, SEARCH_LEXEME_STATS);
    return row;
  }

  /** The look-alikes of many probes in one statement (similarity/batch-query.ts), outside any transaction. */
  similarBatch(m: EntityManager, lookup: { sql: string; values: unknown[] }): Promise<BatchCandidateRow[]> {
    return sqlRows<BatchCandidateRow>(m, lookup.sql, lookup.values);
  }

  /**
   * Every item matching the list filters, oldest first, through a server-side cursor in batches
   * of 500 (pg-query-stream) on a connection of its own, without the per-statement timeout (that
   * guards interactive queries only). `release` gives the connection back; call it once the
   * stream ends, fails or its reader goes away. `db`: the primary, or the read replica.
   */
  async exportCursor(query: ItemFilterQuery, db: DataSource = this.db): Promise<ExportCursor> {
    const params = new Params();
    const sql = `SELECT ${EXPORT_COLUMNS} FROM items i WHERE ${itemFilters(query, params).join(' AND ')} ORDER BY i.created_at, i.id`;
    const runner = db.createQueryRunner('slave');
    await runner.connect();
    const client = (runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
    // The export is one long statement; the per-statement timeout guards interactive queries only.
    // In a read-only transaction of its own, so the setting ends with it: behind a pooler in
    // transaction mode a session-level SET would stay on a server connection others get next.
    await client.query(`BEGIN READ ONLY`);
    await client.query(`SET LOCAL statement_timeout = 0`);
    const rows = client.query(new QueryStream(sql, params.values, { batchSize: 500 }));
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      rows.destroy();
      void client
        .query(`ROLLBACK`)
        .catch(() => undefined)
        .finally(() => runner.release().catch(() => undefined));
    };
    return { rows, release };
  }
}
