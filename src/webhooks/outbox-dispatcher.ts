import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryJob, DeliveryQueue } from './delivery-queue';
import { DeliveryLoops } from './delivery-loops';

/** Another channel's share of an outbox batch: its deliveries for these events, as first attempts to queue. */
export type FanOut = (m: EntityManager, eventIds: string[]) => Promise<DeliveryJob[]>;

/** Outbox events handled per transaction. */
const BATCH = 1000;

/**
 * Fans the outbox out to subscribers: each undispatched event becomes one webhook delivery per
 * active subscription to its type (subscribed before the event happened), due at once, and each
 * other channel's delivery (reminder mails) one queued first attempt — in the transaction that
 * marks the event dispatched. Row locks with SKIP LOCKED let every replica run this at once
 * without two of them taking the same event; a replica that dies mid-transaction leaves its
 * events undispatched for the next one.
 */
@Injectable()
export class OutboxDispatcher {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: DeliveryQueue,
    private readonly deliveries: DeliveriesRepository,
    private readonly loops: DeliveryLoops,
  ) {}

  private readonly fanOuts: FanOut[] = [];

  /** Another channel (reminder mails) takes its deliveries from each batch, in the same transaction. */
  addFanOut(fanOut: FanOut): void {
    this.fanOuts.push(fanOut);
  }

  /** Dispatches until the outbox is empty; returns how many events it took. */
  async dispatchPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const taken = await this.dispatchBatch();
      total += taken;
      if (taken < BATCH) return total;
    }
  }

  /**
   * One transaction in which `write` writes events already marked dispatched (the scheduler's
   * `follow_up.due`) and answers their ids; their deliveries are made in the same transaction, so
   * the events are never written twice nor left for `dispatchPending` to pick up. Returns how many
   * events `write` wrote.
   */
  dispatchNew(write: (m: EntityManager) => Promise<string[]>): Promise<number> {
    return this.fanOutIn(async (m) => {
      const eventIds = await write(m);
      return { eventIds, deliveries: await this.deliveries.deliveriesOf(m, eventIds) };
    });
  }

  private dispatchBatch(): Promise<number> {
    return this.fanOutIn(async (m) => {
      const row = await this.deliveries.dispatch(m, BATCH);
      return { eventIds: row.event_ids, deliveries: row.deliveries };
    });
  }

  /**
   * In one transaction: `work` takes events and makes their webhook deliveries; each other
   * channel's deliveries (reminder mails) are queued as first attempts. After the commit the loops
   * (webhooks) and the queue (other channels) are woken. Returns how many events `work` took.
   */
  private async fanOutIn(
    work: (m: EntityManager) => Promise<{ eventIds: string[]; deliveries: number }>,
  ): Promise<number> {
    const { eventIds, deliveries, queued } = await this.db.transaction(async (m) => {
      const taken = await work(m);
      const jobs: DeliveryJob[] = [];
      for (const fanOut of this.fanOuts) jobs.push(...(await fanOut(m, taken.eventIds)));
      await this.queue.enqueue(m, jobs);
      return { ...taken, queued: jobs.length };
    });
    if (deliveries > 0) this.loops.wake();
    if (queued > 0) this.queue.wake();
    return eventIds.length;
  }
}
