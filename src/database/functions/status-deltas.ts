import { declareFunction, declareTrigger, DatabaseTrigger } from './declare';

/**
 * `GET /v1/stats/status?asOf=T` without scanning every status interval. An interval counts at T
 * when it began at or before T and had not ended by T, so the count of a (kind, status) at T is
 * (intervals begun by T) − (intervals ended by T). `status_day_deltas` holds those +1/−1 per UTC
 * day: the days before T's day are summed from it, and T's own day is counted exactly from
 * status_periods through the indexes on the interval bounds.
 *
 * Triggers keep it in the writer's transaction: on status_periods (transition tables, one upsert
 * per statement) and on items when `merged_into_id` changes (merged items are not counted). Rows
 * are sharded by the database session (16 shards, migration ShardStatusDayDeltas; readers sum the
 * shards), and a writer takes its shard's transaction-scoped advisory lock before upserting: two
 * sessions of one shard take turns, so they can never deadlock on its rows, while status changes on
 * other sessions go on in parallel up to their commits. Bulk loads that bypass triggers must run
 * STATUS_DAY_DELTAS_REBUILD (which writes shard 0).
 */
export const STATUS_DAY_DELTAS_REBUILD = `
  DELETE FROM status_day_deltas;
  INSERT INTO status_day_deltas (day, kind, status, n)
  SELECT d.day, i.kind, sp.status, sum(d.sign)
  FROM status_periods sp JOIN items i ON i.id = sp.item_id AND i.merged_into_id IS NULL
  CROSS JOIN LATERAL pw_interval_bounds(sp.during) d
  GROUP BY 1, 2, 3 HAVING sum(d.sign) <> 0`;

/** +1 on the UTC day an interval begins, −1 on the day it ends (none while it is open). */
export const pwIntervalBounds = declareFunction({
  name: 'pw_interval_bounds',
  args: 'during tstzrange',
  returns: 'TABLE (day date, sign int)',
  language: 'sql',
  attributes: 'IMMUTABLE',
  body: `
        SELECT (lower(during) AT TIME ZONE 'UTC')::date, 1
        UNION ALL SELECT (upper(during) AT TIME ZONE 'UTC')::date, -1 WHERE NOT upper_inf(during) `,
});

export const pwAddStatusDeltas = declareFunction({
  name: 'pw_add_status_deltas',
  args: 'changes jsonb',
  returns: 'void',
  language: 'plpgsql',
  body: `
      DECLARE own_shard smallint := pg_backend_pid() % 16;
      BEGIN
        IF jsonb_array_length(changes) = 0 THEN RETURN; END IF;
        PERFORM pg_advisory_xact_lock(hashtext('status_day_deltas'), own_shard);
        INSERT INTO status_day_deltas AS d (day, kind, status, shard, n)
        SELECT c.day, c.kind, c.status, own_shard, c.n FROM jsonb_to_recordset(changes) AS c(day date, kind text, status text, n bigint)
        ORDER BY 1, 2, 3
        ON CONFLICT (day, kind, status, shard) DO UPDATE SET n = d.n + EXCLUDED.n;
      END `,
});

/** plpgsql plans a statement when it first runs it, so each branch names only its own transition table. */
export const pwStatusPeriodDeltas = declareFunction({
  name: 'pw_status_period_deltas',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  body: `
      DECLARE
        moved jsonb := '[]';
        changes jsonb;
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          SELECT moved || coalesce(jsonb_agg(jsonb_build_object('item_id', item_id, 'status', status, 'during', during, 'sign', 1)), '[]')
          INTO moved FROM new_rows;
        END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          SELECT moved || coalesce(jsonb_agg(jsonb_build_object('item_id', item_id, 'status', status, 'during', during, 'sign', -1)), '[]')
          INTO moved FROM old_rows;
        END IF;
        IF jsonb_array_length(moved) = 0 THEN RETURN NULL; END IF;
        SELECT coalesce(jsonb_agg(jsonb_build_object('day', x.day, 'kind', x.kind, 'status', x.status, 'n', x.n)), '[]')
        INTO changes
        FROM (SELECT b.day, i.kind, m.status, sum(m.sign * b.sign) AS n
              FROM jsonb_to_recordset(moved) AS m(item_id uuid, status text, during tstzrange, sign int)
              JOIN items i ON i.id = m.item_id AND i.merged_into_id IS NULL
              CROSS JOIN LATERAL pw_interval_bounds(m.during) b
              GROUP BY 1, 2, 3 HAVING sum(m.sign * b.sign) <> 0) x;
        PERFORM pw_add_status_deltas(changes);
        RETURN NULL;
      END `,
});

export const pwMergeStatusDeltas = declareFunction({
  name: 'pw_merge_status_deltas',
  args: '',
  returns: 'trigger',
  language: 'plpgsql',
  body: `
      DECLARE changes jsonb;
      BEGIN
        SELECT coalesce(jsonb_agg(jsonb_build_object('day', x.day, 'kind', NEW.kind, 'status', x.status, 'n', x.n)), '[]')
        INTO changes
        FROM (SELECT b.day, sp.status, sum(b.sign) * CASE WHEN NEW.merged_into_id IS NULL THEN 1 ELSE -1 END AS n
              FROM status_periods sp CROSS JOIN LATERAL pw_interval_bounds(sp.during) b
              WHERE sp.item_id = NEW.id GROUP BY 1, 2 HAVING sum(b.sign) <> 0) x;
        PERFORM pw_add_status_deltas(changes);
        RETURN NULL;
      END `,
});

export const STATUS_DELTA_FUNCTIONS = [
  pwIntervalBounds,
  pwAddStatusDeltas,
  pwStatusPeriodDeltas,
  pwMergeStatusDeltas,
];

const TRANSITION_TABLES = {
  insert: 'NEW TABLE AS new_rows',
  delete: 'OLD TABLE AS old_rows',
  update: 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
};

export const STATUS_DELTA_TRIGGERS: DatabaseTrigger[] = [
  ...Object.entries(TRANSITION_TABLES).map(([op, referencing]) =>
    declareTrigger({
      name: `status_periods_deltas_${op}`,
      table: 'status_periods',
      timing: `AFTER ${op.toUpperCase()}`,
      referencing,
      each: 'STATEMENT',
      execute: pwStatusPeriodDeltas,
    }),
  ),
  declareTrigger({
    name: 'items_merge_status_deltas',
    table: 'items',
    timing: 'AFTER UPDATE OF merged_into_id',
    each: 'ROW',
    when: '(OLD.merged_into_id IS NULL) <> (NEW.merged_into_id IS NULL)',
    execute: pwMergeStatusDeltas,
  }),
];
