import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook deliveries are claimed straight from their table (issue #29): each claim takes the
 * pending deliveries whose next attempt is due, soonest first, so that walk is an index scan over
 * the pending ones only, however many delivered rows the table keeps.
 */
export class DeliveryClaimIndex1732704600000 implements MigrationInterface {
  name = 'DeliveryClaimIndex1732704600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX webhook_deliveries_due`);
  }
}
