import { Keyset } from '../common/keyset';
import { PageQuery } from '../common/pagination';

/** One way a follow-up's reminder went out: a mail to its assignee or a webhook call. */
export interface ReminderDeliveryView {
  id: string;
  channel: 'email' | 'webhook';
  /** The address mailed, or the webhook's URL. */
  target: string;
  eventId: string;
  state: 'pending' | 'delivered' | 'failed' | 'skipped';
  /** Why a mail was not sent (a mail budget, or a domain outside MAIL_ALLOWED_DOMAINS); null otherwise. */
  skippedReason: string | null;
  attemptCount: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  /** `responseCode` is the SMTP reply code of a mail attempt, `statusCode` the HTTP status of a webhook attempt. */
  attempts: {
    attempt: number;
    at: string;
    durationMs: number;
    responseCode?: number | null;
    statusCode?: number | null;
    error: string | null;
  }[];
}

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Newest first. */
export const DELIVERIES_ORDER = new Keyset(
  [
    { sql: 'created_at', type: 'timestamptz' },
    { sql: 'id', type: 'uuid' },
  ],
  'DESC',
);

/**
 * The statement of every delivery of a follow-up's follow_up.due events (one per time it came
 * due), mails and webhooks together, newest first, each with all its attempts; keyset-paged on
 * (createdAt, id), one row more than the page. MailDeliveriesRepository runs it.
 */
export function followUpDeliveriesQuery(
  followUpId: string,
  query: PageQuery,
): { sql: string; params: unknown[] } {
  const after = DELIVERIES_ORDER.decode(query.cursor);
  const params: unknown[] = [followUpId, query.limit + 1];
  const bind = (value: string) => `$${params.push(value)}`;
  const sql = `SELECT id, channel, target, "eventId", state, "skippedReason", "attemptCount", ${iso('next_at')} AS "nextAttemptAt",
            ${iso('delivered_at')} AS "deliveredAt", ${iso('created_at')} AS "createdAt",
            ${DELIVERIES_ORDER.selectKeys()}, attempts
       FROM (
         SELECT d.id, 'email' AS channel, d.recipient AS target, d.event_id AS "eventId", d.state,
                CASE WHEN d.state = 'skipped' THEN d.last_error END AS "skippedReason", d.attempts AS "attemptCount", d.next_attempt_at AS next_at, d.delivered_at, d.created_at,
                coalesce((SELECT json_agg(json_build_object('attempt', a.attempt, 'at', ${iso('a.started_at')},
                           'durationMs', a.duration_ms, 'responseCode', a.response_code, 'error', a.error) ORDER BY a.attempt, a.id)
                          FROM mail_attempts a WHERE a.delivery_id = d.id), '[]') AS attempts
           FROM mail_deliveries d WHERE d.follow_up_id = $1
         UNION ALL
         SELECT d.id, 'webhook', w.url, d.event_id, d.state, NULL, d.attempts, d.next_attempt_at, d.delivered_at, d.created_at,
                coalesce((SELECT json_agg(json_build_object('attempt', a.attempt, 'at', ${iso('a.started_at')},
                           'durationMs', a.duration_ms, 'statusCode', a.status_code, 'error', a.error) ORDER BY a.attempt, a.id)
                          FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]')
           FROM events e
           JOIN webhook_deliveries d ON d.event_id = e.id
           JOIN webhooks w ON w.id = d.webhook_id
          WHERE e.type = 'follow_up.due' AND (e.data->>'followUpId')::uuid = $1
       ) deliveries
      ${after ? `WHERE ${DELIVERIES_ORDER.after(after, bind)}` : ''}
      ORDER BY ${DELIVERIES_ORDER.orderBy()} LIMIT $2`;
  return { sql, params };
}
