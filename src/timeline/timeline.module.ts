import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ItemsModule } from '../items/items.module';
import { SourcesModule } from '../sources/sources.module';
import { TimelineController } from './timeline.controller';
import { TimelineRepository } from './timeline.repository';
import { TimelineService } from './timeline.service';
import { IdempotencyModule } from '../idempotency/idempotency.module';

@Module({
  imports: [IdempotencyModule, AuditModule, ItemsModule, SourcesModule],
  controllers: [TimelineController],
  providers: [TimelineService, TimelineRepository],
  exports: [TimelineService, TimelineRepository],
})
export class TimelineModule {}
