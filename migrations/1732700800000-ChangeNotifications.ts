import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose writes change what item, list and stats responses show. */
export const COUNTED_TABLES = ['items', 'updates', 'citations', 'item_actors', 'actors'];

/**
 * What replicas hear of, through PostgreSQL LISTEN/NOTIFY (delivered on commit):
 *  - `pw_api_keys`: a key was updated (revoked) or deleted; the payload is its hash, so every
 *    replica drops it from its authentication cache.
 *  - `pw_changes`: a write to one of COUNTED_TABLES committed. Each such statement also bumps
 *    `change_counters`, whose sum is the ETag of lists and stats: a conditional GET compares it
 *    without running the query. The counter is spread over 16 slots (by backend) so concurrent
 *    writers rarely wait on one row; a transaction only ever locks its own slot.
 */
export class ChangeNotifications1732700800000 implements MigrationInterface {
  name = 'ChangeNotifications1732700800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION pw_notify_api_key() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('pw_api_keys', OLD.key_hash); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER api_keys_notify AFTER UPDATE OR DELETE ON api_keys
      FOR EACH ROW EXECUTE FUNCTION pw_notify_api_key()`);
    await q.query(`CREATE TABLE change_counters (
      slot smallint CONSTRAINT change_counters_pkey PRIMARY KEY,
      n bigint NOT NULL DEFAULT 0)`);
    await q.query(`INSERT INTO change_counters (slot) SELECT generate_series(0, 15)`);
    await q.query(`CREATE FUNCTION pw_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE change_counters SET n = n + 1 WHERE slot = pg_backend_pid() % 16;
        PERFORM pg_notify('pw_changes', '');
        RETURN NULL;
      END $$`);
    for (const table of COUNTED_TABLES)
      await q.query(`CREATE TRIGGER ${table}_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION pw_count_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of COUNTED_TABLES) await q.query(`DROP TRIGGER ${table}_count_change ON ${table}`);
    await q.query(`DROP FUNCTION pw_count_change()`);
    await q.query(`DROP TABLE change_counters`);
    await q.query(`DROP TRIGGER api_keys_notify ON api_keys`);
    await q.query(`DROP FUNCTION pw_notify_api_key()`);
  }
}
