/**
 * Every dashboard query, one per service method, readable top to bottom. Counting rules (also
 * in the README, "Search, stats and export"):
 *  - merged items are never counted (their history lives on in the survivor);
 *  - amounts: withdrawn items are left out; currencies are never added together (one row per
 *    currency); every qualifier (`at_least`, `up_to`, …) counts its stated value;
 *  - a recurring pledge counts once per period: from periodStart (default: the origin source's
 *    date, else the item's creation date) up to periodEnd when given, else up to now;
 *  - delivered is the latest non-retracted `progress.delivered` of each (item, progress period),
 *    summed over periods (each update carries the cumulative figure for its period); the table
 *    delivered_latest holds exactly those figures, kept by a trigger on updates.
 * Sums are SQL numeric, printed without trailing zeros (trim_scale): exact at any size.
 * $n placeholders: filters are passed as NULL when not given, so each query has one fixed plan.
 */

/** Items by current status, from the trigger-kept counters (no tag or actor filter). $1 kind. */
export const STATUS_COUNTS_LIVE = `
  SELECT c.status, sum(c.n)::int AS n
  FROM item_status_counts c
  WHERE ($1::text IS NULL OR c.kind = $1)
  GROUP BY c.status
  HAVING sum(c.n) <> 0`;

/** Items by current status. $1 kind, $2 tag, $3 actorId. */
export const STATUS_COUNTS = `
  SELECT i.status, count(*)::int AS n
  FROM items i
  WHERE i.merged_into_id IS NULL
    AND ($1::text IS NULL OR i.kind = $1)
    AND ($2::text IS NULL OR i.tags @> ARRAY[$2::text])
    AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM item_actors ia WHERE ia.item_id = i.id AND ia.actor_id = $3))
  GROUP BY i.status`;

/**
 * Items by the status they had at $1, without a tag or actor filter: the per-day deltas of
 * status_day_deltas for the days before $1's UTC day, plus the intervals that began or ended on
 * that day up to $1, read through the indexes on the interval bounds. $2 kind.
 */
export const STATUS_COUNTS_AS_OF_DELTAS = `
  WITH at AS (
    SELECT $1::timestamptz AS t, ($1::timestamptz AT TIME ZONE 'UTC')::date AS day,
           date_trunc('day', $1::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day_start)
  SELECT status, sum(n)::int AS n FROM (
    SELECT d.status, d.n FROM status_day_deltas d
    WHERE d.day < (SELECT day FROM at) AND ($2::text IS NULL OR d.kind = $2)
    UNION ALL
    SELECT sp.status,
           (lower(sp.during) BETWEEN at.day_start AND at.t)::int
             - coalesce(upper(sp.during) BETWEEN at.day_start AND at.t, false)::int
    FROM at, status_periods sp JOIN items i ON i.id = sp.item_id
    WHERE ((lower(sp.during) >= at.day_start AND lower(sp.during) <= at.t)
        OR (upper(sp.during) >= at.day_start AND upper(sp.during) <= at.t))
      AND i.merged_into_id IS NULL AND ($2::text IS NULL OR i.kind = $2)
  ) counted
  GROUP BY status
  HAVING sum(n) <> 0`;

/** Items by the status they had at $4, read from the status intervals. $1 kind, $2 tag, $3 actorId. */
export const STATUS_COUNTS_AS_OF = `
  SELECT sp.status, count(*)::int AS n
  FROM status_periods sp
  JOIN items i ON i.id = sp.item_id
  WHERE sp.during @> $4::timestamptz
    AND i.merged_into_id IS NULL
    AND ($1::text IS NULL OR i.kind = $1)
    AND ($2::text IS NULL OR i.tags @> ARRAY[$2::text])
    AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM item_actors ia WHERE ia.item_id = i.id AND ia.actor_id = $3))
  GROUP BY sp.status`;

/**
 * The pledges that count, with their number of periods so far. $1 currency (NULL: all).
 * The number of periods begun between start and stop is whole months between them divided by
 * the period length, plus one; none when the pledge starts later.
 */
const PLEDGES = `
  pledges AS (
    SELECT i.id, i.status, trim(i.amount_currency) AS currency, i.amount_value, i.recurrence,
           coalesce(i.period_start, (coalesce(i.origin_at, i.created_at) AT TIME ZONE 'UTC')::date) AS start,
           CASE WHEN i.recurrence IN ('annual', 'quarterly', 'monthly')
                THEN coalesce(i.period_end, (now() AT TIME ZONE 'UTC')::date) END AS stop,
           CASE i.recurrence WHEN 'annual' THEN 12 WHEN 'quarterly' THEN 3 WHEN 'monthly' THEN 1 END AS step_months
    FROM items i
    WHERE i.amount_value IS NOT NULL AND i.merged_into_id IS NULL AND i.status <> 'withdrawn'
      AND ($1::text IS NULL OR i.amount_currency = $1::bpchar)
  ),
  counted AS (
    SELECT p.*, CASE WHEN p.step_months IS NULL THEN 1
                     WHEN p.stop < p.start THEN 0
                     ELSE (extract(year FROM age(p.stop, p.start)) * 12 + extract(month FROM age(p.stop, p.start)))::int / p.step_months + 1
                END AS periods
    FROM pledges p
  ),
  delivered AS (
    SELECT d.item_id, d.progress_period, d.delivered_value
    FROM delivered_latest d JOIN pledges p ON p.id = d.item_id AND trim(d.delivered_currency) = p.currency
  ),
  delivered_per_item AS (
    SELECT d.item_id, sum(d.delivered_value) AS amount FROM delivered d GROUP BY d.item_id
  )`;

