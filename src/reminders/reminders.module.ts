import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { ReminderScheduler } from './reminder-scheduler';

@Module({
  imports: [WebhooksModule],
  providers: [ReminderScheduler],
})
export class RemindersModule {}
