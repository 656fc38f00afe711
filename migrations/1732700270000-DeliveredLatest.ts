import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The figure that counts as delivered for each (item, progress period): the latest
 * non-retracted update's cumulative `delivered` (by effective time, then recording, then seq).
 * Kept by a trigger on `updates`, so /v1/stats/amounts sums one row per (item, period) instead of
 * sorting every progress update of every pledge on each call. '' stands for "no period".
 * Bulk loads that bypass triggers must run DELIVERED_LATEST_REBUILD.
 */
export const DELIVERED_LATEST_REBUILD = `
  DELETE FROM delivered_latest;
  INSERT INTO delivered_latest (item_id, progress_period, delivered_value, delivered_currency)
  SELECT DISTINCT ON (item_id, coalesce(progress_period, '')) item_id, coalesce(progress_period, ''), delivered_value, delivered_currency
  FROM updates WHERE delivered_value IS NOT NULL AND retracted_at IS NULL
  ORDER BY item_id, coalesce(progress_period, ''), effective_at DESC, recorded_at DESC, seq DESC`;

export class DeliveredLatest1732700270000 implements MigrationInterface {
  name = 'DeliveredLatest1732700270000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE delivered_latest (
      item_id uuid NOT NULL REFERENCES items(id) ON DELETE CASCADE,
      progress_period text NOT NULL,
      delivered_value numeric(20,2) NOT NULL,
      delivered_currency char(3) NOT NULL,
      PRIMARY KEY (item_id, progress_period))`);
    await q.query(`CREATE FUNCTION pw_refresh_delivered(item uuid, period text) RETURNS void LANGUAGE sql AS $$
      DELETE FROM delivered_latest WHERE item_id = $1 AND progress_period = coalesce($2, '');
      INSERT INTO delivered_latest (item_id, progress_period, delivered_value, delivered_currency)
      SELECT u.item_id, coalesce(u.progress_period, ''), u.delivered_value, u.delivered_currency FROM updates u
      WHERE u.item_id = $1 AND u.progress_period IS NOT DISTINCT FROM $2 AND u.delivered_value IS NOT NULL AND u.retracted_at IS NULL
      ORDER BY u.effective_at DESC, u.recorded_at DESC, u.seq DESC LIMIT 1 $$`);
    await q.query(`CREATE FUNCTION pw_track_delivered() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          IF OLD.delivered_value IS NOT NULL THEN PERFORM pw_refresh_delivered(OLD.item_id, OLD.progress_period); END IF;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          IF NEW.delivered_value IS NOT NULL THEN PERFORM pw_refresh_delivered(NEW.item_id, NEW.progress_period); END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER updates_delivered_latest AFTER INSERT OR DELETE
      OR UPDATE OF item_id, progress_period, delivered_value, delivered_currency, effective_at, retracted_at
      ON updates FOR EACH ROW EXECUTE FUNCTION pw_track_delivered()`);
    await q.query(DELIVERED_LATEST_REBUILD);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER updates_delivered_latest ON updates`);
    await q.query(`DROP FUNCTION pw_track_delivered(), pw_refresh_delivered(uuid, text)`);
    await q.query(`DROP TABLE delivered_latest`);
  }
}
