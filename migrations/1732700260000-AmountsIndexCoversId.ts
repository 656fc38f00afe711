import { MigrationInterface, QueryRunner } from 'typeorm';

/** The amounts index also carries the item id, so /v1/stats/amounts reads the index alone (no heap visits). */
export class AmountsIndexCoversId1732700260000 implements MigrationInterface {
  name = 'AmountsIndexCoversId1732700260000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX items_amounts`);
    await q.query(`CREATE INDEX items_amounts ON items (amount_currency, status)
      INCLUDE (id, amount_value, recurrence, period_start, period_end, origin_at, created_at)
      WHERE amount_value IS NOT NULL AND merged_into_id IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX items_amounts`);
    await q.query(`CREATE INDEX items_amounts ON items (amount_currency, status)
      INCLUDE (amount_value, recurrence, period_start, period_end, origin_at, created_at)
      WHERE amount_value IS NOT NULL AND merged_into_id IS NULL`);
  }
}
