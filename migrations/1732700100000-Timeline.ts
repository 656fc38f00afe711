import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the timeline needs beyond the initial schema: when an item's initial status starts
 * (status_since moves with the projection, so the start is kept apart), sanity checks on
 * updates, an index for "which items had status S at T", and idempotency bookkeeping.
 */
export class Timeline1732700100000 implements MigrationInterface {
  name = 'Timeline1732700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE items ADD COLUMN initial_status_since timestamptz`);
    await q.query(`UPDATE items SET initial_status_since = status_since`);
    await q.query(`ALTER TABLE items ALTER COLUMN initial_status_since SET NOT NULL`);

    await q.query(`ALTER TABLE updates
      ADD CONSTRAINT updates_status_known CHECK (status IS NULL OR status IN ('proposed','agreed','in_progress','fulfilled','partially_fulfilled','stalled','broken','withdrawn','unverified','confirmed','misleading','disputed','refuted')),
      ADD CONSTRAINT updates_delivered_pair CHECK ((delivered_value IS NULL) = (delivered_currency IS NULL)),
      ADD CONSTRAINT updates_retraction_whole CHECK ((retracted_at IS NULL) = (retracted_by IS NULL) AND (retracted_at IS NULL) = (retraction_reason IS NULL))`);
    await q.query(`CREATE UNIQUE INDEX updates_seq ON updates (seq)`);
    // Evidence is listed in the order it was given.
    await q.query(`ALTER TABLE evidence ADD COLUMN position integer NOT NULL DEFAULT 0`);

    // "Items with status S as of T" (list and stats filters): one GiST probe per status.
    await q.query(`CREATE INDEX status_periods_status_during ON status_periods USING gist (status, during)`);

    // Replays carry the first response's ETag and Location; expiry scans by age.
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN response_headers jsonb`);
    await q.query(`CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idempotency_keys_created_at`);
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN response_headers`);
    await q.query(`DROP INDEX status_periods_status_during`);
    await q.query(`ALTER TABLE evidence DROP COLUMN position`);
    await q.query(`DROP INDEX updates_seq`);
    await q.query(
      `ALTER TABLE updates DROP CONSTRAINT updates_status_known, DROP CONSTRAINT updates_delivered_pair, DROP CONSTRAINT updates_retraction_whole`,
    );
    await q.query(`ALTER TABLE items DROP COLUMN initial_status_since`);
  }
}
