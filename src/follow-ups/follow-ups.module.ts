import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AutomaticFollowUps } from './automatic-follow-up';
import { DueFollowUps } from './due-follow-ups';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsService } from './follow-ups.service';
import { IdempotencyModule } from '../idempotency/idempotency.module';

@Module({
  imports: [IdempotencyModule, AuditModule],
  controllers: [FollowUpsController],
  providers: [FollowUpsService, AutomaticFollowUps, DueFollowUps],
  exports: [AutomaticFollowUps, DueFollowUps],
})
export class FollowUpsModule {}
