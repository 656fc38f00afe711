import { Counter } from 'prom-client';
import { once } from '../metrics/metrics';

/** Delivery counters, on prom-client's default registry (served at /metrics). */
export const remindersSent = once(
  'pledgewatch_reminders_sent_total',
  () =>
    new Counter({
      name: 'pledgewatch_reminders_sent_total',
      help: 'follow_up.due webhook deliveries a receiver accepted (2xx)',
    }),
);

const byEvent = { labelNames: ['event'] as const };

export const deliveriesSent = once(
  'pledgewatch_webhook_deliveries_sent_total',
  () =>
    new Counter({
      name: 'pledgewatch_webhook_deliveries_sent_total',
      help: 'Webhook deliveries accepted by the receiver (2xx), by event type',
      ...byEvent,
    }),
);

export const deliveriesRetried = once(
  'pledgewatch_webhook_deliveries_retried_total',
  () =>
    new Counter({
      name: 'pledgewatch_webhook_deliveries_retried_total',
      help: 'Failed delivery attempts that were scheduled for a retry, by event type',
      ...byEvent,
    }),
);

export const deliveriesFailed = once(
  'pledgewatch_webhook_deliveries_failed_total',
  () =>
    new Counter({
      name: 'pledgewatch_webhook_deliveries_failed_total',
      help: 'Webhook deliveries given up (attempts exhausted or 410 Gone), by event type',
      ...byEvent,
    }),
);
