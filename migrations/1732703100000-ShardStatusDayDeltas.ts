import { MigrationInterface, QueryRunner } from 'typeorm';
import { createFunction } from '../src/database/functions';
import { pwAddStatusDeltas } from '../src/database/functions/status-deltas';

/**
 * `status_day_deltas` sharded by the database session (issue 29): every status change took one
 * advisory lock and upserted rows shared by all writers (a day's +1 for `proposed`), both held to
 * its commit, so concurrent creates committed one at a time. Each session now writes its own
 * shard (`pg_backend_pid() % 16`) under its shard's lock; existing rows are shard 0, and readers
 * already sum over rows.
 */
export class ShardStatusDayDeltas1732703100000 implements MigrationInterface {
  name = 'ShardStatusDayDeltas1732703100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE status_day_deltas ADD COLUMN shard smallint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE status_day_deltas DROP CONSTRAINT status_day_deltas_pkey,
      ADD CONSTRAINT status_day_deltas_pkey PRIMARY KEY (day, kind, status, shard)`);
    await q.query(createFunction(pwAddStatusDeltas));
  }

  async down(q: QueryRunner): Promise<void> {
    // The shards folded back into one row per (day, kind, status).
    await q.query(`WITH folded AS (DELETE FROM status_day_deltas WHERE shard <> 0 RETURNING day, kind, status, n)
      INSERT INTO status_day_deltas AS d (day, kind, status, shard, n)
      SELECT day, kind, status, 0, sum(n) FROM folded GROUP BY 1, 2, 3
      ON CONFLICT (day, kind, status, shard) DO UPDATE SET n = d.n + EXCLUDED.n`);
    await q.query(`ALTER TABLE status_day_deltas DROP CONSTRAINT status_day_deltas_pkey,
      ADD CONSTRAINT status_day_deltas_pkey PRIMARY KEY (day, kind, status)`);
    await q.query(`ALTER TABLE status_day_deltas DROP COLUMN shard`);
    await q.query(`CREATE OR REPLACE FUNCTION pw_add_status_deltas(changes jsonb) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF jsonb_array_length(changes) = 0 THEN RETURN; END IF;
        PERFORM pg_advisory_xact_lock(hashtext('status_day_deltas'));
        INSERT INTO status_day_deltas AS d (day, kind, status, n)
        SELECT c.day, c.kind, c.status, c.n FROM jsonb_to_recordset(changes) AS c(day date, kind text, status text, n bigint)
        ORDER BY 1, 2, 3
        ON CONFLICT (day, kind, status) DO UPDATE SET n = d.n + EXCLUDED.n;
      END $$`);
  }
}
