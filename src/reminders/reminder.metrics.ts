import { Counter, Gauge } from 'prom-client';
import { once } from '../metrics/metrics';

/** Scheduler and delivery counters, on prom-client's default registry (served at /metrics). */
export const remindersDue = once(
  'reminders_due_total',
  () =>
    new Counter({
      name: 'reminders_due_total',
      help: 'Follow-ups that came due and became one follow_up.due event each',
    }),
);

export const remindersSent = once(
  'reminders_sent_total',
  () =>
    new Counter({
      name: 'reminders_sent_total',
      help: 'follow_up.due webhook deliveries a receiver accepted (2xx)',
    }),
);

export const schedulerLastRun = once(
  'reminder_scheduler_last_run_timestamp_seconds',
  () =>
    new Gauge({
      name: 'reminder_scheduler_last_run_timestamp_seconds',
      help: 'When this process last completed a scheduler pass (alert when it stops moving)',
    }),
);

const byEvent = { labelNames: ['event'] as const };

export const deliveriesSent = once(
  'webhook_deliveries_sent_total',
  () =>
    new Counter({
      name: 'webhook_deliveries_sent_total',
      help: 'Webhook deliveries accepted by the receiver (2xx), by event type',
      ...byEvent,
    }),
);

export const deliveriesRetried = once(
  'webhook_deliveries_retried_total',
  () =>
    new Counter({
      name: 'webhook_deliveries_retried_total',
      help: 'Failed delivery attempts that were scheduled for a retry, by event type',
      ...byEvent,
    }),
);

export const deliveriesFailed = once(
  'webhook_deliveries_failed_total',
  () =>
    new Counter({
      name: 'webhook_deliveries_failed_total',
      help: 'Webhook deliveries given up (attempts exhausted or 410 Gone), by event type',
      ...byEvent,
    }),
);
