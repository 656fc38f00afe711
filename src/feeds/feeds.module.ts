import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FeedDocumentsService } from './feed-documents.service';
import { FeedFilesController } from './feed-files.controller';
import { FeedsController } from './feeds.controller';
import { FeedsService } from './feeds.service';

@Module({
  imports: [AuditModule],
  controllers: [FeedsController, FeedFilesController],
  providers: [FeedsService, FeedDocumentsService],
})
export class FeedsModule {}
