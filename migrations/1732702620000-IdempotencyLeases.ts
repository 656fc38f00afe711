import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An Idempotency-Key claim is held by a lease its request renews while it runs (issue 22,
 * finding 1): a claim whose lease ran out belongs to a dead request and may be taken over; a
 * running one never is, however long it takes. `claim_id` names the holder, so a request whose
 * claim was taken over can neither renew, complete nor commit under it. Claims written by a
 * replica that predates leases get the two minutes it would have given them.
 */
export class IdempotencyLeases1732702620000 implements MigrationInterface {
  name = 'IdempotencyLeases1732702620000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys
      ADD COLUMN claim_id uuid NOT NULL DEFAULT gen_random_uuid(),
      ADD COLUMN lease_until timestamptz NOT NULL DEFAULT now() + interval '2 minutes'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN lease_until, DROP COLUMN claim_id`);
  }
}
