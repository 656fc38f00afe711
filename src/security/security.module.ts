import { Global, Module } from '@nestjs/common';
import { RequestBudget } from './request-budget';
import { SharedCounter } from '../common/shared-counter';

/**
 * The per-key (and per feed token) request budget, and the counters it and the failed-authentication
 * limits share across replicas; app.factory.ts counts keys at the door.
 */
@Global()
@Module({ providers: [RequestBudget, SharedCounter], exports: [RequestBudget, SharedCounter] })
export class SecurityModule {}
