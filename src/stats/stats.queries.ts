/**
 * Every dashboard query but the amounts (amounts.queries.ts), one per service method, readable
 * top to bottom. Merged items are never counted (their history lives on in the survivor).
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
/** The start of $1's UTC day, written out where it is used so the planner sees the bounds (no CTE). */
const DAY_START = `(date_trunc('day', $1::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;

export const STATUS_COUNTS_AS_OF_DELTAS = `
  SELECT status, sum(n)::int AS n FROM (
    SELECT d.status, d.n FROM status_day_deltas d
    WHERE d.day < ($1::timestamptz AT TIME ZONE 'UTC')::date AND ($2::text IS NULL OR d.kind = $2)
    UNION ALL
    SELECT sp.status,
           (lower(sp.during) BETWEEN ${DAY_START} AND $1::timestamptz)::int
             - coalesce(upper(sp.during) BETWEEN ${DAY_START} AND $1::timestamptz, false)::int
    FROM status_periods sp JOIN items i ON i.id = sp.item_id
    WHERE ((lower(sp.during) >= ${DAY_START} AND lower(sp.during) <= $1::timestamptz)
        OR (upper(sp.during) >= ${DAY_START} AND upper(sp.during) <= $1::timestamptz))
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
