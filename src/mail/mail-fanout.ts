import { EntityManager } from 'typeorm';
import { budgetMails, MailCandidate, MailLimits, RecentMails } from './mail-budget';
import { isMailableAssignee } from './reminder-mail';

/** Mail budgets are counted by one dispatcher at a time, whatever the number of replicas. */
const BUDGET_LOCK = `SELECT pg_advisory_xact_lock(hashtext('pw_mail_budgets'))`;

/**
 * Inside the outbox dispatcher's transaction: each follow_up.due event among `eventIds` whose
 * assignee is an email address gets one mail delivery (unique per event, so a second dispatch
 * of the same event adds none) — `pending`, or `skipped` with the reason when it is over a mail
 * budget or outside the allowed domains. Returns the pending deliveries, whose first attempts
 * the caller queues in the same transaction.
 */
export async function fanOutMail(
  m: EntityManager,
  eventIds: string[],
  limits: MailLimits,
): Promise<string[]> {
  if (eventIds.length === 0) return [];
  const due: (Omit<MailCandidate, 'recipient'> & { assignee: string | null })[] = await m.query(
    `SELECT e.id AS "eventId", e.data->>'followUpId' AS "followUpId", e.data->>'assignee' AS assignee,
            f.created_by AS "requestedBy"
       FROM events e LEFT JOIN follow_ups f ON f.id = (e.data->>'followUpId')::uuid
      WHERE e.id = ANY ($1::uuid[]) AND e.type = 'follow_up.due'
      ORDER BY e.seq`,
    [eventIds],
  );
  const candidates = due.flatMap(({ assignee, ...d }) =>
    isMailableAssignee(assignee) ? [{ ...d, recipient: assignee }] : [],
  );
  if (candidates.length === 0) return [];
  await m.query(BUDGET_LOCK);
  const mails = budgetMails(candidates, await recentMails(m, candidates), limits);
  const column = <T>(pick: (mail: (typeof mails)[number]) => T) => mails.map(pick);
  const rows: { id: string; state: string }[] = await m.query(
    `INSERT INTO mail_deliveries (event_id, follow_up_id, recipient, requested_by, state, last_error, next_attempt_at)
     SELECT event_id, follow_up_id, recipient, requested_by,
            CASE WHEN skipped IS NULL THEN 'pending' ELSE 'skipped' END, skipped,
            CASE WHEN skipped IS NULL THEN now() END
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[])
            AS v(event_id, follow_up_id, recipient, requested_by, skipped)
     ON CONFLICT (event_id) DO NOTHING RETURNING id, state`,
    [
      column((d) => d.eventId),
      column((d) => d.followUpId),
      column((d) => d.recipient),
      column((d) => d.requestedBy),
      column((d) => d.skipped),
    ],
  );
  return rows.filter((r) => r.state === 'pending').map((r) => r.id);
}

/** Mails of the last hour (skipped ones do not count) to these recipients and for these keys. */
async function recentMails(m: EntityManager, candidates: MailCandidate[]): Promise<RecentMails> {
  const count = async (column: string, values: string[]) => {
    const rows: { k: string; n: number }[] = await m.query(
      `SELECT ${column} AS k, count(*)::int AS n FROM mail_deliveries
        WHERE ${column} = ANY ($1::text[]) AND state <> 'skipped' AND created_at > now() - interval '1 hour'
        GROUP BY 1`,
      [values],
    );
    return new Map(rows.map((r) => [r.k, r.n]));
  };
  return {
    byRecipient: await count(
      'lower(recipient)',
      candidates.map((c) => c.recipient.toLowerCase()),
    ),
    byKey: await count(
      'requested_by',
      candidates.flatMap((c) => (c.requestedBy === null ? [] : [c.requestedBy])),
    ),
  };
}
