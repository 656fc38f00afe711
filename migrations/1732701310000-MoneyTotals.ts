import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pre-aggregated money that /v1/stats/amounts reads (docs/money.md, "How it stays fast").
 *
 * - `money_items`: one row per counted pledge (a live commitment with money, not withdrawn, not
 *   merged): its currency, status, pledgers, origin day and the EUR rate of that day.
 * - `money_ledger`: what each counted pledge adds to the totals, per (rec, year, start):
 *   fixed amounts per calendar year (`rec` = ''): one-off amounts, every period of a recurring
 *   pledge with an end, each scheduled amount, each stage's latest cumulative figure; and, for an
 *   open-ended recurring pledge (`rec` = its recurrence), `s0` = its amount per period and
 *   `s1` = amount × index of its first period, so that the amount pledged up to period index N
 *   is (N + 1)·s0 − s1 summed over any number of pledges. A pledge whose first period lies
 *   ahead at write time keeps that start in `start` and is expanded exactly at query time.
 * - `amount_totals`: the ledger summed per dimension: `all` (per year), `status` and `pledger`
 *   (one row per pledger actor; '' for none), each also in EUR at the pledge's origin-day rate.
 *
 * `pw_refresh_money(item)` replaces one item's contribution: its old ledger, negated, and its
 * new one are added to the totals in one statement in key order (so concurrent writers lock
 * total rows in the same order), in the writer's transaction. Triggers call it on every change
 * that moves money: the item's amount, schedule, dates, status, merge, origin date, pledgers,
 * and each progress figure. Bulk loads that bypass triggers must run MONEY_TOTALS_REBUILD.
 */
export const STAGE_LATEST_REBUILD = `
  DELETE FROM delivered_latest;
  INSERT INTO delivered_latest (item_id, progress_period, stage, delivered_value, delivered_currency)
  SELECT DISTINCT ON (item_id, coalesce(progress_period, ''), progress_stage)
         item_id, coalesce(progress_period, ''), progress_stage, delivered_value, delivered_currency
  FROM updates WHERE delivered_value IS NOT NULL AND retracted_at IS NULL
  ORDER BY item_id, coalesce(progress_period, ''), progress_stage, effective_at DESC, recorded_at DESC, seq DESC`;

export const MONEY_TOTALS_REBUILD = `
  DELETE FROM amount_totals;
  DELETE FROM money_ledger;
  DELETE FROM money_items;
  DO $$ DECLARE r record; BEGIN
    FOR r IN SELECT id FROM items WHERE amount_value IS NOT NULL OR schedule IS NOT NULL LOOP
      PERFORM pw_refresh_money(r.id);
    END LOOP;
  END $$`;

export const SUMS = [
  'pledged',
  'pledged_max',
  'committed',
  'allocated',
  'delivered',
  's0',
  's0_max',
  's1',
  's1_max',
] as const;
const numericColumns = (suffix = '') =>
  SUMS.map((c) => `${c}${suffix} numeric NOT NULL DEFAULT 0`).join(',\n      ');

export class MoneyTotals1732701310000 implements MigrationInterface {
  name = 'MoneyTotals1732701310000';

