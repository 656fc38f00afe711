import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config';
import { RateLimitGuard } from './rate-limit.guard';

/** Per-key rate limiting (in memory: each replica counts on its own). */
@Module({})
export class SecurityModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SecurityModule,
      imports: [
        ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }] }),
      ],
      providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
    };
  }
}
