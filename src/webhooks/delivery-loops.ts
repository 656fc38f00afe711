import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryWorker } from './delivery-worker';

/**
 * Deliveries claimed per statement; a full batch is followed by another claim at once. 400 rather
 * than 200: the claim and the record cost less per delivery in larger batches (pg_stat_statements
 * over the reminders bench: their time per 10,000 deliveries 1.79 → 1.28 s), see
 * docs/reminders-and-webhooks.md.
 */
export const CLAIM_BATCH = 400;
/**
 * Claim loops per process: while one batch is being POSTed, another is claimed or recorded, so
 * the database round trips of one overlap the HTTP of the other.
 */
export const CLAIM_LOOPS = 2;
/** How often an idle loop looks for due deliveries (retries coming due, other replicas' events). */
const POLL_MS = 500;

/**
 * Sends webhook deliveries in a process that runs background work: each loop claims due
 * deliveries straight from `webhook_deliveries` (DeliveriesRepository.claim, a lease), has
 * DeliveryWorker POST and record them, and claims again — at once after a full batch, else after
 * POLL_MS or as soon as `wake` says this process has just dispatched new ones.
 */
@Injectable()
export class DeliveryLoops {
  private readonly logger = new Logger('DeliveryLoops');
  private loops: Promise<void>[] = [];
  private stopped = true;
  /** Bumped by `wake`: a loop that saw it move while claiming does not go to sleep. */
  private wakes = 0;
  private readonly sleepers = new Set<() => void>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deliveries: DeliveriesRepository,
    private readonly worker: DeliveryWorker,
  ) {}

  start(): void {
    this.stopped = false;
    for (let i = 0; i < CLAIM_LOOPS; i++) this.loops.push(this.loop());
  }

  /** Stops claiming and waits for the batches in flight to be sent and recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await Promise.all(this.loops);
    this.loops = [];
  }

  /** New deliveries were dispatched: claim now instead of at the next poll. */
  wake(): void {
    this.wakes++;
    for (const resume of [...this.sleepers]) resume();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const seen = this.wakes;
      let claimed = 0;
      try {
        const due = await this.deliveries.claim(CLAIM_BATCH, this.leaseMs());
        claimed = due.length;
        await this.worker.run(due);
      } catch (error) {
        // The claimed deliveries are sent again (same webhook-id) when their lease runs out.
        this.logger.error(`webhook delivery batch failed: ${(error as Error).message}`);
      }
      if (claimed < CLAIM_BATCH && seen === this.wakes) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const resume = () => {
        clearTimeout(timer);
        this.sleepers.delete(resume);
        resolve();
      };
      const timer = setTimeout(resume, POLL_MS);
      this.sleepers.add(resume);
    });
  }

  /** A claimed attempt takes at most the HTTP timeout plus its database writes. */
  private leaseMs(): number {
    return this.config.WEBHOOK_TIMEOUT_MS + this.config.DELIVERY_LEASE_MARGIN_MS;
  }
}