  async up(q: QueryRunner): Promise<void> {
    // The index of the period a date falls in; consecutive periods have consecutive indexes.
    await q.query(`CREATE FUNCTION pw_period_index(rec text, d date) RETURNS int IMMUTABLE LANGUAGE sql AS $$
      SELECT CASE rec WHEN 'annual' THEN extract(year FROM d)::int
                      WHEN 'quarterly' THEN extract(year FROM d)::int * 4 + (extract(month FROM d)::int - 1) / 3
                      WHEN 'monthly' THEN extract(year FROM d)::int * 12 + extract(month FROM d)::int - 1 END $$`);
    await q.query(`CREATE TABLE money_items (
      item_id uuid NOT NULL REFERENCES items(id) ON DELETE CASCADE,
      currency char(3) NOT NULL,
      status text NOT NULL,
      pledgers text[] NOT NULL,
      origin_day date NOT NULL,
      rate_date date,
      per_eur numeric,
      CONSTRAINT money_items_pkey PRIMARY KEY (item_id))`);
    await q.query(`CREATE INDEX money_items_currency_rate_date ON money_items (currency, rate_date)`);
    await q.query(`CREATE INDEX money_items_currency_origin_day ON money_items (currency, origin_day)`);
    await q.query(`CREATE TABLE money_ledger (
      item_id uuid NOT NULL REFERENCES items(id) ON DELETE CASCADE,
      rec text NOT NULL,
      year text NOT NULL,
      start text NOT NULL,
      items int NOT NULL DEFAULT 0,
      ${numericColumns()},
      CONSTRAINT money_ledger_pkey PRIMARY KEY (item_id, rec, year, start))`);
    await q.query(`CREATE TABLE amount_totals (
      dim text NOT NULL,
      key text NOT NULL,
      currency char(3) NOT NULL,
      rec text NOT NULL,
      year text NOT NULL,
      start text NOT NULL,
      items bigint NOT NULL DEFAULT 0,
      unconverted bigint NOT NULL DEFAULT 0,
      ${numericColumns()},
      ${numericColumns('_eur')},
      CONSTRAINT amount_totals_pkey PRIMARY KEY (dim, currency, key, rec, year, start),
      CONSTRAINT amount_totals_dim_known CHECK (dim IN ('all', 'status', 'pledger')))`);
    await q.query(MONEY_ROWS);
    await q.query(REFRESH_MONEY);
    await q.query(`CREATE FUNCTION pw_money_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN PERFORM pw_refresh_money(OLD.item_id); END IF;
        IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.item_id <> OLD.item_id) THEN PERFORM pw_refresh_money(NEW.item_id); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION pw_item_money_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pw_refresh_money(NEW.id); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER items_money_insert AFTER INSERT ON items FOR EACH ROW
      WHEN (NEW.amount_value IS NOT NULL OR NEW.schedule IS NOT NULL) EXECUTE FUNCTION pw_item_money_changed()`);
    await q.query(`CREATE TRIGGER items_money_update AFTER UPDATE OF amount_value, amount_value_max, amount_currency, schedule,
        recurrence, period_start, period_end, status, merged_into_id, origin_at, kind ON items FOR EACH ROW
      WHEN (OLD.amount_value IS DISTINCT FROM NEW.amount_value OR OLD.amount_value_max IS DISTINCT FROM NEW.amount_value_max
        OR OLD.amount_currency IS DISTINCT FROM NEW.amount_currency OR OLD.schedule IS DISTINCT FROM NEW.schedule
        OR OLD.recurrence IS DISTINCT FROM NEW.recurrence OR OLD.period_start IS DISTINCT FROM NEW.period_start
        OR OLD.period_end IS DISTINCT FROM NEW.period_end OR OLD.status IS DISTINCT FROM NEW.status
        OR OLD.merged_into_id IS DISTINCT FROM NEW.merged_into_id OR OLD.origin_at IS DISTINCT FROM NEW.origin_at
        OR OLD.kind IS DISTINCT FROM NEW.kind)
      EXECUTE FUNCTION pw_item_money_changed()`);
    await q.query(`CREATE TRIGGER item_actors_money_insert AFTER INSERT ON item_actors FOR EACH ROW
      WHEN (NEW.role = 'pledger') EXECUTE FUNCTION pw_money_changed()`);
    await q.query(`CREATE TRIGGER item_actors_money_delete AFTER DELETE ON item_actors FOR EACH ROW
      WHEN (OLD.role = 'pledger') EXECUTE FUNCTION pw_money_changed()`);
    await q.query(`CREATE TRIGGER item_actors_money_update AFTER UPDATE ON item_actors FOR EACH ROW
      WHEN (OLD.role = 'pledger' OR NEW.role = 'pledger') EXECUTE FUNCTION pw_money_changed()`);
    // Each progress figure: the latest per (item, period, stage), then the item's money.
    await q.query(`CREATE FUNCTION pw_track_stages() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' AND OLD.delivered_value IS NOT NULL THEN
          PERFORM pw_refresh_stage(OLD.item_id, OLD.progress_period, OLD.progress_stage);
          PERFORM pw_refresh_money(OLD.item_id);
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.delivered_value IS NOT NULL THEN
          PERFORM pw_refresh_stage(NEW.item_id, NEW.progress_period, NEW.progress_stage);
          PERFORM pw_refresh_money(NEW.item_id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER updates_stage_latest AFTER INSERT OR DELETE
      OR UPDATE OF item_id, progress_period, progress_stage, delivered_value, delivered_currency, effective_at, retracted_at
      ON updates FOR EACH ROW EXECUTE FUNCTION pw_track_stages()`);
    await q.query(STAGE_LATEST_REBUILD);
    await q.query(MONEY_TOTALS_REBUILD);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER updates_stage_latest ON updates`);
    await q.query(`DROP TRIGGER item_actors_money_update ON item_actors`);
    await q.query(`DROP TRIGGER item_actors_money_delete ON item_actors`);
    await q.query(`DROP TRIGGER item_actors_money_insert ON item_actors`);
    await q.query(`DROP TRIGGER items_money_update ON items`);
    await q.query(`DROP TRIGGER items_money_insert ON items`);
    await q.query(
      `DROP FUNCTION pw_track_stages(), pw_item_money_changed(), pw_money_changed(), pw_refresh_money(uuid), pw_money_rows(uuid)`,
    );
    await q.query(`DROP TABLE amount_totals, money_ledger, money_items`);
    await q.query(`DROP FUNCTION pw_period_index(text, date)`);
  }
}

/** The ledger rows of one counted item (see the class comment); nothing for an uncounted one. */
const MONEY_ROWS = `
  CREATE FUNCTION pw_money_rows(p uuid) RETURNS SETOF money_ledger STABLE LANGUAGE sql AS $$
  WITH b AS (
    SELECT i.id, i.recurrence AS rec, i.period_end, i.amount_value AS v, coalesce(i.amount_value_max, i.amount_value) AS vmax, i.schedule,
           coalesce(i.period_start, (coalesce(i.origin_at, i.created_at) AT TIME ZONE 'UTC')::date) AS start_d,
           trim(coalesce(i.amount_currency, i.schedule->0->'amount'->>'currency')) AS currency,
           pw_period_index(i.recurrence, (now() AT TIME ZONE 'UTC')::date) AS p_now
    FROM items i WHERE i.id = p
  ),
  parts (rec, year, start, items, pledged, pledged_max, committed, allocated, delivered, s0, s0_max, s1, s1_max) AS (
    SELECT '', '', '', 1, 0::numeric, 0::numeric, 0::numeric, 0::numeric, 0::numeric, 0::numeric, 0::numeric, 0::numeric, 0::numeric FROM b
    UNION ALL
    SELECT '', left(e->>'period', 4), '', 0, (e->'amount'->>'value')::numeric,
           coalesce(e->'amount'->>'valueMax', e->'amount'->>'value')::numeric, 0, 0, 0, 0, 0, 0, 0
    FROM b CROSS JOIN jsonb_array_elements(b.schedule) e
    UNION ALL
    SELECT '', to_char(b.start_d, 'YYYY'), '', 0, b.v, b.vmax, 0, 0, 0, 0, 0, 0, 0
    FROM b WHERE b.v IS NOT NULL AND (b.rec IS NULL OR b.rec = 'once')
    UNION ALL
    SELECT '', y::text, '', 0, k.n * b.v, k.n * b.vmax, 0, 0, 0, 0, 0, 0, 0
    FROM b CROSS JOIN generate_series(extract(year FROM b.start_d)::int, extract(year FROM b.period_end)::int) y
    CROSS JOIN LATERAL (SELECT least(pw_period_index(b.rec, b.period_end), pw_period_index(b.rec, make_date(y, 12, 31)))
                             - greatest(pw_period_index(b.rec, b.start_d), pw_period_index(b.rec, make_date(y, 1, 1))) + 1 AS n) k
    WHERE b.v IS NOT NULL AND b.rec <> 'once' AND b.period_end IS NOT NULL AND k.n > 0
    UNION ALL
    SELECT b.rec, to_char(b.start_d, 'YYYY'), CASE WHEN pending THEN b.start_d::text ELSE '' END, 0, 0, 0, 0, 0, 0,
           b.v, b.vmax, CASE WHEN pending THEN 0 ELSE b.v * ps END, CASE WHEN pending THEN 0 ELSE b.vmax * ps END
    FROM b CROSS JOIN LATERAL (SELECT pw_period_index(b.rec, b.start_d) AS ps) s
    CROSS JOIN LATERAL (SELECT s.ps > b.p_now AS pending) f
    WHERE b.v IS NOT NULL AND b.rec <> 'once' AND b.period_end IS NULL
    UNION ALL
    SELECT '', CASE WHEN d.progress_period = '' THEN to_char(b.start_d, 'YYYY') ELSE left(d.progress_period, 4) END, '', 0, 0, 0,
           CASE d.stage WHEN 'committed' THEN d.delivered_value ELSE 0 END,
           CASE d.stage WHEN 'allocated' THEN d.delivered_value ELSE 0 END,
           CASE d.stage WHEN 'delivered' THEN d.delivered_value ELSE 0 END, 0, 0, 0, 0
    FROM b JOIN delivered_latest d ON d.item_id = b.id AND trim(d.delivered_currency) = b.currency
  )
  SELECT p, rec, year, start, sum(items)::int, sum(pledged), sum(pledged_max), sum(committed), sum(allocated), sum(delivered),
         sum(s0), sum(s0_max), sum(s1), sum(s1_max)
  FROM parts GROUP BY rec, year, start $$`;

const TOTAL_COLUMNS = ['items', 'unconverted', ...SUMS, ...SUMS.map((c) => `${c}_eur`)];
const signed = SUMS.map((c) => `sum(c.sign * c.${c})`).join(', ');
const signedEur = SUMS.map((c) => `sum(c.sign * coalesce(round(c.${c} / c.per_eur, 12), 0))`).join(', ');
const ledgerColumns = ['items', ...SUMS].map((c) => `l.${c}`).join(', ');
const newColumns = ['items', ...SUMS].map((c) => `r.${c}`).join(', ');

/** Replaces one item's contribution to the totals (see the class comment). */
export const REFRESH_MONEY = `
  CREATE FUNCTION pw_refresh_money(p uuid) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE
    i items;
    f money_items;
    new_rows money_ledger[];
  BEGIN
    SELECT * INTO i FROM items WHERE id = p;
    IF FOUND AND i.kind = 'commitment' AND i.merged_into_id IS NULL AND i.status <> 'withdrawn'
       AND (i.amount_value IS NOT NULL OR i.schedule IS NOT NULL) THEN
      f.item_id := p;
      f.currency := coalesce(i.amount_currency, (i.schedule->0->'amount'->>'currency')::bpchar);
      f.status := i.status;
      f.pledgers := ARRAY(SELECT DISTINCT ia.actor_id::text FROM item_actors ia WHERE ia.item_id = p AND ia.role = 'pledger' ORDER BY 1);
      f.origin_day := (coalesce(i.origin_at, i.created_at) AT TIME ZONE 'UTC')::date;
      IF f.currency = 'EUR' THEN
        f.per_eur := 1;
      ELSE
        SELECT r.per_eur, r.rate_date INTO f.per_eur, f.rate_date FROM fx_rates r
        WHERE r.currency = f.currency AND r.rate_date <= f.origin_day ORDER BY r.rate_date DESC LIMIT 1;
      END IF;
      new_rows := ARRAY(SELECT r FROM pw_money_rows(p) r);
    ELSIF NOT EXISTS (SELECT 1 FROM money_items WHERE item_id = p) THEN
      RETURN;
    END IF;
    INSERT INTO amount_totals AS t (dim, key, currency, rec, year, start, ${TOTAL_COLUMNS.join(', ')})
    SELECT d.dim, d.key, c.currency, c.rec, CASE WHEN d.dim = 'all' THEN c.year ELSE '' END, c.start,
           sum(c.sign * c.items), sum(c.sign * CASE WHEN c.per_eur IS NULL THEN c.items ELSE 0 END), ${signed}, ${signedEur}
    FROM (
      SELECT -1 AS sign, m.currency, m.status, m.pledgers, m.per_eur, l.rec, l.year, l.start, ${ledgerColumns}
      FROM money_ledger l JOIN money_items m ON m.item_id = l.item_id WHERE l.item_id = p
      UNION ALL
      SELECT 1, f.currency, f.status, f.pledgers, f.per_eur, r.rec, r.year, r.start, ${newColumns}
      FROM unnest(new_rows) r
    ) c
    CROSS JOIN LATERAL (
      SELECT 'all' AS dim, '' AS key
      UNION ALL SELECT 'status', c.status
      UNION ALL SELECT 'pledger', k FROM unnest(CASE WHEN cardinality(c.pledgers) = 0 THEN ARRAY[''] ELSE c.pledgers END) k
    ) d
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 3, 2, 4, 5, 6
    ON CONFLICT (dim, currency, key, rec, year, start) DO UPDATE SET
      ${TOTAL_COLUMNS.map((col) => `${col} = t.${col} + excluded.${col}`).join(', ')};
    DELETE FROM money_ledger WHERE item_id = p;
    DELETE FROM money_items WHERE item_id = p;
    IF f.item_id IS NOT NULL THEN
      INSERT INTO money_items SELECT f.*;
      INSERT INTO money_ledger SELECT * FROM unnest(new_rows);
    END IF;
  END $$`;
