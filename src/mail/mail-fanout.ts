import { EntityManager } from 'typeorm';
import { budgetMails, MailCandidate, MailLimits, RecentMails } from './mail-budget';
import { MailDeliveriesRepository } from './mail-deliveries.repository';
import { isMailableAssignee } from './reminder-mail';

/**
 * Inside the outbox dispatcher's transaction: each follow_up.due event among `eventIds` whose
 * assignee is an email address gets one mail delivery (unique per event, so a second dispatch
 * of the same event adds none) — `pending`, or `skipped` with the reason when it is over a mail
 * budget or outside the allowed domains. Returns the pending deliveries, whose first attempts
 * the caller queues in the same transaction.
 */
export async function fanOutMail(
  deliveries: MailDeliveriesRepository,
  m: EntityManager,
  eventIds: string[],
  limits: MailLimits,
): Promise<string[]> {
  if (eventIds.length === 0) return [];
  const due = await deliveries.dueEvents(m, eventIds);
  const candidates = due.flatMap(({ assignee, ...d }) =>
    isMailableAssignee(assignee) ? [{ ...d, recipient: assignee }] : [],
  );
  if (candidates.length === 0) return [];
  await deliveries.lockBudgets(m);
  const mails = budgetMails(candidates, await recentMails(deliveries, m, candidates), limits);
  const rows = await deliveries.insertDeliveries(m, mails);
  return rows.filter((r) => r.state === 'pending').map((r) => r.id);
}

/** Mails of the last hour (skipped ones do not count) to these recipients and for these keys. */
async function recentMails(
  deliveries: MailDeliveriesRepository,
  m: EntityManager,
  candidates: MailCandidate[],
): Promise<RecentMails> {
  return {
    byRecipient: await deliveries.recentCounts(
      m,
      'lower(recipient)',
      candidates.map((c) => c.recipient.toLowerCase()),
    ),
    byKey: await deliveries.recentCounts(
      m,
      'requested_by',
      candidates.flatMap((c) => (c.requestedBy === null ? [] : [c.requestedBy])),
    ),
  };
}
