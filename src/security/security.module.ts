import { Global, Module } from '@nestjs/common';
import { RequestBudget } from './request-budget';

/** The per-key (and per feed token) request budget; app.factory.ts counts keys at the door. */
@Global()
@Module({ providers: [RequestBudget], exports: [RequestBudget] })
export class SecurityModule {}
