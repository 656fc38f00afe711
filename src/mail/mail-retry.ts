import { retryDelayMs, RetrySettings } from '../webhooks/retry-policy';

/** What an SMTP send ended with: accepted or an error, each with the server's reply code when it gave one. */
export type MailOutcome =
  { messageId: string; responseCode: number | null } | { error: string; responseCode: number | null };

/** The reply code that starts the server's last answer ("250 2.0.0 Ok: queued as …"); null when there is none. */
export function replyCode(response: string | undefined): number | null {
  const match = /^([2-5]\d\d)\b/.exec(response ?? '');
  return match ? Number(match[1]) : null;
}

export type MailDecision =
  { kind: 'delivered' } | { kind: 'retry'; delayMs: number } | { kind: 'failed'; reason: string };

/**
 * A 5xx reply is the server saying no for good (no such mailbox, relaying denied): trying again
 * changes nothing. A 4xx reply (greylisting, "try again later") or no reply at all (connection
 * refused, timeout) is retried with the webhooks' backoff until the attempts run out.
 */
export function decideMail(
  outcome: MailOutcome,
  attempt: number,
  settings: RetrySettings,
  random?: () => number,
): MailDecision {
  if ('messageId' in outcome) return { kind: 'delivered' };
  if (outcome.responseCode !== null && outcome.responseCode >= 500)
    return { kind: 'failed', reason: `refused for good: ${outcome.error}` };
  if (attempt >= settings.maxAttempts)
    return { kind: 'failed', reason: `gave up after ${attempt} attempts (last: ${outcome.error})` };
  return { kind: 'retry', delayMs: retryDelayMs(attempt, settings.baseMs, random) };
}
