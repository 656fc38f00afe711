import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Items recorded by mistake can be discarded (issue #24): `discarded_at` / `discarded_by` say when
 * and by whom, and a discarded item points at itself (`merged_into_id = id`). Every reader and
 * trigger already leaves items with a merge pointer out — lists, search, stats and their kept
 * tables, money totals, similar, exports — so a discard needs no second flag for them to check.
 * The constraint keeps the two in step; a restore clears all three.
 */
export class DiscardedItems1732703400000 implements MigrationInterface {
  name = 'DiscardedItems1732703400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE items ADD COLUMN discarded_at timestamptz, ADD COLUMN discarded_by text`);
    await q.query(
      `ALTER TABLE items ADD CONSTRAINT items_discarded_points_at_itself
         CHECK ((discarded_at IS NOT NULL) = (merged_into_id IS NOT NULL AND merged_into_id = id)
                AND (discarded_at IS NULL) = (discarded_by IS NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE items DROP CONSTRAINT items_discarded_points_at_itself`);
    // Without the columns a self-pointer would read as a merge into itself: discarded items come back.
    await q.query(`UPDATE items SET merged_into_id = NULL WHERE merged_into_id = id`);
    await q.query(`ALTER TABLE items DROP COLUMN discarded_by, DROP COLUMN discarded_at`);
  }
}
