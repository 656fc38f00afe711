import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AutomaticFollowUps } from './automatic-follow-up';
import { DueFollowUps } from './due-follow-ups';
import { FollowUpsController } from './follow-ups.controller';
import { FollowUpsService } from './follow-ups.service';

@Module({
  imports: [AuditModule],
  controllers: [FollowUpsController],
  providers: [FollowUpsService, AutomaticFollowUps, DueFollowUps],
  exports: [AutomaticFollowUps, DueFollowUps],
})
export class FollowUpsModule {}
