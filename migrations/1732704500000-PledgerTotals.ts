import { MigrationInterface, QueryRunner } from 'typeorm';
import { createFunction } from '../src/database/functions';
import { addToPledgerTotals, PLEDGER_EUR_COLUMNS } from '../src/database/functions/money-pledgers';
import { pwRevalueMoney } from '../src/database/functions/money-revalue';
import { pwRefreshMoneyUnlocked } from '../src/database/functions/money-totals';

/**
 * `pledger_totals` (issue 29): the EUR sums per pledger that `groupBy=pledger&convertTo=EUR` with
 * `rateDate=announced` reads, kept by the refresh and the rate load's re-valuation from the same
 * rows as `amount_totals` (src/database/functions/money-pledgers.ts), and filled here from the
 * ledger under the money writers' lock.
 */
export class PledgerTotals1732704500000 implements MigrationInterface {
  name = 'PledgerTotals1732704500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE pledger_totals (
      pledger text NOT NULL,
      start text NOT NULL,
      items bigint NOT NULL DEFAULT 0,
      ${PLEDGER_EUR_COLUMNS.map((c) => `${c} numeric NOT NULL DEFAULT 0`).join(',\n      ')},
      CONSTRAINT pledger_totals_pkey PRIMARY KEY (pledger, start))`);
    await q.query(`SELECT pg_advisory_xact_lock(hashtext('pw_refresh_money'))`);
    await q.query(createFunction(pwRefreshMoneyUnlocked));
    await q.query(createFunction(pwRevalueMoney));
    await q.query(
      addToPledgerTotals({
        from: 'money_ledger l JOIN money_items m ON m.item_id = l.item_id',
        pledgers: 'm.pledgers',
        rec: 'l.rec',
        start: 'l.start',
        items: 'l.items',
        eur: (s) => `coalesce(round(l.${s} / m.per_eur, 12), 0)`,
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(PREVIOUS_REFRESH);
    await q.query(PREVIOUS_REVALUE);
    await q.query(`DROP TABLE pledger_totals`);
  }
}

/** The definitions before this migration, as literal SQL (docs/adr/0006-database-functions-declared-once.md). */
const PREVIOUS_REFRESH = `CREATE OR REPLACE FUNCTION pw_refresh_money_unlocked(p uuid) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE
    f money_items;
    new_rows money_ledger[];
  BEGIN
    SELECT * INTO f FROM pw_money_facts(p);
    IF f.item_id IS NOT NULL THEN
      new_rows := ARRAY(SELECT r FROM pw_money_rows(p) r);
    ELSIF NOT EXISTS (SELECT 1 FROM money_items WHERE item_id = p) THEN
      RETURN;
    END IF;
    
  INSERT INTO amount_totals AS t (dim, key, currency, rec, year, start, items, unconverted, pledged, pledged_max, committed, allocated, delivered, s0, s0_max, s1, s1_max, pledged_eur, pledged_max_eur, committed_eur, allocated_eur, delivered_eur, s0_eur, s0_max_eur, s1_eur, s1_max_eur)
  SELECT d.dim, d.key, c.currency, c.rec, CASE WHEN d.dim = 'all' THEN c.year ELSE '' END, c.start,
         sum(c.sign * c.items), sum(c.sign * CASE WHEN c.per_eur IS NULL THEN c.items ELSE 0 END),
         sum(c.sign * c.pledged), sum(c.sign * c.pledged_max), sum(c.sign * c.committed), sum(c.sign * c.allocated), sum(c.sign * c.delivered), sum(c.sign * c.s0), sum(c.sign * c.s0_max), sum(c.sign * c.s1), sum(c.sign * c.s1_max),
         sum(c.sign * coalesce(round(c.pledged / c.per_eur, 12), 0)), sum(c.sign * coalesce(round(c.pledged_max / c.per_eur, 12), 0)), sum(c.sign * coalesce(round(c.committed / c.per_eur, 12), 0)), sum(c.sign * coalesce(round(c.allocated / c.per_eur, 12), 0)), sum(c.sign * coalesce(round(c.delivered / c.per_eur, 12), 0)), sum(c.sign * coalesce(round(c.s0 / c.per_eur, 12), 0)), sum(c.sign * coalesce(round(c.s0_max / c.per_eur, 12), 0)), sum(c.sign * coalesce(round(c.s1 / c.per_eur, 12), 0)), sum(c.sign * coalesce(round(c.s1_max / c.per_eur, 12), 0))
  FROM (
      SELECT -1 AS sign, m.currency, m.status, m.pledgers, m.per_eur, l.rec, l.year, l.start, l.items, l.pledged, l.pledged_max, l.committed, l.allocated, l.delivered, l.s0, l.s0_max, l.s1, l.s1_max
      FROM money_ledger l JOIN money_items m ON m.item_id = l.item_id WHERE l.item_id = p
      UNION ALL
      SELECT 1, f.currency, f.status, f.pledgers, f.per_eur, r.rec, r.year, r.start, r.items, r.pledged, r.pledged_max, r.committed, r.allocated, r.delivered, r.s0, r.s0_max, r.s1, r.s1_max
      FROM unnest(new_rows) r) c
  CROSS JOIN LATERAL (
    SELECT 'all' AS dim, '' AS key
    UNION ALL SELECT 'status', c.status
    UNION ALL SELECT 'pledger', k FROM unnest(CASE WHEN cardinality(c.pledgers) = 0 THEN ARRAY[''] ELSE c.pledgers END) k
  ) d
  GROUP BY 1, 2, 3, 4, 5, 6
  ORDER BY 1, 3, 2, 4, 5, 6
  ON CONFLICT (dim, currency, key, rec, year, start) DO UPDATE SET
    items = t.items + excluded.items, unconverted = t.unconverted + excluded.unconverted, pledged = t.pledged + excluded.pledged, pledged_max = t.pledged_max + excluded.pledged_max, committed = t.committed + excluded.committed, allocated = t.allocated + excluded.allocated, delivered = t.delivered + excluded.delivered, s0 = t.s0 + excluded.s0, s0_max = t.s0_max + excluded.s0_max, s1 = t.s1 + excluded.s1, s1_max = t.s1_max + excluded.s1_max, pledged_eur = t.pledged_eur + excluded.pledged_eur, pledged_max_eur = t.pledged_max_eur + excluded.pledged_max_eur, committed_eur = t.committed_eur + excluded.committed_eur, allocated_eur = t.allocated_eur + excluded.allocated_eur, delivered_eur = t.delivered_eur + excluded.delivered_eur, s0_eur = t.s0_eur + excluded.s0_eur, s0_max_eur = t.s0_max_eur + excluded.s0_max_eur, s1_eur = t.s1_eur + excluded.s1_eur, s1_max_eur = t.s1_max_eur + excluded.s1_max_eur;
    DELETE FROM money_ledger WHERE item_id = p;
    DELETE FROM money_items WHERE item_id = p;
    IF f.item_id IS NOT NULL THEN
      INSERT INTO money_items SELECT f.*;
      INSERT INTO money_ledger SELECT * FROM unnest(new_rows);
    END IF;
  END $$`;

const PREVIOUS_REVALUE = `CREATE OR REPLACE FUNCTION pw_revalue_money(currencies text[], days date[]) RETURNS int LANGUAGE plpgsql AS $$
  DECLARE n int;
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('pw_refresh_money'));
    WITH span AS MATERIALIZED (
      SELECT f.currency, f.rate_date, f.per_eur,
             coalesce((SELECT min(x.rate_date) FROM fx_rates x WHERE x.currency = f.currency AND x.rate_date > f.rate_date),
                      'infinity') AS until
      FROM unnest(currencies, days) c(currency, day)
      JOIN fx_rates f ON f.currency = c.currency::bpchar AND f.rate_date = c.day
    ),
    changed AS MATERIALIZED (
      SELECT m.item_id, m.currency, m.status, m.pledgers, m.per_eur AS old_per_eur, s.rate_date, s.per_eur AS new_per_eur
      FROM span s
      CROSS JOIN LATERAL (SELECT * FROM money_items m
                          WHERE m.currency = s.currency AND m.origin_day >= s.rate_date AND m.origin_day < s.until) m
      WHERE (m.rate_date, m.per_eur) IS DISTINCT FROM (s.rate_date, s.per_eur)
    ),
    totals AS (
      INSERT INTO amount_totals AS t (dim, key, currency, rec, year, start, unconverted, pledged_eur, pledged_max_eur, committed_eur, allocated_eur, delivered_eur, s0_eur, s0_max_eur, s1_eur, s1_max_eur)
      SELECT d.dim, d.key, c.currency, l.rec, CASE WHEN d.dim = 'all' THEN l.year ELSE '' END, l.start,
             sum(CASE WHEN c.old_per_eur IS NULL THEN -l.items ELSE 0 END),
             sum(round(l.pledged / c.new_per_eur, 12) - coalesce(round(l.pledged / c.old_per_eur, 12), 0)),
             sum(round(l.pledged_max / c.new_per_eur, 12) - coalesce(round(l.pledged_max / c.old_per_eur, 12), 0)),
             sum(round(l.committed / c.new_per_eur, 12) - coalesce(round(l.committed / c.old_per_eur, 12), 0)),
             sum(round(l.allocated / c.new_per_eur, 12) - coalesce(round(l.allocated / c.old_per_eur, 12), 0)),
             sum(round(l.delivered / c.new_per_eur, 12) - coalesce(round(l.delivered / c.old_per_eur, 12), 0)),
             sum(round(l.s0 / c.new_per_eur, 12) - coalesce(round(l.s0 / c.old_per_eur, 12), 0)),
             sum(round(l.s0_max / c.new_per_eur, 12) - coalesce(round(l.s0_max / c.old_per_eur, 12), 0)),
             sum(round(l.s1 / c.new_per_eur, 12) - coalesce(round(l.s1 / c.old_per_eur, 12), 0)),
             sum(round(l.s1_max / c.new_per_eur, 12) - coalesce(round(l.s1_max / c.old_per_eur, 12), 0))
      FROM changed c
      JOIN money_ledger l ON l.item_id = c.item_id
      CROSS JOIN LATERAL (
        SELECT 'all' AS dim, '' AS key
        UNION ALL SELECT 'status', c.status
        UNION ALL SELECT 'pledger', k FROM unnest(CASE WHEN cardinality(c.pledgers) = 0 THEN ARRAY[''] ELSE c.pledgers END) k
      ) d
      GROUP BY 1, 2, 3, 4, 5, 6
      ORDER BY 1, 3, 2, 4, 5, 6
      ON CONFLICT (dim, currency, key, rec, year, start) DO UPDATE SET
        unconverted = t.unconverted + excluded.unconverted,
        pledged_eur = t.pledged_eur + excluded.pledged_eur, pledged_max_eur = t.pledged_max_eur + excluded.pledged_max_eur, committed_eur = t.committed_eur + excluded.committed_eur, allocated_eur = t.allocated_eur + excluded.allocated_eur, delivered_eur = t.delivered_eur + excluded.delivered_eur, s0_eur = t.s0_eur + excluded.s0_eur, s0_max_eur = t.s0_max_eur + excluded.s0_max_eur, s1_eur = t.s1_eur + excluded.s1_eur, s1_max_eur = t.s1_max_eur + excluded.s1_max_eur
    ),
    moved AS (
      UPDATE money_items m SET rate_date = c.rate_date, per_eur = c.new_per_eur
      FROM changed c WHERE m.item_id = c.item_id
      RETURNING 1
    )
    SELECT count(*) INTO n FROM moved;
    RETURN n;
  END $$`;
