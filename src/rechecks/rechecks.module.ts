import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ItemsRepositoryModule } from '../items/items-repository.module';
import { SourcesModule } from '../sources/sources.module';
import { RecheckScheduler } from './recheck-scheduler';
import { RecheckService } from './recheck.service';
import { RechecksController } from './rechecks.controller';

/** Sources fetched again, on request and on a schedule: live status, new snapshots, passages that left. */
@Module({
  imports: [SourcesModule, ItemsRepositoryModule, EventsModule, IdempotencyModule],
  controllers: [RechecksController],
  providers: [RecheckService, RecheckScheduler],
  exports: [RecheckScheduler],
})
export class RechecksModule {}
