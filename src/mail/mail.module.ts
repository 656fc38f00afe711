import { Module } from '@nestjs/common';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { FollowUpDeliveriesController } from './follow-up-deliveries.controller';
import { FollowUpDeliveriesService } from './follow-up-deliveries.service';
import { MailDeliveryModule } from './mail-delivery.module';

/** Reminder mails, and the list of a follow-up's deliveries (mails and webhooks) with their attempts. */
@Module({
  imports: [MailDeliveryModule, FollowUpsModule],
  controllers: [FollowUpDeliveriesController],
  providers: [FollowUpDeliveriesService],
})
export class MailModule {}
