import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { Source } from './source.entity';
import { SourcesController } from './sources.controller';
import { SourcesService } from './sources.service';
import { QuoteVerifier } from './quote-verifier';

@Module({
  imports: [TypeOrmModule.forFeature([Source]), AuditModule],
  controllers: [SourcesController],
  providers: [SourcesService, QuoteVerifier],
  exports: [SourcesService, QuoteVerifier],
})
export class SourcesModule {}
