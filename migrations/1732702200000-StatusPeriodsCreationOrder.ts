import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The list `status=X&asOf=T` in creation order without probing items one by one. Each status
 * interval carries its item's creation time (`item_created_at`, immutable in practice; a trigger
 * follows an item whose `created_at` is rewritten), and one GiST index on
 * (status, during, item_created_at) answers "intervals of status X covering T, newest item
 * first" as a nearest-neighbour walk (`ORDER BY item_created_at <-> far instant`) that skips every
 * subtree not covering T and stops after one page. It takes over from the (status, during) index,
 * whose queries it also serves (same leading columns).
 */
export class StatusPeriodsCreationOrder1732702200000 implements MigrationInterface {
  name = 'StatusPeriodsCreationOrder1732702200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE status_periods ADD COLUMN item_created_at timestamptz`);
    // The day-delta trigger would collect every updated interval (3.5 M at 1 M items, past jsonb's
    // 256 MB limit) only to find that none moved: the backfill changes no status or interval.
    await q.query(`ALTER TABLE status_periods DISABLE TRIGGER status_periods_deltas_update`);
    await q.query(
      `UPDATE status_periods sp SET item_created_at = i.created_at FROM items i WHERE i.id = sp.item_id`,
    );
    await q.query(`ALTER TABLE status_periods ENABLE TRIGGER status_periods_deltas_update`);
    // Unnamed: PostgreSQL 15–17 reject a named NOT NULL; 18 names it status_periods_item_created_at_not_null all the same.
    await q.query(`ALTER TABLE status_periods ALTER COLUMN item_created_at SET NOT NULL`);
    await q.query(`CREATE FUNCTION pw_follow_item_created_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE status_periods SET item_created_at = NEW.created_at WHERE item_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER items_created_at_periods AFTER UPDATE OF created_at ON items FOR EACH ROW
      WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at) EXECUTE FUNCTION pw_follow_item_created_at()`);
    await q.query(
      `CREATE INDEX status_periods_status_during_created ON status_periods USING gist (status, during, item_created_at)`,
    );
    await q.query(`DROP INDEX status_periods_status_during`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX status_periods_status_during ON status_periods USING gist (status, during)`);
    await q.query(`DROP INDEX status_periods_status_during_created`);
    await q.query(`DROP TRIGGER items_created_at_periods ON items`);
    await q.query(`DROP FUNCTION pw_follow_item_created_at()`);
    await q.query(`ALTER TABLE status_periods DROP COLUMN item_created_at`);
  }
}
