import { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config';
import { dataSourceOptions } from './data-source';

/** TypeORM's root module on the service's pool settings; the API and the worker both start from it. */
export function databaseModule(config: AppConfig, databaseUrl: string): DynamicModule {
  return TypeOrmModule.forRoot({
    ...dataSourceOptions(databaseUrl, config.DB_POOL_SIZE, {
      connectMs: config.DB_CONNECT_TIMEOUT_MS,
      statementMs: config.DB_STATEMENT_TIMEOUT_MS,
    }),
    retryAttempts: 2,
    retryDelay: 500,
  });
}
