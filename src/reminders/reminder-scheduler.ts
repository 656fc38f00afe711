import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config';
import { DeliveryQueue } from '../webhooks/delivery-queue';
import { DeliveryWorker } from '../webhooks/delivery-worker';
import { OutboxDispatcher } from '../webhooks/outbox-dispatcher';
import { notifyDueFollowUps } from './due-follow-ups';
import { remindersDue, schedulerLastRun } from './reminder.metrics';

/** Follow-ups turned into events per transaction. */
const BATCH = 1000;

/**
 * The background work of one process, when SCHEDULER_ENABLED: every REMINDER_POLL_MS, turn due
 * follow-ups into events and dispatch the outbox to webhook subscribers; pg-boss workers send
 * the deliveries. Stops (waiting for the pass in progress) when the application closes.
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReminderScheduler');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: DeliveryQueue,
    private readonly worker: DeliveryWorker,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SCHEDULER_ENABLED) return;
    const url = (this.db.options as { url?: string }).url;
    if (!url) throw new Error('The scheduler needs the database URL');
    await this.queue.start(url, (jobs) => this.worker.run(jobs));
    this.stopped = false;
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.queue.stop();
  }

  /** One pass: everything due now becomes an event, and every event a queued delivery. */
  async runOnce(): Promise<void> {
    // Dispatch after each batch, so deliveries of the first reminders start while later ones are turned.
    for (;;) {
      const turned = await this.db.transaction((m) => notifyDueFollowUps(m, BATCH));
      remindersDue.inc(turned);
      await this.dispatcher.dispatchPending();
      if (turned < BATCH) break;
    }
    schedulerLastRun.setToCurrentTime();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch((error: Error) => this.logger.error(`scheduler pass failed: ${error.message}`))
        .finally(() => {
          this.running = null;
          this.schedule(this.config.REMINDER_POLL_MS);
        });
    }, delayMs);
  }
}
