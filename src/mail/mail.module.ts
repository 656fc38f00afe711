import { Module } from '@nestjs/common';
import { FollowUpDeliveriesController } from './follow-up-deliveries.controller';
import { FollowUpDeliveriesService } from './follow-up-deliveries.service';
import { MailDeliveryModule } from './mail-delivery.module';

/** Reminder mails, and the list of a follow-up's deliveries (mails and webhooks) with their attempts. */
@Module({
  imports: [MailDeliveryModule],
  controllers: [FollowUpDeliveriesController],
  providers: [FollowUpDeliveriesService],
})
export class MailModule {}
