import { Inject, Injectable, Logger } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config';
import { DeliveriesRepository } from './deliveries.repository';
import { SESSION_OPTIONS } from '../database/session';

export const DELIVERY_QUEUE = 'webhook-delivery';
/** Jobs fetched per poll; a full batch is followed by another fetch at once. */
export const DELIVERY_BATCH = 100;

/** One queued attempt: which delivery of which channel, and which attempt number it is expected to be. */
export interface DeliveryJob {
  deliveryId: string;
  attempt: number;
  /**
   * The channel whose registered handler runs it (`mail`: a reminder mail). A job without one is
   * a webhook attempt queued before webhook deliveries were claimed from their own table
   * (DeliveryLoops); those deliveries are still pending there and are sent from it.
   */
  channel?: string;
}

export type DeliveryHandler = (jobs: DeliveryJob[]) => Promise<void>;

/**
 * pg-boss (a Postgres job queue) runs the attempts of other channels than webhooks (reminder
 * mails): it hands each queued attempt to one worker of one replica, holds retries until their
 * `startAfter`, and when a worker dies mid-attempt (SIGKILL, OOM) it expires the job and gives it
 * to another worker. Jobs are inserted through the caller's transaction, so an attempt is queued
 * exactly when its delivery row (or the previous attempt's record) commits.
 */
@Injectable()
export class DeliveryQueue {
  private readonly logger = new Logger('DeliveryQueue');
  private boss: PgBoss | null = null;
  private workerId: string | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  /** Starts pg-boss (creating its schema on first use) and a worker that runs `handle`. */
  async start(databaseUrl: string, handle: DeliveryHandler): Promise<void> {
    const expireInSeconds = this.expireInSeconds();
    const boss = new PgBoss({
      connectionString: databaseUrl,
      // pg-boss hands these to pg's Pool, which takes `options` (its types do not list it).
      ...({ options: SESSION_OPTIONS } as object),
      max: 4,
      schedule: false,
      // Expired (crashed) attempts are found by maintenance; run it about as often as jobs expire.
      maintenanceIntervalSeconds: Math.min(60, expireInSeconds),
    });
    boss.on('error', (error: Error) => this.logger.error(`pg-boss: ${error.message}`));
    await boss.start();
    // pg-boss's own retries only cover a worker crash or a database error mid-batch; a failed
    // send is retried by queueing the next attempt (see MailWorker).
    await boss.createQueue(DELIVERY_QUEUE, {
      name: DELIVERY_QUEUE,
      retryLimit: 5,
      retryDelay: 1,
      expireInSeconds,
    });
    this.boss = boss;
    this.workerId = await boss.work<DeliveryJob>(
      DELIVERY_QUEUE,
      { batchSize: DELIVERY_BATCH, pollingIntervalSeconds: 0.5 },
      async (jobs) => {
        await handle(jobs.map((j) => j.data));
        if (jobs.length === DELIVERY_BATCH) this.wake();
      },
    );
  }

  /** Queues attempts in the caller's transaction (`m` must be a transaction's manager). */
  async enqueue(m: EntityManager, jobs: (DeliveryJob & { startAfter?: Date })[]): Promise<void> {
    if (jobs.length === 0) return;
    if (!this.boss) throw new Error('DeliveryQueue is not started');
    // pg-boss runs its INSERT through this executor, that is, on the caller's transaction.
    const db = this.deliveries.executor(m);
    await this.boss.insert(
      jobs.map(({ startAfter, ...data }) => ({
        name: DELIVERY_QUEUE,
        data,
        startAfter: startAfter?.toISOString(),
      })),
      { db },
    );
  }

  /** New work was queued here: fetch now instead of at the next poll. */
  wake(): void {
    if (this.workerId) this.boss?.notifyWorker(this.workerId);
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    this.workerId = null;
    if (boss) await boss.stop({ graceful: true, wait: true, timeout: this.config.WEBHOOK_TIMEOUT_MS + 2000 });
  }

  /** A running attempt takes at most the HTTP timeout plus its database writes. */
  private expireInSeconds(): number {
    return Math.ceil((this.config.WEBHOOK_TIMEOUT_MS + this.config.DELIVERY_LEASE_MARGIN_MS) / 1000);
  }
}
