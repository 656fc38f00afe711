import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { Actor } from './actor.entity';
import { ActorsController } from './actors.controller';
import { ActorsRepository } from './actors.repository';
import { ActorsService } from './actors.service';
import { IdempotencyModule } from '../idempotency/idempotency.module';

@Module({
  imports: [IdempotencyModule, TypeOrmModule.forFeature([Actor]), AuditModule],
  controllers: [ActorsController],
  providers: [ActorsService, ActorsRepository],
  exports: [ActorsService, ActorsRepository],
})
export class ActorsModule {}
