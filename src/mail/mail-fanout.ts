import { EntityManager } from 'typeorm';
import { isMailableAssignee } from './reminder-mail';

/**
 * Inside the outbox dispatcher's transaction: each follow_up.due event among `eventIds` whose
 * assignee is an email address gets one mail delivery (unique per event, so a second dispatch
 * of the same event adds none). Returns the new deliveries, whose first attempts the caller
 * queues in the same transaction.
 */
export async function fanOutMail(m: EntityManager, eventIds: string[]): Promise<string[]> {
  if (eventIds.length === 0) return [];
  const due: { id: string; followUpId: string; assignee: string | null }[] = await m.query(
    `SELECT id, data->>'followUpId' AS "followUpId", data->>'assignee' AS assignee
       FROM events WHERE id = ANY ($1::uuid[]) AND type = 'follow_up.due'`,
    [eventIds],
  );
  const mailable = due.filter((d) => isMailableAssignee(d.assignee));
  if (mailable.length === 0) return [];
  const rows: { id: string }[] = await m.query(
    `INSERT INTO mail_deliveries (event_id, follow_up_id, recipient, next_attempt_at)
     SELECT event_id, follow_up_id, recipient, now()
       FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS v(event_id, follow_up_id, recipient)
     ON CONFLICT (event_id) DO NOTHING RETURNING id`,
    [mailable.map((d) => d.id), mailable.map((d) => d.followUpId), mailable.map((d) => d.assignee)],
  );
  return rows.map((r) => r.id);
}
