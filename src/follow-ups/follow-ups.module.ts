import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ItemsRepositoryModule } from '../items/items-repository.module';
import { AutomaticFollowUps } from './automatic-follow-up';
import { DueFollowUps } from './due-follow-ups';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsRepository } from './follow-ups.repository';
import { FollowUpsService } from './follow-ups.service';
import { IdempotencyModule } from '../idempotency/idempotency.module';

@Module({
  imports: [IdempotencyModule, AuditModule, ItemsRepositoryModule],
  controllers: [FollowUpsController],
  providers: [FollowUpsService, FollowUpsRepository, AutomaticFollowUps, DueFollowUps],
  exports: [AutomaticFollowUps, DueFollowUps, FollowUpsRepository],
})
export class FollowUpsModule {}
