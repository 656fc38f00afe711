import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { Citation } from './citation.entity';
import { ItemActor } from './item-actor.entity';
import { Item } from './item.entity';
import { DuplicatesController } from './duplicates.controller';
import { ExportController } from './export.controller';
import { ItemsController } from './items.controller';
import { ItemsService } from './items.service';
import { MergeService } from './merge.service';

@Module({
  imports: [TypeOrmModule.forFeature([Item, ItemActor, Citation]), AuditModule],
  // Static paths (export, similar) before ItemsController's `:id`.
  controllers: [ExportController, DuplicatesController, ItemsController],
  providers: [ItemsService, MergeService],
  exports: [ItemsService],
})
export class ItemsModule {}
