import { declareFunction } from './declare';

/**
 * Money as researchers count it (docs/money.md): what one pledge adds to the totals.
 *
 * - `money_items`: one row per counted pledge (a live commitment with money, not withdrawn, not
 *   merged): its currency, status, pledgers, origin day and the EUR rate of that day
 *   (`pw_money_facts`, the one definition of "what a counted pledge is").
 * - `money_ledger`: what each counted pledge adds to the totals, per (rec, year, start)
 *   (`pw_money_rows`): fixed amounts per calendar year (`rec` = ''): one-off amounts, every period
 *   of a recurring pledge with an end, each scheduled amount, each stage's latest cumulative
 *   figure; and, for an open-ended recurring pledge (`rec` = its recurrence), `s0` = its amount
 *   per period and `s1` = amount × index of its first period, so that the amount pledged up to
 *   period index N is (N + 1)·s0 − s1 summed over any number of pledges. A pledge whose first
 *   period lies ahead at write time keeps that start in `start` and is expanded at query time.
 * - `delivered_latest`: the latest progress figure per (item, period, stage) (`pw_refresh_stage`).
 */
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

/** For loads that bypass triggers (the benchmark): every stage's latest figure. */
export const STAGE_LATEST_REBUILD = `
  DELETE FROM delivered_latest;
  INSERT INTO delivered_latest (item_id, progress_period, stage, delivered_value, delivered_currency)
  SELECT DISTINCT ON (item_id, coalesce(progress_period, ''), progress_stage)
         item_id, coalesce(progress_period, ''), progress_stage, delivered_value, delivered_currency
  FROM updates WHERE delivered_value IS NOT NULL AND retracted_at IS NULL
  ORDER BY item_id, coalesce(progress_period, ''), progress_stage, effective_at DESC, recorded_at DESC, seq DESC`;

/** The index of the period a date falls in; consecutive periods have consecutive indexes. */
export const pwPeriodIndex = declareFunction({
  name: 'pw_period_index',
  args: 'rec text, d date',
  returns: 'int',
  language: 'sql',
  attributes: 'IMMUTABLE',
  body: `
      SELECT CASE rec WHEN 'annual' THEN extract(year FROM d)::int
                      WHEN 'quarterly' THEN extract(year FROM d)::int * 4 + (extract(month FROM d)::int - 1) / 3
                      WHEN 'monthly' THEN extract(year FROM d)::int * 12 + extract(month FROM d)::int - 1 END `,
});

/** The latest figure of one (item, period, stage) among the non-retracted updates. */
export const pwRefreshStage = declareFunction({
  name: 'pw_refresh_stage',
  args: 'item uuid, period text, stage text',
  returns: 'void',
  language: 'sql',
  body: `
      DELETE FROM delivered_latest WHERE item_id = $1 AND progress_period = coalesce($2, '') AND stage = $3;
      INSERT INTO delivered_latest (item_id, progress_period, stage, delivered_value, delivered_currency)
      SELECT u.item_id, coalesce(u.progress_period, ''), u.progress_stage, u.delivered_value, u.delivered_currency FROM updates u
      WHERE u.item_id = $1 AND u.progress_period IS NOT DISTINCT FROM $2 AND u.progress_stage = $3
        AND u.delivered_value IS NOT NULL AND u.retracted_at IS NULL
      ORDER BY u.effective_at DESC, u.recorded_at DESC, u.seq DESC LIMIT 1 `,
});

/** The facts of one counted pledge; nothing for an uncounted item. */
export const pwMoneyFacts = declareFunction({
  name: 'pw_money_facts',
  args: 'p uuid',
  returns: 'SETOF money_items',
  language: 'sql',
  attributes: 'STABLE',
  body: `
    SELECT i.id, c.currency, i.status,
           ARRAY(SELECT DISTINCT ia.actor_id::text FROM item_actors ia WHERE ia.item_id = i.id AND ia.role = 'pledger' ORDER BY 1),
           c.day, r.rate_date, CASE WHEN c.currency = 'EUR' THEN 1 ELSE r.per_eur END
    FROM items i
    CROSS JOIN LATERAL (SELECT coalesce(i.amount_currency, (i.schedule->0->'amount'->>'currency')::bpchar) AS currency,
                               (coalesce(i.origin_at, i.created_at) AT TIME ZONE 'UTC')::date AS day) c
    LEFT JOIN LATERAL (SELECT f.rate_date, f.per_eur FROM fx_rates f
                       WHERE c.currency <> 'EUR' AND f.currency = c.currency AND f.rate_date <= c.day
                       ORDER BY f.rate_date DESC LIMIT 1) r ON true
    WHERE i.id = p AND i.kind = 'commitment' AND i.merged_into_id IS NULL AND i.status <> 'withdrawn'
      AND (i.amount_value IS NOT NULL OR i.schedule IS NOT NULL) `,
});

/** The ledger rows of one counted item (see above); nothing for an uncounted one. */
export const pwMoneyRows = declareFunction({
  name: 'pw_money_rows',
  args: 'p uuid',
  returns: 'SETOF money_ledger',
  language: 'sql',
  attributes: 'STABLE',
  body: `
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
  FROM parts GROUP BY rec, year, start `,
});

export const MONEY_LEDGER_FUNCTIONS = [pwPeriodIndex, pwRefreshStage, pwMoneyFacts, pwMoneyRows];
