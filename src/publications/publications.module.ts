import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ItemsModule } from '../items/items.module';
import { SourcesModule } from '../sources/sources.module';
import { TimelineModule } from '../timeline/timeline.module';
import { PublicPagesController } from './public-pages.controller';
import { PublicationsController } from './publications.controller';
import { PublicationsRepository } from './publications.repository';
import { PublicationsService } from './publications.service';

/** Read-only tracker pages published from a filter (docs/public-pages.md). */
@Module({
  imports: [IdempotencyModule, AuditModule, ItemsModule, SourcesModule, TimelineModule],
  controllers: [PublicationsController, PublicPagesController],
  providers: [PublicationsService, PublicationsRepository],
})
export class PublicationsModule {}
