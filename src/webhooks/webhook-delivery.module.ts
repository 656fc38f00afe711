import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DeliveriesRepository } from './deliveries.repository';
import { DeliveryQueue } from './delivery-queue';
import { DeliveryRunner } from './delivery-runner';
import { DeliveryWorker } from './delivery-worker';
import { OutboxDispatcher } from './outbox-dispatcher';

/** Sending events to subscribers: outbox fan-out, the pg-boss queue, signed attempts with retries. No HTTP routes. */
@Module({
  imports: [AuditModule],
  providers: [DeliveryQueue, DeliveryWorker, OutboxDispatcher, DeliveryRunner, DeliveriesRepository],
  exports: [OutboxDispatcher, DeliveryQueue, DeliveryRunner],
})
export class WebhookDeliveryModule {}
