import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Writes to follow_ups bump the change counter too (see ChangeNotifications): calendar feeds,
 * the follow-up stats and an item's `nextFollowUp` depend on them, so their ETags must move when
 * a follow-up is created, snoozed, completed, cancelled or notified.
 */
export class FollowUpsCountChanges1732701400000 implements MigrationInterface {
  name = 'FollowUpsCountChanges1732701400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TRIGGER follow_ups_count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON follow_ups
      FOR EACH STATEMENT EXECUTE FUNCTION pw_count_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER follow_ups_count_change ON follow_ups`);
  }
}
