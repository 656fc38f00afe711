import { MIN_YEAR } from '../common/instant';
import { pledgerColumn, RECURRENCES } from '../database/functions/money-pledgers';

/**
 * /v1/stats/amounts reads the trigger-kept `amount_totals` (src/database/functions/money-totals.ts), never
 * the items: a few rows per (currency, key). Counting rules (docs/money.md):
 *  - currencies are never added together here (one row per currency and key);
 *  - `pledged` counts a range's lower bound and `pledgedMax` its upper bound (other qualifiers:
 *    their value in both); a schedule counts each period's amount;
 *  - a recurring pledge counts once per calendar period (year, quarter, month) from the period
 *    of its start up to its periodEnd, or up to the current period when it has none;
 *  - committed / allocated / delivered: the latest non-retracted cumulative figure of each
 *    (item, period, stage), summed over periods;
 *  - withdrawn and merged items are left out.
 * Open-ended pledges are expanded here: (N + 1)·s0 − s1 is what they pledged up to period N.
 * $1 dimension ('all', 'status', 'pledger'), $2 currency (NULL: all), $3 today (YYYY-MM-DD, UTC).
 */
const COLUMNS = [
  ['pledged', 'pledged', 's0', 's1'],
  ['pledgedMax', 'pledged_max', 's0_max', 's1_max'],
] as const;
const STAGES = [
  ['committed', 'committed'],
  ['allocated', 'allocated'],
  ['delivered', 'delivered'],
] as const;

/** What open-ended rows pledged up to today; fixed rows as stored. */
const upToToday = (fixed: string, s0: string, s1: string) => `
  CASE WHEN t.rec = '' THEN t.${fixed}
       WHEN t.start = '' THEN (pw_period_index(t.rec, $3::date) + 1) * t.${s0} - t.${s1}
       ELSE greatest(0, pw_period_index(t.rec, $3::date) - pw_period_index(t.rec, t.start::date) + 1) * t.${s0} END`;

/** What open-ended rows pledged in calendar year g (g between their first year and today's). */
const inYear = (s0: string, s1: string) => `
  CASE WHEN t.start = '' THEN (least(pw_period_index(t.rec, $3::date), pw_period_index(t.rec, make_date(g, 12, 31))) + 1) * t.${s0}
                              - CASE WHEN g = t.year::int THEN t.${s1} ELSE pw_period_index(t.rec, make_date(g, 1, 1)) * t.${s0} END
       ELSE greatest(0, least(pw_period_index(t.rec, $3::date), pw_period_index(t.rec, make_date(g, 12, 31)))
                        - greatest(pw_period_index(t.rec, t.start::date), pw_period_index(t.rec, make_date(g, 1, 1))) + 1) * t.${s0} END`;

const FIELDS = ['pledged', 'pledgedMax', 'committed', 'allocated', 'delivered'];

/** One expression per field, over the native (suffix '') or the EUR (suffix '_eur') columns. */
const sums = (suffix: string, each: (name: string, column: string, open?: readonly string[]) => string) =>
  [
    ...COLUMNS.map(([name, column, ...open]) =>
      each(
        name,
        column + suffix,
        open.map((c) => c + suffix),
      ),
    ),
    ...STAGES.map(([name, column]) => each(name, column + suffix)),
  ].join(',\n  ');

/**
 * To the cent, half to even, as conversion.ts rounds (PostgreSQL's round() takes ties away from
 * zero). At a tie (an exact half cent, k + ½ cents) x × 50 is k/2 + ¼, which rounds to the nearest
 * whole number of two-cent steps: the even neighbour. Exact: the EUR sums have at most 12
 * decimals, and nothing is divided.
 */
const cents = (x: string) =>
  `CASE WHEN abs(mod(${x} * 100, 1)) = 0.5 THEN round(${x} * 50) * 0.02 ELSE round(${x}, 2) END`;

/**
 * Per (key, currency): status or pledger name (NULL: no pledger), or NULL for everything. With
 * suffix '_eur' the sums are in EUR at each pledge's origin-day rate (rateDate=announced), added
 * up over the currencies here, exactly (numeric), so there is one row per key, currency 'EUR',
 * already rounded to the cent: a third of the groups and rows to build and send for
 * groupBy=pledger, and nothing left to convert.
 */
const amounts = (suffix: string) => `
  SELECT CASE $1::text WHEN 'pledger' THEN a.name WHEN 'status' THEN g.key END AS key, g.currency,
         ${FIELDS.map((n) => `trim_scale(${suffix ? cents(`g."${n}"`) : `g."${n}"`})::text AS "${n}"`).join(', ')}
  FROM (
    SELECT t.key, ${suffix ? `'EUR'` : 'trim(t.currency)'} AS currency,
    ${sums(
      suffix,
      (name, column, open) =>
        `sum(${open?.length ? upToToday(column, open[0], open[1]) : `t.${column}`}) AS "${name}"`,
    )}
    FROM amount_totals t
    WHERE t.dim = $1 AND ($2::bpchar IS NULL OR t.currency = $2::bpchar)
    GROUP BY t.key${suffix ? '' : ', t.currency'}
    HAVING sum(t.items) > 0
  ) g
  LEFT JOIN actors a ON $1::text = 'pledger' AND g.key <> '' AND a.id::text = g.key
  ORDER BY g.currency, 1 NULLS LAST`;

