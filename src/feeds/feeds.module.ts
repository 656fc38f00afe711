import { Module } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module';
import { AuditModule } from '../audit/audit.module';
import { ItemsRepositoryModule } from '../items/items-repository.module';
import { FeedDocumentsService } from './feed-documents.service';
import { FeedFilesController } from './feed-files.controller';
import { FeedsController } from './feeds.controller';
import { FeedsRepository } from './feeds.repository';
import { FeedsService } from './feeds.service';
import { IdempotencyModule } from '../idempotency/idempotency.module';

@Module({
  imports: [IdempotencyModule, AuditModule, ItemsRepositoryModule, ActorsModule],
  controllers: [FeedsController, FeedFilesController],
  providers: [FeedsService, FeedsRepository, FeedDocumentsService],
})
export class FeedsModule {}
