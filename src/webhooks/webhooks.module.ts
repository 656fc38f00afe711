import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DeliveryQueue } from './delivery-queue';
import { DeliveryWorker } from './delivery-worker';
import { OutboxDispatcher } from './outbox-dispatcher';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [AuditModule],
  controllers: [WebhooksController],
  providers: [WebhooksService, DeliveryQueue, DeliveryWorker, OutboxDispatcher],
  exports: [DeliveryQueue, DeliveryWorker, OutboxDispatcher],
})
export class WebhooksModule {}
