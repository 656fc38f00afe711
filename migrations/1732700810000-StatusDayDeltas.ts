import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `GET /v1/stats/status?asOf=T` without scanning every status interval. An interval counts at T
 * when it began at or before T and had not ended by T, so the count of a (kind, status) at T is
 * (intervals begun by T) − (intervals ended by T). `status_day_deltas` holds those +1/−1 per UTC
 * day: the days before T's day are summed from it (a few rows per day), and T's own day is
 * counted exactly from status_periods through the indexes on the interval bounds.
 *
 * Triggers keep it in the writer's transaction: on status_periods (transition tables, one upsert
 * per statement) and on items when `merged_into_id` changes (merged items are not counted). The
 * writers take one transaction-scoped advisory lock before upserting, so they can never deadlock
 * on these shared rows: status changes are serialized from that point to their commit. Updates
 * that leave the intervals as they were (a note, progress) write no interval and take no lock.
 * Bulk loads that bypass triggers must run STATUS_DAY_DELTAS_REBUILD.
 */
export const STATUS_DAY_DELTAS_REBUILD = `
  DELETE FROM status_day_deltas;
  INSERT INTO status_day_deltas (day, kind, status, n)
  SELECT d.day, i.kind, sp.status, sum(d.sign)
  FROM status_periods sp JOIN items i ON i.id = sp.item_id AND i.merged_into_id IS NULL
  CROSS JOIN LATERAL pw_interval_bounds(sp.during) d
  GROUP BY 1, 2, 3 HAVING sum(d.sign) <> 0`;

export class StatusDayDeltas1732700810000 implements MigrationInterface {
  name = 'StatusDayDeltas1732700810000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE status_day_deltas (
      day date NOT NULL,
      kind text NOT NULL,
      status text NOT NULL,
      n bigint NOT NULL,
      CONSTRAINT status_day_deltas_pkey PRIMARY KEY (day, kind, status))`);
    await q.query(`CREATE INDEX status_periods_lower ON status_periods (lower(during))`);
    await q.query(`CREATE INDEX status_periods_upper ON status_periods (upper(during))`);
    // +1 on the UTC day an interval begins, −1 on the day it ends (none while it is open).
    await q.query(`CREATE FUNCTION pw_interval_bounds(during tstzrange) RETURNS TABLE (day date, sign int)
      LANGUAGE sql IMMUTABLE AS $$
        SELECT (lower(during) AT TIME ZONE 'UTC')::date, 1
        UNION ALL SELECT (upper(during) AT TIME ZONE 'UTC')::date, -1 WHERE NOT upper_inf(during) $$`);
    await q.query(`CREATE FUNCTION pw_add_status_deltas(changes jsonb) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF jsonb_array_length(changes) = 0 THEN RETURN; END IF;
        PERFORM pg_advisory_xact_lock(hashtext('status_day_deltas'));
        INSERT INTO status_day_deltas AS d (day, kind, status, n)
        SELECT c.day, c.kind, c.status, c.n FROM jsonb_to_recordset(changes) AS c(day date, kind text, status text, n bigint)
        ORDER BY 1, 2, 3
        ON CONFLICT (day, kind, status) DO UPDATE SET n = d.n + EXCLUDED.n;
      END $$`);
    // plpgsql plans a statement when it first runs it, so each branch names only its own transition table.
    await q.query(`CREATE FUNCTION pw_status_period_deltas() RETURNS trigger LANGUAGE plpgsql AS $$
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
      END $$`);
    for (const op of ['INSERT', 'DELETE', 'UPDATE']) {
      const tables =
        op === 'INSERT'
          ? 'NEW TABLE AS new_rows'
          : op === 'DELETE'
            ? 'OLD TABLE AS old_rows'
            : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
      await q.query(`CREATE TRIGGER status_periods_deltas_${op.toLowerCase()} AFTER ${op} ON status_periods
        REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION pw_status_period_deltas()`);
    }
    await q.query(`CREATE FUNCTION pw_merge_status_deltas() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE changes jsonb;
      BEGIN
        SELECT coalesce(jsonb_agg(jsonb_build_object('day', x.day, 'kind', NEW.kind, 'status', x.status, 'n', x.n)), '[]')
        INTO changes
        FROM (SELECT b.day, sp.status, sum(b.sign) * CASE WHEN NEW.merged_into_id IS NULL THEN 1 ELSE -1 END AS n
              FROM status_periods sp CROSS JOIN LATERAL pw_interval_bounds(sp.during) b
              WHERE sp.item_id = NEW.id GROUP BY 1, 2 HAVING sum(b.sign) <> 0) x;
        PERFORM pw_add_status_deltas(changes);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER items_merge_status_deltas AFTER UPDATE OF merged_into_id ON items FOR EACH ROW
      WHEN ((OLD.merged_into_id IS NULL) <> (NEW.merged_into_id IS NULL))
      EXECUTE FUNCTION pw_merge_status_deltas()`);
    await q.query(STATUS_DAY_DELTAS_REBUILD);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER items_merge_status_deltas ON items`);
    for (const op of ['insert', 'delete', 'update'])
      await q.query(`DROP TRIGGER status_periods_deltas_${op} ON status_periods`);
    await q.query(
      `DROP FUNCTION pw_merge_status_deltas(), pw_status_period_deltas(), pw_add_status_deltas(jsonb)`,
    );
    await q.query(`DROP FUNCTION pw_interval_bounds(tstzrange)`);
    await q.query(`DROP INDEX status_periods_upper`);
    await q.query(`DROP INDEX status_periods_lower`);
    await q.query(`DROP TABLE status_day_deltas`);
  }
}
