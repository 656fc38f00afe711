import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';
import { IdempotencyModule } from '../idempotency/idempotency.module';

/** Subscriptions (admin): create, list, delete, and their delivery history. */
@Module({
  imports: [IdempotencyModule, AuditModule],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhooksRepository],
})
export class WebhooksModule {}
