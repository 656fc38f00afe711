import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FeedDocumentsService } from './feed-documents.service';
import { FeedFilesController } from './feed-files.controller';
import { FeedsController } from './feeds.controller';
import { FeedsService } from './feeds.service';
import { IdempotencyModule } from '../idempotency/idempotency.module';

@Module({
  imports: [IdempotencyModule, AuditModule],
  controllers: [FeedsController, FeedFilesController],
  providers: [FeedsService, FeedDocumentsService],
})
export class FeedsModule {}
