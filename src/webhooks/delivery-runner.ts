import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config';
import { DeliveryHandler, DeliveryJob, DeliveryQueue } from './delivery-queue';
import { DeliveryWorker } from './delivery-worker';

/**
 * Starts the delivery queue and its worker in a process that runs background work
 * (SCHEDULER_ENABLED), and stops them after every module's destroy hook — that is, after the
 * scheduler has finished its last pass, which may still queue deliveries. Webhook attempts go
 * to DeliveryWorker; another channel's (reminder mails) to the handler it registered.
 */
@Injectable()
export class DeliveryRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queue: DeliveryQueue,
    private readonly worker: DeliveryWorker,
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
  }

  private async route(jobs: DeliveryJob[]): Promise<void> {
    await Promise.all([
      this.worker.run(jobs.filter((j) => j.channel === undefined)),
      ...[...this.channels].map(([channel, handle]) => handle(jobs.filter((j) => j.channel === channel))),
    ]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.stop();
  }
}