/** Pledged and delivered per currency and per status ($2 = 'status'), pledger ($2 = 'pledger') or in all ($2 = NULL). */
export const AMOUNTS = `
  WITH ${PLEDGES},
  keyed AS (
    SELECT c.id, c.currency, c.amount_value * c.periods AS pledged, dpi.amount AS delivered, k.key
    FROM counted c
    LEFT JOIN delivered_per_item dpi ON dpi.item_id = c.id
    CROSS JOIN LATERAL (
      SELECT c.status AS key WHERE $2::text = 'status'
      UNION ALL SELECT NULL WHERE $2::text IS NULL
      UNION ALL SELECT a.name FROM item_actors ia JOIN actors a ON a.id = ia.actor_id
                WHERE $2::text = 'pledger' AND ia.item_id = c.id AND ia.role = 'pledger'
      UNION ALL SELECT NULL WHERE $2::text = 'pledger'
                  AND NOT EXISTS (SELECT 1 FROM item_actors ia WHERE ia.item_id = c.id AND ia.role = 'pledger')
    ) k
  )
  SELECT key, currency, trim_scale(sum(pledged))::text AS pledged, trim_scale(coalesce(sum(delivered), 0))::text AS delivered
  FROM keyed GROUP BY key, currency ORDER BY currency, key NULLS LAST`;

/**
 * Pledged and delivered per calendar year: each period of a pledge counts in the year it
 * begins; delivered counts under the year its progress period names ('2024', '2024-Q3', …).
 */
export const AMOUNTS_BY_PERIOD = `
  WITH ${PLEDGES},
  pledged AS (
    SELECT c.currency, to_char(g.at, 'YYYY') AS key, sum(c.amount_value) AS amount
    FROM counted c
    CROSS JOIN LATERAL generate_series(c.start::timestamp, coalesce(c.stop, c.start)::timestamp,
                                       make_interval(months => coalesce(c.step_months, 1))) g(at)
    GROUP BY 1, 2
  ),
  delivered_by_year AS (
    SELECT p.currency, coalesce(substring(d.progress_period FROM '^\\d{4}'), to_char(p.start, 'YYYY')) AS key, sum(d.delivered_value) AS amount
    FROM delivered d JOIN pledges p ON p.id = d.item_id
    GROUP BY 1, 2
  )
  SELECT key, currency, trim_scale(coalesce(pl.amount, 0))::text AS pledged, trim_scale(coalesce(dl.amount, 0))::text AS delivered
  FROM pledged pl FULL JOIN delivered_by_year dl USING (currency, key)
  ORDER BY currency, key`;

/** Updates and status changes per period, zeros included. $1 interval, $2 from, $3 to. */
export const ACTIVITY = `
  WITH buckets AS (
    SELECT generate_series(date_trunc($1, $2::timestamptz AT TIME ZONE 'UTC'), ($3::timestamptz AT TIME ZONE 'UTC') - interval '1 microsecond',
                           ('1 ' || $1)::interval) AS period
  ),
  counts AS (
    SELECT date_trunc($1, u.effective_at AT TIME ZONE 'UTC') AS period, count(*)::int AS updates,
           (count(*) FILTER (WHERE u.status IS NOT NULL))::int AS status_changes
    FROM updates u
    WHERE u.retracted_at IS NULL AND u.effective_at >= $2::timestamptz AND u.effective_at < $3::timestamptz
    GROUP BY 1
  )
  SELECT to_char(b.period, 'YYYY-MM-DD') AS period, coalesce(c.updates, 0) AS updates, coalesce(c.status_changes, 0) AS "statusChanges"
  FROM buckets b LEFT JOIN counts c USING (period)
  ORDER BY b.period`;

/** Follow-ups by state and due date, now. */
export const FOLLOW_UP_COUNTS = `
  SELECT (count(*) FILTER (WHERE f.state = 'scheduled'))::int AS scheduled,
         (count(*) FILTER (WHERE f.state IN ('scheduled', 'notified') AND f.due_at < now()))::int AS overdue,
         (count(*) FILTER (WHERE f.state = 'scheduled' AND f.due_at >= now() AND f.due_at < now() + interval '7 days'))::int AS "dueNext7Days",
         (count(*) FILTER (WHERE f.state = 'notified'))::int AS notified,
         (count(*) FILTER (WHERE f.state = 'done'))::int AS done
  FROM follow_ups f
  WHERE f.state IN ('scheduled', 'notified', 'done')`;