/**
 * `groupBy=pledger&convertTo=EUR&rateDate=announced` over every currency: the writer-kept
 * `pledger_totals` (src/database/functions/money-pledgers.ts), one row per pledger plus one per
 * first period still ahead, so nothing here grows with the items. Open-ended sums per recurrence
 * as in `upToToday`; rounded to the cent as `amounts('_eur')` rounds. $1 today (YYYY-MM-DD, UTC).
 */
const openInEur = (s0: string, s1: string) =>
  RECURRENCES.map((rec) => {
    const [n, c0, c1] = [`n.${rec}`, `t.${pledgerColumn(s0, rec)}`, `t.${pledgerColumn(s1, rec)}`];
    return `CASE WHEN t.start = '' THEN (${n} + 1) * ${c0} - ${c1}
                 ELSE greatest(0, ${n} - pw_period_index('${rec}', t.start::date) + 1) * ${c0} END`;
  }).join(' + ');

export const AMOUNTS_BY_PLEDGER_EUR = `
  SELECT a.name AS key, 'EUR' AS currency,
         ${FIELDS.map((n) => `trim_scale(${cents(`g."${n}"`)})::text AS "${n}"`).join(', ')}
  FROM (
    SELECT t.pledger,
           ${COLUMNS.map(([name, column, s0, s1]) => `sum(t.${pledgerColumn(column)} + ${openInEur(s0, s1)}) AS "${name}"`).join(',\n           ')},
           ${STAGES.map(([name, column]) => `sum(t.${pledgerColumn(column)}) AS "${name}"`).join(', ')}
    FROM pledger_totals t
    CROSS JOIN (SELECT ${RECURRENCES.map((rec) => `pw_period_index('${rec}', $1::date) AS ${rec}`).join(', ')}) n
    GROUP BY t.pledger
    HAVING sum(t.items) > 0
  ) g
  LEFT JOIN actors a ON g.pledger <> '' AND a.id::text = g.pledger
  ORDER BY 1 NULLS LAST`;

/** Per (calendar year, currency): each period counts in the year it begins; stage figures in their period's year. */
const amountsByPeriod = (suffix: string) => `
  SELECT y.key, trim(t.currency) AS currency, ${FIELDS.map((n) => `trim_scale(sum(y."${n}"))::text AS "${n}"`).join(', ')}
  FROM amount_totals t
  CROSS JOIN LATERAL (
    SELECT t.year AS key, ${sums(suffix, (name, column) => `t.${column} AS "${name}"`)}
    WHERE t.rec = ''
    UNION ALL
    SELECT g::text, ${sums(suffix, (name, _column, open) =>
      open?.length ? `${inYear(open[0], open[1])} AS "${name}"` : `0 AS "${name}"`,
    )}
    FROM generate_series(greatest(t.year::int, ${MIN_YEAR}), extract(year FROM $3::date)::int) g
    WHERE t.rec <> ''
  ) y
  WHERE t.dim = coalesce($1::text, 'all') AND t.year <> '' AND ($2::bpchar IS NULL OR t.currency = $2::bpchar)
  GROUP BY y.key, t.currency
  HAVING sum(y."pledged") <> 0 OR sum(y."committed") <> 0 OR sum(y."allocated") <> 0 OR sum(y."delivered") <> 0
  ORDER BY t.currency, y.key`;

export const AMOUNTS = amounts('');
export const AMOUNTS_EUR = amounts('_eur');
export const AMOUNTS_BY_PERIOD = amountsByPeriod('');
export const AMOUNTS_BY_PERIOD_EUR = amountsByPeriod('_eur');

/**
 * Items counted per currency, how many of them have no EUR rate on or before their origin day,
 * and the earliest and latest of those origin-day rates (what `announced` used): one statement,
 * two index probes per currency. $1 currency.
 */
export const ITEMS_PER_CURRENCY = `
  SELECT trim(t.currency) AS currency, sum(t.items)::int AS items, sum(t.unconverted)::int AS unconverted,
         (SELECT min(m.rate_date) FROM money_items m WHERE m.currency = t.currency)::text AS "from",
         (SELECT max(m.rate_date) FROM money_items m WHERE m.currency = t.currency)::text AS "to"
  FROM amount_totals t
  WHERE t.dim = 'all' AND t.rec = '' AND t.year = '' AND ($1::bpchar IS NULL OR t.currency = $1::bpchar)
  GROUP BY t.currency HAVING sum(t.items) > 0
  ORDER BY 1`;

/** The rate of each currency on or before $2 (NULL: the latest). $1 currencies. */
export const RATES_ON = `
  SELECT c AS currency, r.rate_date::text AS "rateDate", trim_scale(r.per_eur)::text AS "perEur"
  FROM unnest($1::text[]) c
  CROSS JOIN LATERAL (SELECT f.rate_date, f.per_eur FROM fx_rates f
                      WHERE f.currency = c::bpchar AND ($2::date IS NULL OR f.rate_date <= $2::date)
                      ORDER BY f.rate_date DESC LIMIT 1) r`;
