import { mailDomainAllowed } from '../common/mail-domains';

/** A follow_up.due event whose assignee is an address: a mail, if the budgets allow it. */
export interface MailCandidate {
  eventId: string;
  followUpId: string;
  recipient: string;
  /** The API key (name) whose follow-up asks for the mail; null when that is unknown. */
  requestedBy: string | null;
}

export interface MailLimits {
  perRecipientPerHour: number;
  perKeyPerHour: number;
  /** Lower-case domains; empty: any. */
  allowedDomains: readonly string[];
}

/** Mails not skipped in the last hour, by lower-case recipient and by requesting key. */
export interface RecentMails {
  byRecipient: Map<string, number>;
  byKey: Map<string, number>;
}

export type BudgetedMail = MailCandidate & { skipped: string | null };

/**
 * In order, each mail within every budget is sent and counts against its recipient's and its
 * key's budget; any other is skipped, with the reason. The follow-up's other channels (webhooks,
 * calendars, Atom) are not affected: only the mail is skipped.
 */
export function budgetMails(
  candidates: MailCandidate[],
  recent: RecentMails,
  limits: MailLimits,
): BudgetedMail[] {
  const byRecipient = new Map(recent.byRecipient);
  const byKey = new Map(recent.byKey);
  return candidates.map((mail) => {
    const recipient = mail.recipient.toLowerCase();
    const key = mail.requestedBy;
    const skipped = !mailDomainAllowed(recipient, limits.allowedDomains)
      ? "the address's domain is not in MAIL_ALLOWED_DOMAINS"
      : (byRecipient.get(recipient) ?? 0) >= limits.perRecipientPerHour
        ? `MAIL_PER_RECIPIENT_PER_HOUR: ${limits.perRecipientPerHour} mails to this address in the last hour`
        : key !== null && (byKey.get(key) ?? 0) >= limits.perKeyPerHour
          ? `MAIL_PER_KEY_PER_HOUR: ${limits.perKeyPerHour} mails for this key's follow-ups in the last hour`
          : null;
    if (skipped === null) {
      byRecipient.set(recipient, (byRecipient.get(recipient) ?? 0) + 1);
      if (key !== null) byKey.set(key, (byKey.get(key) ?? 0) + 1);
    }
    return { ...mail, skipped };
  });
}
