import { Global, Module } from '@nestjs/common';
import { RequestBudget } from './request-budget';
import { SharedCounter } from '../common/shared-counter';

/**
 * The per-key (and per feed token) request budget (@fastify/rate-limit), and the counters it and
 * the failed-authentication limits share across replicas; app.factory.ts installs the budget.
 */
@Global()
@Module({ providers: [RequestBudget, SharedCounter], exports: [RequestBudget, SharedCounter] })
export class SecurityModule {}
