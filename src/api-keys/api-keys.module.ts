import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { IdempotencyModule } from '../idempotency/idempotency.module';

/**
 * Managing API keys (admin): create, list, revoke, and the first admin key at start. Owns
 * `api_keys`; authentication reads it through ApiKeysRepository (IssuedApiKeys, bound in AppModule).
 */
@Module({
  imports: [IdempotencyModule, AuditModule, AuthModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysRepository, ApiKeysService],
  exports: [ApiKeysRepository, ApiKeysService],
})
export class ApiKeysModule {}
