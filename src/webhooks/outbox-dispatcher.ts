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

  private async dispatchBatch(): Promise<number> {
    const { events, deliveries, queued } = await this.db.transaction(async (m) => {
      const row = await this.deliveries.dispatch(m, BATCH);
      const jobs: DeliveryJob[] = [];
      for (const fanOut of this.fanOuts) jobs.push(...(await fanOut(m, row.event_ids)));
      await this.queue.enqueue(m, jobs);
      return { events: row.events, deliveries: row.deliveries, queued: jobs.length };
    });
    // Webhook deliveries are claimed from their table by DeliveryLoops; other channels' attempts are queued.
    if (deliveries > 0) this.loops.wake();
    if (queued > 0) this.queue.wake();
    return events;
  }
}
