import { MigrationInterface, QueryRunner } from 'typeorm';
import { createFunction } from '../src/database/functions';
import { pwTouchOriginAt } from '../src/database/functions/activity';
import { pwCountChange } from '../src/database/functions/changes';

/**
 * Less trigger work per create (issue 29, docs/performance.md): `pw_touch_origin_at` rewrites
 * the item only when its origin date moves (a create now writes it with the item), and
 * `pw_count_change` bumps the change counter and notifies once per transaction instead of once
 * per counted statement, in a slot no other transaction holds when there is one (two sessions
 * whose `pg_backend_pid() % 16` matched waited on each other's commits).
 */
export class LighterCreateTriggers1732704700000 implements MigrationInterface {
  name = 'LighterCreateTriggers1732704700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(createFunction(pwTouchOriginAt));
    await q.query(createFunction(pwCountChange));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION pw_touch_origin_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE items i SET origin_at = (SELECT min(s.published_at) FROM citations c JOIN sources s ON s.id = c.source_id
                                        WHERE c.item_id = i.id AND c.role = 'origin')
          WHERE i.id IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD.item_id END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.item_id END);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE OR REPLACE FUNCTION pw_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE change_counters SET n = n + 1 WHERE slot = pg_backend_pid() % 16;
        PERFORM pg_notify('pw_changes', '');
        RETURN NULL;
      END $$`);
  }
}
