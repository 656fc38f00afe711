import { declareFunction } from './declare';
import { SUMS } from './money-ledger';
import { addToPledgerTotals } from './money-pledgers';
import { dimensionsOf, pwRefreshMoney } from './money-totals';

/**
 * A rate load re-values in one set-based statement (docs/money.md, "How it stays fast"), instead
 * of one `pw_refresh_money` per pledge: at a million items that took minutes.
 *
 * `pw_revalue_money(currencies, days)` takes the rates just inserted or changed, one
 * (currency, rate date) each. A rate dated D is the origin-day rate of exactly the pledges in that
 * currency whose origin day lies in [D, the currency's next rate date): the spans are computed
 * first and each read by a LATERAL index range scan on `money_items_currency_origin_day`, both
 * bounds in the index condition (5 s for a daily history of two currencies at a million items).
 * Of those pledges, the ones whose stored rate differs get the new one in `money_items`, and their
 * ledger adds (amount / new rate) − (amount / old rate), each rounded to 12 places as the refresh
 * rounds it, to the EUR columns of `amount_totals` (and moves them out of `unconverted` when they
 * had no rate), and the same differences to `pledger_totals`. Native sums and item counts do not
 * move. The result is the number of pledges re-valued. It takes the money writers' advisory lock
 * (the one `pw_refresh_money` takes) and no item lock: money rows are only written under that lock.
 */
const EUR = SUMS.map((c) => `${c}_eur`);

export const pwRevalueMoney = declareFunction({
  name: 'pw_revalue_money',
  args: 'currencies text[], days date[]',
  returns: 'int',
  language: 'plpgsql',
  body: `
  DECLARE n int;
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('${pwRefreshMoney.name}'));
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
      ${dimensionsOf('      ')}
        unconverted = t.unconverted + excluded.unconverted,
        ${EUR.map((col) => `${col} = t.${col} + excluded.${col}`).join(', ')}
    ),
    by_pledger AS (${addToPledgerTotals({
      from: 'changed c JOIN money_ledger l ON l.item_id = c.item_id',
      pledgers: 'c.pledgers',
      rec: 'l.rec',
      start: 'l.start',
      items: '0',
      eur: (s) => `round(l.${s} / c.new_per_eur, 12) - coalesce(round(l.${s} / c.old_per_eur, 12), 0)`,
    })}
    ),
    moved AS (
      UPDATE money_items m SET rate_date = c.rate_date, per_eur = c.new_per_eur
      FROM changed c WHERE m.item_id = c.item_id
      RETURNING 1
    )
    SELECT count(*) INTO n FROM moved;
    RETURN n;
  END `,
});
