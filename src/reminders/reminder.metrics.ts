import { Counter, Gauge } from 'prom-client';
import { once } from '../metrics/metrics';

/** Scheduler counters, on prom-client's default registry (served at /metrics). */
export const remindersDue = once(
  'pledgewatch_reminders_due_total',
  () =>
    new Counter({
      name: 'pledgewatch_reminders_due_total',
      help: 'Follow-ups that came due and became one follow_up.due event each',
    }),
);

export const schedulerLastRun = once(
  'pledgewatch_reminder_scheduler_last_run_timestamp_seconds',
  () =>
    new Gauge({
      name: 'pledgewatch_reminder_scheduler_last_run_timestamp_seconds',
      help: 'When this process last completed a scheduler pass (alert when it stops moving)',
    }),
);
