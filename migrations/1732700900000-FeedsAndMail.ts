import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders beyond webhooks: secret feed tokens (calendar and Atom subscriptions, stored hashed),
 * a SEQUENCE per follow-up for calendars (bumped when a follow-up moves or ends), and mail
 * deliveries with their attempts (one delivery per follow_up.due event, like webhook deliveries).
 */
export class FeedsAndMail1732700900000 implements MigrationInterface {
  name = 'FeedsAndMail1732700900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE follow_ups ADD COLUMN sequence integer NOT NULL DEFAULT 0,
      ADD CONSTRAINT follow_ups_sequence_nonnegative CHECK (sequence >= 0)`);
    await q.query(`CREATE TABLE feeds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL,
      token_hash text NOT NULL,
      token_prefix text NOT NULL,
      assignee text,
      tag text,
      item_id uuid,
      actor_id uuid,
      item_kind text,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      CONSTRAINT feeds_kind_known CHECK (kind IN ('follow-ups', 'changes')),
      CONSTRAINT feeds_item_kind_known CHECK (item_kind IS NULL OR item_kind IN ('claim', 'commitment')),
      CONSTRAINT feeds_token_hash_unique UNIQUE (token_hash),
      CONSTRAINT feeds_item_fk FOREIGN KEY (item_id) REFERENCES items(id) ON DELETE CASCADE,
      CONSTRAINT feeds_actor_fk FOREIGN KEY (actor_id) REFERENCES actors(id) ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX feeds_list ON feeds (created_at DESC, id DESC)`);

    await q.query(`CREATE TABLE mail_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL,
      follow_up_id uuid NOT NULL,
      recipient text NOT NULL,
      state text NOT NULL DEFAULT 'pending',
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      last_error text,
      message_id text,
      delivered_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT mail_deliveries_state_known CHECK (state IN ('pending', 'delivered', 'failed')),
      CONSTRAINT mail_deliveries_attempts_nonnegative CHECK (attempts >= 0),
      CONSTRAINT mail_deliveries_one_per_event UNIQUE (event_id),
      CONSTRAINT mail_deliveries_event_fk FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE,
      CONSTRAINT mail_deliveries_follow_up_fk FOREIGN KEY (follow_up_id) REFERENCES follow_ups(id) ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX mail_deliveries_follow_up ON mail_deliveries (follow_up_id, created_at)`);
    await q.query(`CREATE TABLE mail_attempts (
      id bigserial PRIMARY KEY,
      delivery_id uuid NOT NULL,
      attempt integer NOT NULL,
      started_at timestamptz NOT NULL,
      duration_ms integer NOT NULL,
      response_code integer,
      error text,
      CONSTRAINT mail_attempts_attempt_positive CHECK (attempt >= 1),
      CONSTRAINT mail_attempts_delivery_fk FOREIGN KEY (delivery_id) REFERENCES mail_deliveries(id) ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX mail_attempts_delivery ON mail_attempts (delivery_id, attempt)`);

    // A follow-up's webhook deliveries are found through its follow_up.due events.
    await q.query(
      `CREATE INDEX events_follow_up_due ON events (((data->>'followUpId')::uuid)) WHERE type = 'follow_up.due'`,
    );
    // The Atom feed walks item events newest first.
    await q.query(
      `CREATE INDEX events_item_changes ON events (seq DESC) WHERE type IN ('item.created', 'item.status_changed')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX events_item_changes`);
    await q.query(`DROP INDEX events_follow_up_due`);
    await q.query(`DROP TABLE mail_attempts`);
    await q.query(`DROP TABLE mail_deliveries`);
    await q.query(`DROP TABLE feeds`);
    await q.query(
      `ALTER TABLE follow_ups DROP CONSTRAINT follow_ups_sequence_nonnegative, DROP COLUMN sequence`,
    );
  }
}
