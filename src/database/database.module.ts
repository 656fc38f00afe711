import { DynamicModule, Provider } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import { dataSourceOptions, EntityList } from './data-source';
import { ReadReplica } from './read-replica';

/**
 * TypeORM's root module on the service's pool settings; the API and the worker both start from it,
 * each with the entity list of its composition root (src/entities.ts).
 */
export function databaseModule(config: AppConfig, databaseUrl: string, entities: EntityList): DynamicModule {
  return TypeOrmModule.forRoot({
    ...dataSourceOptions(databaseUrl, config.DB_POOL_SIZE, timeouts(config), entities),
    retryAttempts: 2,
    retryDelay: 500,
  });
}

/**
 * The reads' router: a second pool (DataSource) on DATABASE_READ_URL when it is set, with the same
 * pool settings; without it every read uses the primary DataSource, unchanged.
 */
export const READ_REPLICA_PROVIDER = (config: AppConfig, entities: EntityList): Provider => ({
  provide: ReadReplica,
  inject: [getDataSourceToken()],
  useFactory: (primary: DataSource) =>
    new ReadReplica(
      primary,
      config.DATABASE_READ_URL
        ? new DataSource({
            ...dataSourceOptions(config.DATABASE_READ_URL, config.DB_POOL_SIZE, timeouts(config), entities),
            name: 'read',
          })
        : undefined,
      { waitMs: config.READ_YOUR_WRITES_WAIT_MS },
    ),
});

function timeouts(config: AppConfig) {
  return {
    connectMs: config.DB_CONNECT_TIMEOUT_MS,
    statementMs: config.DB_STATEMENT_TIMEOUT_MS,
    idleMs: config.DB_IDLE_TIMEOUT_MS,
  };
}
