import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sqlRow, sqlRows, sqlRun, sqlWrite } from '../database/sql';
import type { Cell } from './cells';
import type { RowError } from './row-map';

export const OUTCOMES = ['create', 'update', 'unchanged', 'duplicate', 'error'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type ImportRow = {
  id: string;
  scope: string;
  file_name: string | null;
  format: 'csv' | 'xlsx';
  sheet: string | null;
  headers: string[];
  mapping: Record<string, unknown>;
  decimal_comma: boolean;
  created: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  errors: number;
  created_by: string;
  created_at: Date;
};

export type ImportRowRow = {
  row_number: number;
  row_key: string;
  outcome: Outcome;
  item_id: string | null;
  duplicate_of: string | null;
  errors: RowError[];
  cells: Cell[];
};

/** A row's outcome as stored. */
export interface RowRecord {
  row: number;
  key: string;
  hash: string;
  outcome: Outcome;
  itemId: string | null;
  duplicateOf: string | null;
  errors: RowError[];
  cells: Cell[];
}

export type PriorRow = {
  row_key: string;
  item_id: string;
  row_hash: string;
  version: number;
  status: string;
};

/** Every statement on `imports` and `import_rows`. */
@Injectable()
export class ImportsRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The latest item an earlier import made (or updated) for each of `keys` in `scope`, with its version. */
  prior(m: EntityManager, scope: string, keys: string[]): Promise<PriorRow[]> {
    return sqlRows<PriorRow>(
      m,
      `SELECT DISTINCT ON (r.row_key) r.row_key, r.item_id, r.row_hash, i.version, i.status
         FROM import_rows r JOIN items i ON i.id = r.item_id AND i.merged_into_id IS NULL
        WHERE r.scope = $1 AND r.row_key = ANY($2::text[]) AND r.item_id IS NOT NULL
        ORDER BY r.row_key, r.created_at DESC, r.row_number DESC`,
      [scope, keys],
    );
  }

  /**
   * The tracker's lock, held until the transaction ends: writes of one tracker's new rows take
   * turns, so the second of two imports of the same rows finds the first's (`prior`) instead of
   * creating them again. Two trackers whose names hash alike only wait for each other.
   */
  async lockScope(m: EntityManager, scope: string): Promise<void> {
    await sqlRun(m, `SELECT pg_advisory_xact_lock(hashtext('pw_import'), hashtext($1))`, [scope]);
  }

  /**
   * Which of `itemIds` imports of `scope` made: a row is never a duplicate of its own tracker's
   * items. Asked after the look-alikes are found, so an item another import of the tracker made
   * meanwhile is known as the tracker's (its import row commits with it).
   */
  async ownItems(m: EntityManager, scope: string, itemIds: string[]): Promise<Set<string>> {
    if (itemIds.length === 0) return new Set();
    const rows = await sqlRows<{ item_id: string }>(
      m,
      `SELECT DISTINCT item_id FROM import_rows WHERE scope = $1 AND item_id = ANY($2::uuid[])`,
      [scope, itemIds],
    );
    return new Set(rows.map((r) => r.item_id));
  }

  async insert(
    m: EntityManager,
    fields: Pick<
      ImportRow,
      'scope' | 'file_name' | 'format' | 'sheet' | 'headers' | 'mapping' | 'decimal_comma' | 'created_by'
    >,
  ): Promise<string> {
    const row = await sqlRow<{ id: string }>(
      m,
      `INSERT INTO imports (scope, file_name, format, sheet, headers, mapping, decimal_comma, created_by)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8) RETURNING id`,
      [
        fields.scope,
        fields.file_name,
        fields.format,
        fields.sheet,
        JSON.stringify(fields.headers),
        JSON.stringify(fields.mapping),
        fields.decimal_comma,
        fields.created_by,
      ],
    );
    return row!.id;
  }

  /** Rows in one statement (a JSON array of records), in the caller's transaction. */
  async insertRows(m: EntityManager, importId: string, scope: string, rows: RowRecord[]): Promise<void> {
    if (rows.length === 0) return;
    await sqlRun(
      m,
      `INSERT INTO import_rows (import_id, scope, row_number, row_key, row_hash, outcome, item_id, duplicate_of, errors, cells)
       SELECT $1, $2, r.row, r.key, r.hash, r.outcome, r."itemId", r."duplicateOf", r.errors, r.cells
         FROM jsonb_to_recordset($3::jsonb)
           AS r(row int, key text, hash text, outcome text, "itemId" uuid, "duplicateOf" uuid, errors jsonb, cells jsonb)`,
      [importId, scope, JSON.stringify(rows)],
    );
  }

  async setCounts(m: EntityManager, id: string, counts: Record<Outcome, number>): Promise<void> {
    await sqlWrite(
      m,
      `UPDATE imports SET created = $2, updated = $3, unchanged = $4, duplicates = $5, errors = $6 WHERE id = $1`,
      [id, counts.create, counts.update, counts.unchanged, counts.duplicate, counts.error],
    );
  }

  find(id: string, m: EntityManager = this.db.manager): Promise<ImportRow | undefined> {
    return sqlRow<ImportRow>(m, `SELECT * FROM imports WHERE id = $1`, [id]);
  }

  rows(id: string, m: EntityManager = this.db.manager): Promise<ImportRowRow[]> {
    return sqlRows<ImportRowRow>(
      m,
      `SELECT row_number, row_key, outcome, item_id, duplicate_of, errors, cells
         FROM import_rows WHERE import_id = $1 ORDER BY row_number`,
      [id],
    );
  }
}
