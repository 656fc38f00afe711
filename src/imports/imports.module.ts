import { Module } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module';
import { AuditModule } from '../audit/audit.module';
import { ItemsModule } from '../items/items.module';
import { SourcesModule } from '../sources/sources.module';
import { TimelineModule } from '../timeline/timeline.module';
import { ImportPlanner } from './import-plan';
import { ImportWriter } from './import-writer';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';
import { ImportLayouts } from './layout-export';
import { RowSources } from './row-sources';

/** Spreadsheets in (POST /v1/imports) and back out in their own columns (docs/imports.md). */
@Module({
  imports: [AuditModule, ActorsModule, SourcesModule, ItemsModule, TimelineModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportPlanner, ImportWriter, ImportsRepository, RowSources, ImportLayouts],
  exports: [ImportLayouts],
})
export class ImportsModule {}
