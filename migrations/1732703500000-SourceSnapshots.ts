import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sources as researchers find them (issue #26): `source_snapshots` keeps the bytes of every
 * fetched copy of a page or PDF (the archive a quote stays anchored to); a source records what
 * its text was read from (`media_type`) and what its last recheck found (`live_status`,
 * `checked_at`, failures in a row, when the scheduler takes it next); a citation whether its
 * passage is still on the live page (`still_present`, null until a recheck looked).
 */
export class SourceSnapshots1732703500000 implements MigrationInterface {
  name = 'SourceSnapshots1732703500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE source_snapshots (
         id uuid NOT NULL DEFAULT gen_random_uuid(),
         source_id uuid NOT NULL,
         content_type text NOT NULL,
         sha256 text NOT NULL,
         size integer NOT NULL,
         fetched_at timestamptz NOT NULL DEFAULT now(),
         final_url text NOT NULL,
         bytes bytea NOT NULL,
         CONSTRAINT source_snapshots_pkey PRIMARY KEY (id),
         CONSTRAINT source_snapshots_source_id_fkey FOREIGN KEY (source_id) REFERENCES sources(id) ON DELETE CASCADE,
         CONSTRAINT source_snapshots_size_matches CHECK (size = octet_length(bytes)),
         CONSTRAINT source_snapshots_sha256_hex CHECK (sha256 ~ '^[0-9a-f]{64}$')
       )`,
    );
    await q.query(
      `CREATE INDEX source_snapshots_source ON source_snapshots (source_id, fetched_at DESC, id DESC)`,
    );
    await q.query(
      `ALTER TABLE sources ADD COLUMN media_type text, ADD COLUMN live_status text,
         ADD COLUMN checked_at timestamptz, ADD COLUMN check_failures integer NOT NULL DEFAULT 0,
         ADD COLUMN next_check_at timestamptz`,
    );
    await q.query(
      `ALTER TABLE sources ADD CONSTRAINT sources_live_status_known
         CHECK (live_status IN ('unchanged', 'changed', 'gone', 'unreachable'))`,
    );
    await q.query(
      `CREATE INDEX sources_next_check ON sources (next_check_at) WHERE next_check_at IS NOT NULL`,
    );
    await q.query(`ALTER TABLE citations ADD COLUMN still_present boolean`);
    await q.query(`CREATE INDEX citations_left_live_page ON citations (item_id) WHERE still_present = false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX citations_left_live_page`);
    await q.query(`ALTER TABLE citations DROP COLUMN still_present`);
    await q.query(`DROP INDEX sources_next_check`);
    await q.query(`ALTER TABLE sources DROP CONSTRAINT sources_live_status_known`);
    await q.query(
      `ALTER TABLE sources DROP COLUMN next_check_at, DROP COLUMN check_failures, DROP COLUMN checked_at,
         DROP COLUMN live_status, DROP COLUMN media_type`,
    );
    await q.query(`DROP TABLE source_snapshots`);
  }
}
