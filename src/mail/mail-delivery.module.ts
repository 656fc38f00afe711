import { Module } from '@nestjs/common';
import { WebhookDeliveryModule } from '../webhooks/webhook-delivery.module';
import { MailDeliveriesRepository } from './mail-deliveries.repository';
import { MailTransport } from './mail-transport';
import { MailWorker } from './mail-worker';

/** Reminder mails over SMTP_URL, fanned out and queued through the webhooks' outbox and delivery queue. No HTTP routes. */
@Module({
  imports: [WebhookDeliveryModule],
  providers: [MailTransport, MailWorker, MailDeliveriesRepository],
  exports: [MailDeliveriesRepository],
})
export class MailDeliveryModule {}
