import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config';
import { DeliveryHandler, DeliveryJob, DeliveryQueue } from './delivery-queue';
import { DeliveryLoops } from './delivery-loops';

/**
 * Starts the webhook delivery loops, and the queue of the other channels (reminder mails), in a
 * process that runs background work (SCHEDULER_ENABLED); stops them after every module's destroy
 * hook — that is, after the scheduler has finished its last pass, which may still dispatch
 * deliveries. Queued jobs go to the handler their channel registered.
 */
@Injectable()
export class DeliveryRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: DeliveryQueue,
    private readonly loops: DeliveryLoops,
  ) {}

  private readonly channels = new Map<string, DeliveryHandler>();

  /** Call before the application bootstraps (in onModuleInit): jobs carrying `channel` go to `handle`. */
  register(channel: string, handle: DeliveryHandler): void {
    this.channels.set(channel, handle);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SCHEDULER_ENABLED) return;
    const url = (this.db.options as { url?: string }).url;
    if (!url) throw new Error('Webhook delivery needs the database URL');
    await this.queue.start(url, (jobs) => this.route(jobs));
    this.loops.start();
  }

  /** Jobs without a channel (webhook attempts queued by an older version) are left to the loops. */
  private async route(jobs: DeliveryJob[]): Promise<void> {
    await Promise.all(
      [...this.channels].map(([channel, handle]) => handle(jobs.filter((j) => j.channel === channel))),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loops.stop();
    await this.queue.stop();
  }
}
