import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { QuoteVerifier } from './quote-verifier';
import { Source } from './source.entity';
import { SourcesController } from './sources.controller';
import { SourcesRepository } from './sources.repository';
import { SourcesService } from './sources.service';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { SourceFetchService } from './fetching/source-fetch.service';
import { SnapshotsRepository } from './snapshots.repository';
import { SourceArchiveController } from './source-archive.controller';
import { SourceArchiveService } from './source-archive.service';

@Module({
  imports: [IdempotencyModule, TypeOrmModule.forFeature([Source]), AuditModule],
  controllers: [SourcesController, SourceArchiveController],
  providers: [
    SourcesService,
    SourcesRepository,
    QuoteVerifier,
    SourceFetchService,
    SourceArchiveService,
    SnapshotsRepository,
  ],
  exports: [SourcesService, SourcesRepository, QuoteVerifier, SourceFetchService, SnapshotsRepository],
})
export class SourcesModule {}
