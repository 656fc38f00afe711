import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One writer of the money totals at a time. A transaction may refresh one item's money several
 * times (the item, then its pledgers, then its citations' origin date), each time locking total
 * rows in key order; across calls the order is no longer global, so two such transactions could
 * deadlock. They mostly share total rows anyway (the per-currency and per-status rows), so a
 * transaction-scoped advisory lock taken at the first refresh costs little and rules that out.
 */
export class MoneyTotalsLock1732701500000 implements MigrationInterface {
  name = 'MoneyTotalsLock1732701500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION pw_refresh_money(uuid) RENAME TO pw_refresh_money_unlocked`);
    await q.query(`CREATE FUNCTION pw_refresh_money(p uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('pw_refresh_money'));
        PERFORM pw_refresh_money_unlocked(p);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION pw_refresh_money(uuid)`);
    await q.query(`ALTER FUNCTION pw_refresh_money_unlocked(uuid) RENAME TO pw_refresh_money`);
  }
}
