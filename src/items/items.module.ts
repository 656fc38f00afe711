import { SourcesModule } from '../sources/sources.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { FollowUpsModule } from '../follow-ups/follow-ups.module';
import { Citation } from './citation.entity';
import { ItemActor } from './item-actor.entity';
import { Item } from './item.entity';
import { DuplicatesController } from './duplicates.controller';
import { ExportController } from './export.controller';
import { ItemsController } from './items.controller';
import { ItemsReadService } from './items-read.service';
import { ItemsService } from './items.service';
import { MergeService } from './merge.service';
import { SimilarItems } from './similar';

@Module({
  imports: [TypeOrmModule.forFeature([Item, ItemActor, Citation]), AuditModule, FollowUpsModule, SourcesModule],
  // Static paths (export, similar) before ItemsController's `:id`.
  controllers: [ExportController, DuplicatesController, ItemsController],
  providers: [ItemsService, ItemsReadService, MergeService, SimilarItems],
  exports: [ItemsService],
})
export class ItemsModule {}
