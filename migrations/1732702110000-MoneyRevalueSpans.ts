import { MigrationInterface, QueryRunner } from 'typeorm';
import { SUMS } from './1732701310000-MoneyTotals';
import { REVALUE_MONEY } from './1732702100000-MoneyRevalue';

/**
 * `pw_revalue_money` (…-MoneyRevalue.ts) read each changed rate's pledges with only the currency
 * as the index condition when the planner saw few rates, the date span as a filter: a daily
 * history of two currencies (6,214 rates) ran for minutes at a million items. The spans
 * [rate date, next rate date) are now computed first and each read by a LATERAL index range scan
 * on `money_items_currency_origin_day`, both bounds in the index condition: 5 s for that history
 * (156,168 pledges), 2 s for the benchmark's two rates (54,286 pledges). Same results.
 */
const EUR = SUMS.map((c) => `${c}_eur`);

const REVALUE_BY_SPANS = `
  CREATE OR REPLACE FUNCTION pw_revalue_money(currencies text[], days date[]) RETURNS int LANGUAGE plpgsql AS $$
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
      INSERT INTO amount_totals AS t (dim, key, currency, rec, year, start, unconverted, ${EUR.join(', ')})
      SELECT d.dim, d.key, c.currency, l.rec, CASE WHEN d.dim = 'all' THEN l.year ELSE '' END, l.start,
             sum(CASE WHEN c.old_per_eur IS NULL THEN -l.items ELSE 0 END),
             ${SUMS.map((s) => `sum(round(l.${s} / c.new_per_eur, 12) - coalesce(round(l.${s} / c.old_per_eur, 12), 0))`).join(',\n             ')}
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
        ${EUR.map((col) => `${col} = t.${col} + excluded.${col}`).join(', ')}
    ),
    moved AS (
      UPDATE money_items m SET rate_date = c.rate_date, per_eur = c.new_per_eur
      FROM changed c WHERE m.item_id = c.item_id
      RETURNING 1
    )
    SELECT count(*) INTO n FROM moved;
    RETURN n;
  END $$`;

export class MoneyRevalueSpans1732702110000 implements MigrationInterface {
  name = 'MoneyRevalueSpans1732702110000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(REVALUE_BY_SPANS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION pw_revalue_money(text[], date[])`);
    await q.query(REVALUE_MONEY);
  }
}
