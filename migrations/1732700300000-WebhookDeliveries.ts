import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook deliveries (one per event and subscription, so an event reaches a subscriber once) and
 * their attempts (every try, with its status code or error and its time), plus the indexes the
 * follow-up list and the automatic follow-up lookup need.
 */
export class WebhookDeliveries1732700300000 implements MigrationInterface {
  name = 'WebhookDeliveries1732700300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      webhook_id uuid NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
      event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','delivered','failed')),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      next_attempt_at timestamptz,
      last_status_code integer,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (webhook_id, event_id))`);
    await q.query(
      `CREATE INDEX webhook_deliveries_list ON webhook_deliveries (webhook_id, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE TABLE webhook_attempts (
      id bigserial PRIMARY KEY,
      delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
      attempt integer NOT NULL CHECK (attempt >= 1),
      started_at timestamptz NOT NULL,
      duration_ms integer NOT NULL,
      status_code integer,
      error text)`);
    await q.query(`CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempt)`);
    await q.query(`CREATE INDEX follow_ups_due_id ON follow_ups (due_at, id)`);
    await q.query(`CREATE INDEX follow_ups_automatic ON follow_ups (item_id, created_at) WHERE automatic`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX follow_ups_automatic`);
    await q.query(`DROP INDEX follow_ups_due_id`);
    await q.query(`DROP TABLE webhook_attempts`);
    await q.query(`DROP TABLE webhook_deliveries`);
  }
}
