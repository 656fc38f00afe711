import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ApiKey } from '../auth/api-key.entity';
import { AuthModule } from '../auth/auth.module';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { IdempotencyModule } from '../idempotency/idempotency.module';

/** Managing API keys (admin): create, list, revoke, and the first admin key at start. */
@Module({
  imports: [IdempotencyModule, TypeOrmModule.forFeature([ApiKey]), AuditModule, AuthModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysService],
  exports: [ApiKeysService],
})
export class ApiKeysModule {}
