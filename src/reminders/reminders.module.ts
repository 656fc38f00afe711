import { Module } from '@nestjs/common';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { WebhookDeliveryModule } from '../webhooks/webhook-delivery.module';
import { ReminderScheduler } from './reminder-scheduler';

/** The scheduler loop: due follow-ups become events, events become webhook deliveries. */
@Module({
  imports: [FollowUpsModule, WebhookDeliveryModule],
  providers: [ReminderScheduler],
})
export class RemindersModule {}
