import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { QuoteVerifier } from './quote-verifier';
import { Source } from './source.entity';
import { SourcesController } from './sources.controller';
import { SourcesRepository } from './sources.repository';
import { SourcesService } from './sources.service';
import { IdempotencyModule } from '../idempotency/idempotency.module';

@Module({
  imports: [IdempotencyModule, TypeOrmModule.forFeature([Source]), AuditModule],
  controllers: [SourcesController],
  providers: [SourcesService, SourcesRepository, QuoteVerifier],
  exports: [SourcesService, SourcesRepository, QuoteVerifier],
})
export class SourcesModule {}
