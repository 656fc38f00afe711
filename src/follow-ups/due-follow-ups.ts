import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * Turns up to `limit` due follow-ups into `follow_up.due` events, in one statement and so one
 * transaction: rows are locked with SKIP LOCKED (a replica never waits for, or takes, a row
 * another replica holds), flipped from scheduled to notified, audited, and written to the
 * outbox. A follow-up leaves `scheduled` exactly when its event exists, so however many
 * replicas run this, and whichever of them crashes, each due follow-up yields one event.
 * Returns how many it turned. The audit row and the `follow_up.due` payload (EventPayloads) are
 * built in this statement, so the whole batch is one round trip.
 */
@Injectable()
export class DueFollowUps {
  async notify(m: EntityManager, limit: number): Promise<number> {
    const rows: { id: string }[] = await m.query(
      `WITH due AS (
       SELECT id FROM follow_ups WHERE state = 'scheduled' AND due_at <= now()
        ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED
     ), notified AS (
       UPDATE follow_ups f SET state = 'notified', notified_at = now(), updated_at = now()
         FROM due WHERE f.id = due.id
       RETURNING f.id, f.item_id, f.due_at, f.note, f.assignee, f.repeat_every, f.automatic
     ), audited AS (
       INSERT INTO audit_log (actor, action, entity_type, entity_id, change)
       SELECT 'scheduler', 'notify', 'follow_up', n.id, '{}'::jsonb FROM notified n
     )
     INSERT INTO events (type, data)
     SELECT 'follow_up.due', jsonb_build_object(
              'followUpId', n.id, 'itemId', n.item_id, 'itemTitle', i.title,
              'dueAt', to_char(n.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'note', n.note, 'assignee', n.assignee, 'repeatEvery', n.repeat_every, 'automatic', n.automatic)
       FROM notified n JOIN items i ON i.id = n.item_id
     RETURNING id`,
      [limit],
    );
    return rows.length;
  }
}
