import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money as researchers count it (docs/money.md): ranges (`between` + `amount_value_max`),
 * schedules (one amount per period, kept as the JSON the API accepts), non-money targets on
 * commitments and `achieved` on updates, stages on progress (`committed`, `allocated`,
 * `delivered`, each cumulative per period), and reference exchange rates (units per EUR).
 * The trigger that keeps the stage figures and the aggregates /v1/stats/amounts reads come with
 * the next migration (MoneyTotals).
 */
export class MoneyModel1732701300000 implements MigrationInterface {
  name = 'MoneyModel1732701300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE items DROP CONSTRAINT items_amount_qualifier_check`);
    await q.query(`ALTER TABLE items
      ADD COLUMN amount_value_max numeric(20,2),
      ADD COLUMN schedule jsonb,
      ADD COLUMN target_value numeric(20,2),
      ADD COLUMN target_unit text,
      ADD COLUMN target_label text,
      ADD CONSTRAINT items_amount_qualifier_known CHECK (amount_qualifier IN ('exactly','at_least','up_to','approximately','between')),
      ADD CONSTRAINT items_amount_range CHECK ((amount_qualifier = 'between') = (amount_value_max IS NOT NULL) AND (amount_value_max IS NULL OR amount_value_max > amount_value)),
      ADD CONSTRAINT items_schedule_or_amount CHECK (schedule IS NULL OR (amount_value IS NULL AND jsonb_typeof(schedule) = 'array')),
      ADD CONSTRAINT items_target_unit_known CHECK (target_unit IN ('percent_of_gdp','percent','count')),
      ADD CONSTRAINT items_target_whole CHECK ((target_value IS NULL) = (target_unit IS NULL) AND (target_label IS NULL OR target_value IS NOT NULL)),
      ADD CONSTRAINT items_money_commitment_only CHECK (kind = 'commitment' OR (schedule IS NULL AND target_value IS NULL))`);
    await q.query(`ALTER TABLE updates
      ADD COLUMN progress_stage text NOT NULL DEFAULT 'delivered',
      ADD COLUMN achieved_value numeric(20,2),
      ADD COLUMN achieved_unit text,
      ADD CONSTRAINT updates_progress_stage_known CHECK (progress_stage IN ('committed','allocated','delivered')),
      ADD CONSTRAINT updates_achieved_whole CHECK ((achieved_value IS NULL) = (achieved_unit IS NULL) AND (achieved_value IS NULL OR achieved_value >= 0))`);

    // delivered_latest becomes the latest figure per (item, period, stage).
    await q.query(`ALTER TABLE delivered_latest ADD COLUMN stage text NOT NULL DEFAULT 'delivered'`);
    await q.query(`ALTER TABLE delivered_latest DROP CONSTRAINT delivered_latest_pkey,
      ADD CONSTRAINT delivered_latest_pkey PRIMARY KEY (item_id, progress_period, stage)`);
    await q.query(`DROP INDEX updates_delivered`);
    await q.query(`CREATE INDEX updates_delivered ON updates (item_id, progress_period, progress_stage, effective_at DESC, recorded_at DESC, seq DESC)
      INCLUDE (delivered_value, delivered_currency) WHERE delivered_value IS NOT NULL AND retracted_at IS NULL`);
    await q.query(`DROP TRIGGER updates_delivered_latest ON updates`);
    await q.query(`DROP FUNCTION pw_track_delivered(), pw_refresh_delivered(uuid, text)`);
    await q.query(`CREATE FUNCTION pw_refresh_stage(item uuid, period text, stage text) RETURNS void LANGUAGE sql AS $$
      DELETE FROM delivered_latest WHERE item_id = $1 AND progress_period = coalesce($2, '') AND stage = $3;
      INSERT INTO delivered_latest (item_id, progress_period, stage, delivered_value, delivered_currency)
      SELECT u.item_id, coalesce(u.progress_period, ''), u.progress_stage, u.delivered_value, u.delivered_currency FROM updates u
      WHERE u.item_id = $1 AND u.progress_period IS NOT DISTINCT FROM $2 AND u.progress_stage = $3
        AND u.delivered_value IS NOT NULL AND u.retracted_at IS NULL
      ORDER BY u.effective_at DESC, u.recorded_at DESC, u.seq DESC LIMIT 1 $$`);
    await q.query(`CREATE TABLE fx_rates (
      currency char(3) NOT NULL,
      rate_date date NOT NULL,
      per_eur numeric(20,10) NOT NULL,
      loaded_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT fx_rates_pkey PRIMARY KEY (currency, rate_date),
      CONSTRAINT fx_rates_positive CHECK (per_eur > 0),
      CONSTRAINT fx_rates_not_eur CHECK (currency <> 'EUR'))`);
    // Converted amounts depend on the rates: a load moves the ETag of stats (ChangeNotifications).
    await q.query(`CREATE TRIGGER fx_rates_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fx_rates
      FOR EACH STATEMENT EXECUTE FUNCTION pw_count_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE fx_rates`);
    await q.query(`DROP FUNCTION pw_refresh_stage(uuid, text, text)`);
    await q.query(`DELETE FROM delivered_latest WHERE stage <> 'delivered'`);
    await q.query(`ALTER TABLE delivered_latest DROP CONSTRAINT delivered_latest_pkey,
      ADD CONSTRAINT delivered_latest_pkey PRIMARY KEY (item_id, progress_period)`);
    await q.query(`ALTER TABLE delivered_latest DROP COLUMN stage`);
    await q.query(`DROP INDEX updates_delivered`);
    await q.query(`CREATE INDEX updates_delivered ON updates (item_id, progress_period, effective_at DESC, recorded_at DESC, seq DESC)
      INCLUDE (delivered_value, delivered_currency) WHERE delivered_value IS NOT NULL AND retracted_at IS NULL`);
    // The previous migration's trigger, as it was (only delivered-stage figures count there).
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
    await q.query(`ALTER TABLE updates DROP CONSTRAINT updates_progress_stage_known, DROP CONSTRAINT updates_achieved_whole,
      DROP COLUMN progress_stage, DROP COLUMN achieved_value, DROP COLUMN achieved_unit`);
    await q.query(`ALTER TABLE items DROP CONSTRAINT items_amount_qualifier_known, DROP CONSTRAINT items_amount_range,
      DROP CONSTRAINT items_schedule_or_amount, DROP CONSTRAINT items_target_unit_known, DROP CONSTRAINT items_target_whole,
      DROP CONSTRAINT items_money_commitment_only,
      DROP COLUMN amount_value_max, DROP COLUMN schedule, DROP COLUMN target_value, DROP COLUMN target_unit, DROP COLUMN target_label`);
    // Ranges become their lower bound, as the earlier model counted them.
    await q.query(`UPDATE items SET amount_qualifier = 'at_least' WHERE amount_qualifier = 'between'`);
    await q.query(`ALTER TABLE items ADD CONSTRAINT items_amount_qualifier_check
      CHECK (amount_qualifier IN ('exactly','at_least','up_to','approximately'))`);
  }
}
