import { Counter } from 'prom-client';
import { once } from '../metrics/metrics';

/** Reminder mail counters, on prom-client's default registry (served at /metrics). */
export const mailsSent = once(
  'pledgewatch_reminder_mails_sent_total',
  () =>
    new Counter({
      name: 'pledgewatch_reminder_mails_sent_total',
      help: 'Reminder mails the SMTP server accepted',
    }),
);

export const mailsRetried = once(
  'pledgewatch_reminder_mails_retried_total',
  () =>
    new Counter({
      name: 'pledgewatch_reminder_mails_retried_total',
      help: 'Failed reminder mail attempts that were scheduled for a retry',
    }),
);

export const mailsFailed = once(
  'pledgewatch_reminder_mails_failed_total',
  () =>
    new Counter({
      name: 'pledgewatch_reminder_mails_failed_total',
      help: 'Reminder mails given up (refused for good, or attempts exhausted)',
    }),
);
