import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminder mail budgets (issue #22, finding 7): a mail over `MAIL_PER_RECIPIENT_PER_HOUR` or
 * `MAIL_PER_KEY_PER_HOUR`, or to a domain outside `MAIL_ALLOWED_DOMAINS`, is recorded as
 * `skipped` (with the reason in `last_error`) instead of being sent. `requested_by` is the API key
 * (name) whose follow-up asked for the mail; the two indexes count one recipient's and one key's
 * mails of the last hour.
 */
export class MailBudgets1732702700000 implements MigrationInterface {
  name = 'MailBudgets1732702700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mail_deliveries ADD COLUMN requested_by text`);
    await q.query(`ALTER TABLE mail_deliveries DROP CONSTRAINT mail_deliveries_state_known`);
    await q.query(
      `ALTER TABLE mail_deliveries ADD CONSTRAINT mail_deliveries_state_known
         CHECK (state IN ('pending', 'delivered', 'failed', 'skipped'))`,
    );
    await q.query(
      `CREATE INDEX mail_deliveries_recipient_recent ON mail_deliveries (lower(recipient), created_at)`,
    );
    await q.query(
      `CREATE INDEX mail_deliveries_requested_by_recent ON mail_deliveries (requested_by, created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX mail_deliveries_requested_by_recent`);
    await q.query(`DROP INDEX mail_deliveries_recipient_recent`);
    await q.query(`DELETE FROM mail_deliveries WHERE state = 'skipped'`);
    await q.query(`ALTER TABLE mail_deliveries DROP CONSTRAINT mail_deliveries_state_known`);
    await q.query(
      `ALTER TABLE mail_deliveries ADD CONSTRAINT mail_deliveries_state_known
         CHECK (state IN ('pending', 'delivered', 'failed'))`,
    );
    await q.query(`ALTER TABLE mail_deliveries DROP COLUMN requested_by`);
  }
}
