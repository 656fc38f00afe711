import { Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyRepository } from './idempotency.repository';
import { IdempotencyStore } from './idempotency.store';

/** Imported by every module with POST routes (`@IdempotentPost`), whose interceptor needs the store. */
@Module({
  providers: [IdempotencyRepository, IdempotencyStore, IdempotencyInterceptor],
  exports: [IdempotencyStore, IdempotencyInterceptor],
})
export class IdempotencyModule {}
