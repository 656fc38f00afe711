import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config';
import { DueFollowUps } from '../follow-ups/due-follow-ups';
import { OutboxDispatcher } from '../webhooks/outbox-dispatcher';
import { remindersDue, schedulerLastRun } from './reminder.metrics';

/** Follow-ups turned into events per transaction. */
const BATCH = 1000;

/**
 * The background work of one process, when SCHEDULER_ENABLED: every REMINDER_POLL_MS, or sooner
 * when the next follow-up comes due sooner, turn due follow-ups into events and dispatch the
 * outbox to webhook subscribers; the webhooks feature's
 * DeliveryRunner sends the deliveries. Stops (waiting for the pass in progress) when the
 * application closes.
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
    private readonly dueFollowUps: DueFollowUps,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SCHEDULER_ENABLED) return;
    this.stopped = false;
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /**
   * One pass: everything due now becomes an event, and every event a queued delivery. Answers how
   * long to wait for the next pass: until the soonest scheduled follow-up comes due, at most
   * REMINDER_POLL_MS (a follow-up created meanwhile is found by the next poll). One still due
   * after the pass is held by another replica's pass (SKIP LOCKED): the full interval then.
   */
  async runOnce(): Promise<number> {
    // Each batch's events get their deliveries in the transaction that writes them, so the
    // deliveries of the first reminders start while later ones are turned.
    for (;;) {
      const turned = await this.dispatcher.dispatchNew((m) => this.dueFollowUps.notify(m, BATCH));
      remindersDue.inc(turned);
      if (turned < BATCH) break;
    }
    // The other events (item.created, …) from the outbox.
    await this.dispatcher.dispatchPending();
    schedulerLastRun.setToCurrentTime();
    const untilDue = await this.dueFollowUps.msUntilNext(this.db);
    const poll = this.config.REMINDER_POLL_MS;
    return untilDue === null || untilDue <= 0 ? poll : Math.min(poll, Math.ceil(untilDue));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch((error: Error) => {
          this.logger.error(`scheduler pass failed: ${error.message}`);
          return this.config.REMINDER_POLL_MS;
        })
        .then((nextMs) => {
          this.running = null;
          this.schedule(nextMs);
        });
    }, delayMs);
  }
}
