import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryLoops } from './delivery-loops';
import { DeliveryQueue } from './delivery-queue';
import { DeliveryRunner } from './delivery-runner';
import { DeliveryWorker } from './delivery-worker';
import { OutboxDispatcher } from './outbox-dispatcher';

/**
 * Sending events to subscribers: outbox fan-out, delivery loops that claim webhook deliveries,
 * signed attempts with retries, the pg-boss queue of the other channels. No HTTP routes.
 */
@Module({
  imports: [AuditModule],
  providers: [
    DeliveryQueue,
    DeliveryLoops,
    DeliveryWorker,
    OutboxDispatcher,
    DeliveryRunner,
    DeliveriesRepository,
  ],
  exports: [OutboxDispatcher, DeliveryQueue, DeliveryRunner],
})
export class WebhookDeliveryModule {}
