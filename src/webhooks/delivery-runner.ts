import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config';
import { DeliveryQueue } from './delivery-queue';
import { DeliveryWorker } from './delivery-worker';

/**
 * Starts the delivery queue and its worker in a process that runs background work
 * (SCHEDULER_ENABLED), and stops them after every module's destroy hook — that is, after the
 * scheduler has finished its last pass, which may still queue deliveries.
 */
@Injectable()
export class DeliveryRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: DeliveryQueue,
    private readonly worker: DeliveryWorker,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SCHEDULER_ENABLED) return;
    const url = (this.db.options as { url?: string }).url;
    if (!url) throw new Error('Webhook delivery needs the database URL');
    await this.queue.start(url, (jobs) => this.worker.run(jobs));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.stop();
  }
}
