import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Spreadsheet imports (issue #28). `imports` keeps one real run: the sheet's own columns
 * (`headers`, in order), the mapping it was read with and its counts; `import_rows` each row's
 * outcome. A row is identified within its `scope` (the mapping's `tracker`, else the sheet's
 * header row) by `row_key`: a later import finds the item an earlier one made for the same key,
 * and `row_hash` (of the mapped values) says whether the row changed. `cells` keeps the row as
 * it was, so an export in the sheet's layout writes back the columns nobody mapped.
 */
export class Imports1732703600000 implements MigrationInterface {
  name = 'Imports1732703600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE imports (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        scope text NOT NULL,
        file_name text,
        format text NOT NULL,
        sheet text,
        headers jsonb NOT NULL,
        mapping jsonb NOT NULL,
        decimal_comma boolean NOT NULL DEFAULT false,
        created integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        unchanged integer NOT NULL DEFAULT 0,
        duplicates integer NOT NULL DEFAULT 0,
        errors integer NOT NULL DEFAULT 0,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT imports_pkey PRIMARY KEY (id),
        CONSTRAINT imports_format_known CHECK (format IN ('csv', 'xlsx'))
      )`);
    await q.query(`
      CREATE TABLE import_rows (
        import_id uuid NOT NULL,
        row_number integer NOT NULL,
        scope text NOT NULL,
        row_key text NOT NULL,
        row_hash text NOT NULL,
        outcome text NOT NULL,
        item_id uuid,
        duplicate_of uuid,
        errors jsonb NOT NULL DEFAULT '[]',
        cells jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT import_rows_pkey PRIMARY KEY (import_id, row_number),
        CONSTRAINT import_rows_import_id_fkey FOREIGN KEY (import_id) REFERENCES imports(id) ON DELETE CASCADE,
        CONSTRAINT import_rows_item_id_fkey FOREIGN KEY (item_id) REFERENCES items(id) ON DELETE SET NULL,
        CONSTRAINT import_rows_outcome_known
          CHECK (outcome IN ('create', 'update', 'unchanged', 'duplicate', 'error'))
      )`);
    await q.query(
      `CREATE INDEX import_rows_scope_key ON import_rows (scope, row_key, created_at) WHERE item_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX import_rows_item ON import_rows (item_id) WHERE item_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_rows`);
    await q.query(`DROP TABLE imports`);
  }
}
