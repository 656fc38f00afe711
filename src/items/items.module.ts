import { ExportSlots } from './export-slots';
import { Module } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module';
import { AuditModule } from '../audit/audit.module';
import { EventsModule } from '../events/events.module';
import { SourcesModule } from '../sources/sources.module';
import { DuplicatesController } from './duplicates.controller';
import { ExportController } from './export.controller';
import { ItemsController } from './items.controller';
import { ItemEditsController } from './item-edits.controller';
import { ItemEditsService } from './item-edits.service';
import { ItemsReadService } from './items-read.service';
import { ItemListsRepository } from './item-lists.repository';
import { ItemsRepositoryModule } from './items-repository.module';
import { ItemBatches } from './item-batches';
import { ItemBatchUpdates } from './item-batch-updates';
import { ItemsService } from './items.service';
import { StatusPeriodsRepository } from './status-periods.repository';
import { MergeService } from './merge.service';
import { SimilarItems } from './similar';
import { StatusHistory } from './status-history';
import { IdempotencyModule } from '../idempotency/idempotency.module';

@Module({
  imports: [IdempotencyModule, AuditModule, EventsModule, SourcesModule, ActorsModule, ItemsRepositoryModule],
  // Static paths (export, similar) before ItemsController's `:id`.
  controllers: [ExportController, DuplicatesController, ItemsController, ItemEditsController],
  providers: [
    ExportSlots,
    ItemsService,
    ItemBatches,
    ItemBatchUpdates,
    ItemsReadService,
    ItemEditsService,
    MergeService,
    SimilarItems,
    StatusHistory,
    ItemListsRepository,
    StatusPeriodsRepository,
  ],
  exports: [
    ItemsService,
    ItemBatches,
    ItemBatchUpdates,
    ItemsReadService,
    StatusHistory,
    SimilarItems,
    ItemsRepositoryModule,
  ],
})
export class ItemsModule {}
