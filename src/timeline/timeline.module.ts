import { SourcesModule } from '../sources/sources.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { TimelineController } from './timeline.controller';
import { TimelineService } from './timeline.service';
import { Evidence, Update } from './update.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Update, Evidence]), AuditModule, SourcesModule],
  controllers: [TimelineController],
  providers: [TimelineService],
  exports: [TimelineService],
})
export class TimelineModule {}
